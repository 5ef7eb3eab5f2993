import CriterioCore

/// Criteria 6.vi and 6.ix: links to sites outside the Institute only when they relate directly to
/// its purposes and programmes; links to the pages where it offers services or streams its events
/// (www.ine.mx) are the norm.
public struct EnlaceExternoRule: Rule {
    public static let description = RuleDescription(
        id: "enlace-externo",
        name: "Enlace a un sitio externo",
        criteria: [.vi, .ix],
        defaultSeverity: .consult,
        summary: "Enlaces a sitios que no son del INE ni oficiales, y enlaces acortados.",
        rationale: """
            Los enlaces a sitios del Instituto (ine.mx y sus subdominios, votoextranjero.mx), a la \
            Plataforma Nacional de Transparencia y a las cuentas institucionales en redes sociales no \
            se reportan (Wordlists/data/enlace-externo/dominios-institucionales.txt; la opción \
            «dominios» añade más, como «te.gob.mx» o «youtube.com/@INEJalisco»). Cualquier otro enlace \
            pide consulta: un sitio ajeno solo se enlaza si se vincula directamente con los fines y \
            programas del Instituto, y un artículo periodístico o científico solo si habla del \
            Instituto (6.vi). Los enlaces acortados (bit.ly, t.co… en \
            Wordlists/data/enlace-externo/acortadores.txt) se reportan siempre, porque no dejan ver a \
            dónde llevan. Solo se revisan los enlaces del texto; el material de «media:» lo revisa \
            sin-multimedia.
            """,
        options: [
            RuleOption(
                "dominios", default: .strings([]),
                "Dominios (o dominio/ruta) que se consideran institucionales además de los de la lista."),
        ],
        kinds: [
            RuleKind("externo", "enlace a un sitio ajeno al INE"),
            RuleKind("acortador", "enlace acortado, que no deja ver a dónde lleva"),
        ],
        wordlists: [siteList, shortenerList],
        triggeringExamples: [
            RuleExample("Lee la nota completa en ↓https://www.eluniversal.com.mx/nacion/elecciones-2024", kind: "externo"),
            RuleExample("Descarga la guía en ↓bit.ly/guia-votante", kind: "acortador"),
            RuleExample("Mira el video: ↓https://www.youtube.com/watch?v=abc123", kind: "externo"),
            RuleExample("Consulta ↓https://x.com/INEMexicoFalso/status/1", kind: "externo"),
            RuleExample(
                "Resolución del Tribunal: ↓https://www.te.gob.mx/sentencias", kind: "externo",
                options: ["dominios": .strings(["ine.mx"])]),
        ],
        nonTriggeringExamples: [
            RuleExample("Ubica tu casilla en https://ubicatucasilla.ine.mx y lleva tu credencial."),
            RuleExample("Regístrate en votoextranjero.mx antes del 25 de febrero."),
            RuleExample("Sigue la sesión en https://www.youtube.com/@INETV/live"),
            RuleExample("Solicita información en https://www.plataformadetransparencia.org.mx"),
            RuleExample("Responde dudas en https://x.com/INEtelMX"),
            RuleExample("Resolución del Tribunal: https://www.te.gob.mx/sentencias", options: ["dominios": .strings(["te.gob.mx"])]),
        ])

    /// An institutional site: a host (with its subdomains) and, for accounts, a path prefix, in
    /// lower-case bytes.
    struct Site: Sendable {
        let host: [UInt8]
        let path: [UInt8]

        init(_ entry: String) {
            let (host, path) = URLParts.split(Array(entry.utf8)[...])
            self.host = host.map(URLParts.lowercased)
            var trimmed = path.map(URLParts.lowercased)
            while trimmed.last == UInt8(ascii: "/") { trimmed.removeLast() }
            self.path = trimmed
        }

        /// Whether a link with this host and path (as written) is on the site.
        func covers(host linkHost: ArraySlice<UInt8>, path linkPath: ArraySlice<UInt8>) -> Bool {
            guard URLParts.hasSuffix(linkHost, host) else { return false }
            if linkHost.count > host.count, linkHost[linkHost.endIndex - host.count - 1] != UInt8(ascii: ".") { return false }
            guard !path.isEmpty else { return true }
            guard URLParts.hasPrefix(linkPath, path) else { return false }
            guard linkPath.count > path.count else { return true }
            let next = linkPath[linkPath.startIndex + path.count]
            return next == UInt8(ascii: "/") || next == UInt8(ascii: "?") || next == UInt8(ascii: "#")
        }
    }

    private static let siteList = "enlace-externo/dominios-institucionales"
    private static let shortenerList = "enlace-externo/acortadores"

    private let sites: [Site]
    private let shorteners: [Site]

    public init(configuration: RuleConfiguration) throws {
        let listed = try configuration.wordlists.wordlists(named: Self.siteList).flatMap(\.entries).map(\.text)
        sites = (listed + configuration.options.strings("dominios")).map(Site.init)
        shorteners = try configuration.wordlists.wordlists(named: Self.shortenerList).flatMap(\.entries).map { Site($0.text) }
    }

    public func check(_ post: AnalyzedPost) -> [Finding] {
        guard !post.links.isEmpty else { return [] }
        var findings: [Finding] = []
        for link in post.links {
            let (host, path) = URLParts.split(post.text.bytes[link.range])
            // Most links are the Institute's own: look at the institutional sites first.
            if sites.contains(where: { $0.covers(host: host, path: path) }) { continue }
            if shorteners.contains(where: { $0.covers(host: host, path: path) }) {
                findings.append(
                    finding(
                        in: post, range: link.range,
                        message: "Enlace acortado (\(URLParts.text(host))): no deja ver a dónde lleva; usa el enlace completo o consulta a la CNCS.",
                        kind: "acortador"))
            } else {
                findings.append(
                    finding(
                        in: post, range: link.range,
                        message: "Enlace a un sitio ajeno al INE (\(URLParts.text(host))): solo se publica si se vincula directamente con los fines del Instituto; consulta a la CNCS.",
                        kind: "externo"))
            }
        }
        return findings
    }
}

/// The host and path of a URL as bytes, without allocating: what a link check needs for every link
/// of every post.
enum URLParts {
    /// The host (without scheme, `www.` or port) and the path (from its `/`, without query or
    /// fragment) of a URL or bare domain.
    static func split(_ url: ArraySlice<UInt8>) -> (host: ArraySlice<UInt8>, path: ArraySlice<UInt8>) {
        var rest = url
        if hasPrefix(rest, https) {
            rest = rest.dropFirst(https.count)
        } else if hasPrefix(rest, http) {
            rest = rest.dropFirst(http.count)
        }
        if hasPrefix(rest, www) { rest = rest.dropFirst(www.count) }
        let hostEnd = rest.firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: ":") }
            ?? rest.endIndex
        var pathStart = hostEnd
        while pathStart < rest.endIndex, rest[pathStart] != UInt8(ascii: "/"), rest[pathStart] != UInt8(ascii: "?"),
            rest[pathStart] != UInt8(ascii: "#")
        {
            pathStart += 1  // a port
        }
        var pathEnd = pathStart
        while pathEnd < rest.endIndex, rest[pathEnd] != UInt8(ascii: "?"), rest[pathEnd] != UInt8(ascii: "#") { pathEnd += 1 }
        return (rest[rest.startIndex..<hostEnd], rest[pathStart..<pathEnd])
    }

    private static let https = Array("https://".utf8)
    private static let http = Array("http://".utf8)
    private static let www = Array("www.".utf8)

    /// A host as text, in lower case ("eluniversal.com.mx").
    static func text(_ host: ArraySlice<UInt8>) -> String {
        String(decoding: host.map(lowercased), as: UTF8.self)
    }

    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    /// Whether `bytes` starts with `prefix` (lower case), ignoring ASCII case.
    static func hasPrefix(_ bytes: ArraySlice<UInt8>, _ prefix: [UInt8]) -> Bool {
        guard bytes.count >= prefix.count else { return false }
        var index = bytes.startIndex
        for expected in prefix {
            if lowercased(bytes[index]) != expected { return false }
            index += 1
        }
        return true
    }

    /// Whether `bytes` ends with `suffix` (lower case), ignoring ASCII case.
    static func hasSuffix(_ bytes: ArraySlice<UInt8>, _ suffix: [UInt8]) -> Bool {
        guard bytes.count >= suffix.count else { return false }
        var index = bytes.endIndex - suffix.count
        for expected in suffix {
            if lowercased(bytes[index]) != expected { return false }
            index += 1
        }
        return true
    }
}
