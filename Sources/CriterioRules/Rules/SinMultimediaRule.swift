import CriterioCore

/// Criterion 6.xxvii: posts go with audiovisual material, not text alone.
public struct SinMultimediaRule: Rule {
    public static let description = RuleDescription(
        id: "sin-multimedia",
        name: "Publicación sin material audiovisual",
        criteria: [.xxvii],
        defaultSeverity: .warning,
        summary: "Publicación sin imagen, video ni audio, o con material que no existe, no es audiovisual o está fuera del repositorio.",
        rationale: """
            El material se declara en el front matter (`media:` o `multimedia:`) o en la clave `media` \
            del JSON, como ruta o URL. Las rutas relativas se buscan desde la carpeta del borrador. Un \
            archivo local cuenta si es un archivo regular cuyo contenido es imagen, video o audio \
            (se reconoce por sus primeros bytes: PNG, JPEG, GIF, WebP, SVG, HEIC, MP4, MOV, WebM, AVI, \
            MP3, WAV, Ogg, FLAC…), no por su nombre, y si está dentro del repositorio del borrador (o de \
            su carpeta, fuera de un repositorio), con los enlaces simbólicos resueltos: `/etc/passwd` o \
            `../../otra/foto.png` no son material de la publicación. La opción «fuera_del_repositorio» \
            acepta archivos de otras carpetas. De una URL solo se ve la extensión (las de \
            Wordlists/data/sin-multimedia/formatos.txt); una página sin extensión (un video en una \
            plataforma) se acepta.
            """,
        options: [
            RuleOption(
                "fuera_del_repositorio", default: .bool(false),
                "Acepta material fuera del repositorio del borrador (o de su carpeta, fuera de un repositorio)."),
        ],
        wordlists: [formatList],
        triggeringExamples: [
            RuleExample("↓Consulta los resultados de la sesión del Consejo General."),
            RuleExample("---\nnetwork: facebook\nmedia: []\n---\n↓Hoy inicia la campaña de actualización."),
            RuleExample("---\nmedia:\n  - ↓infografia.png\n---\nConoce cómo votar desde el extranjero."),
            RuleExample("---\nmedia: [↓acuerdo.pdf]\n---\nPublicamos el acuerdo aprobado.", files: ["acuerdo.pdf"]),
            RuleExample("---\nmedia: [↓/etc/passwd]\n---\nPublicamos el acuerdo aprobado.", files: ["/etc/passwd"]),
            RuleExample("---\nmedia: [↓../../fotos/casilla.png]\n---\nAsí se instala una casilla.", files: ["../../fotos/casilla.png"]),
        ],
        nonTriggeringExamples: [
            RuleExample("---\nmedia:\n  - infografia.png\n---\nConoce cómo votar desde el extranjero.", files: ["infografia.png"]),
            RuleExample("---\nmultimedia: https://www.youtube.com/watch?v=abc123\n---\nMira la sesión en vivo."),
            RuleExample("---\nmedia: [video/spot.mp4, https://ine.mx/foto.jpg]\n---\nNuevo spot.", files: ["video/spot.mp4"]),
            RuleExample(
                "---\nmedia: [../../fotos/casilla.png]\n---\nAsí se instala una casilla.", files: ["../../fotos/casilla.png"],
                options: ["fuera_del_repositorio": .bool(true)]),
        ])

    private static let formatList = "sin-multimedia/formatos"

    private let formats: Set<String>
    private let allowsOutside: Bool

    public init(configuration: RuleConfiguration) throws {
        formats = Set(try configuration.wordlists.wordlists(named: Self.formatList).flatMap { $0.entries.map { $0.text.lowercased() } })
        allowsOutside = configuration.options.bool("fuera_del_repositorio")
    }

    public func check(_ post: AnalyzedPost) -> [Finding] {
        let media = post.metadata.media
        guard !media.isEmpty else {
            let start = post.firstProseOffset
            return [
                finding(
                    in: post, range: start..<start,
                    message: "La publicación no lleva imagen, video ni audio; agrégalo en «media:» del front matter.")
            ]
        }
        var findings: [Finding] = []
        for item in media {
            let range = item.range ?? (post.draft.frontMatterRange.map { $0.lowerBound..<$0.lowerBound } ?? 0..<0)
            if let message = problem(with: item) { findings.append(finding(in: post, range: range, message: message)) }
        }
        return findings
    }

    /// What is wrong with one entry of `media`, or nil.
    private func problem(with item: MediaReference) -> String? {
        let fileExtension = item.fileExtension
        guard let inspection = item.inspection else {
            // A URL, or a path nobody could look at (an archived post): only its extension tells.
            guard !fileExtension.isEmpty, !formats.contains(fileExtension), !(item.isRemote && !Self.looksLikeFile(item.value)) else { return nil }
            return "«\(item.value)» no es imagen, video ni audio (.\(fileExtension)); la publicación necesita material audiovisual."
        }
        if let root = inspection.outside, !allowsOutside {
            return "«\(item.value)» está fuera del repositorio del borrador (\(root)); el material de la publicación va junto a los borradores (o activa «fuera_del_repositorio»)."
        }
        switch inspection.content {
        case .audiovisual, .staged:
            return nil
        case .missing:
            return "El archivo multimedia «\(item.value)» no existe (la ruta se busca desde la carpeta del borrador)."
        case .notRegularFile:
            return "«\(item.value)» no es un archivo (es una carpeta u otra cosa); la publicación necesita una imagen, un video o un audio."
        case .unreadable(let reason):
            return "No se pudo leer el archivo multimedia «\(item.value)»: \(reason)."
        case .notAudiovisual:
            return "«\(item.value)» no es imagen, video ni audio por su contenido; la publicación necesita material audiovisual."
        }
    }

    /// A URL whose last path segment has an extension names a file; a page URL (a video platform) does not.
    private static func looksLikeFile(_ url: String) -> Bool {
        var path = Substring(url)
        if let scheme = path.firstRange(of: "://") { path = path[scheme.upperBound...] }
        guard let slash = path.firstIndex(of: "/") else { return false }
        return path[slash...].split(separator: "/").last?.contains(".") ?? false
    }
}
