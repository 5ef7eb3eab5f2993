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

    /// An institutional site: a host (with its subdomains) and, for accounts, a path prefix.
    struct Site: Sendable {
        let host: String
        let path: String

        init(_ entry: String) {
            var rest = Substring(entry.lowercased())
            for scheme in ["https://", "http://"] where rest.hasPrefix(scheme) { rest = rest.dropFirst(scheme.count) }
            if rest.hasPrefix("www.") { rest = rest.dropFirst(4) }
            let slash = rest.firstIndex(of: "/") ?? rest.endIndex
            host = String(rest[..<slash])
            var path = String(rest[slash...])
            while path.hasSuffix("/") { path.removeLast() }
            self.path = path
        }

        func covers(host linkHost: String, path linkPath: String) -> Bool {
            guard linkHost == host || linkHost.hasSuffix("." + host) else { return false }
            guard !path.isEmpty else { return true }
            guard linkPath.hasPrefix(path) else { return false }
            let next = linkPath.dropFirst(path.count).first
            return next == nil || next == "/" || next == "?" || next == "#"
        }
    }

    private let sites: [Site]
    private let shorteners: [Site]

    public init(configuration: RuleConfiguration) throws {
        let listed = try configuration.wordlists.wordlists(named: "enlace-externo/dominios-institucionales").flatMap(\.entries).map(\.text)
        sites = (listed + configuration.options.strings("dominios")).map(Site.init)
        shorteners = try configuration.wordlists.wordlists(named: "enlace-externo/acortadores").flatMap(\.entries).map { Site($0.text) }
    }

    public func check(_ post: AnalyzedPost) -> [Finding] {
        guard !post.links.isEmpty else { return [] }
        var findings: [Finding] = []
        for link in post.links {
            let host = link.host
            let path = Self.path(of: link.url)
            if shorteners.contains(where: { $0.covers(host: host, path: "") }) {
                findings.append(
                    finding(
                        in: post, range: link.range,
                        message: "Enlace acortado (\(host)): no deja ver a dónde lleva; usa el enlace completo o consulta a la CNCS.",
                        kind: "acortador"))
            } else if !sites.contains(where: { $0.covers(host: host, path: path) }) {
                findings.append(
                    finding(
                        in: post, range: link.range,
                        message: "Enlace a un sitio ajeno al INE (\(host)): solo se publica si se vincula directamente con los fines del Instituto; consulta a la CNCS.",
                        kind: "externo"))
            }
        }
        return findings
    }

    /// The path of a URL in lower case, without a trailing slash ("/inemexico/status/1").
    static func path(of url: String) -> String {
        var rest = Substring(url.lowercased())
        for scheme in ["https://", "http://"] where rest.hasPrefix(scheme) { rest = rest.dropFirst(scheme.count) }
        guard let slash = rest.firstIndex(where: { "/?#".contains($0) }) else { return "" }
        var path = String(rest[slash...])
        if let query = path.firstIndex(where: { "?#".contains($0) }) { path = String(path[..<query]) }
        while path.hasSuffix("/") { path.removeLast() }
        return path
    }
}
