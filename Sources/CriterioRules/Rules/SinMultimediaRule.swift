import CriterioCore

/// Criterion 6.xxvii: posts go with audiovisual material, not text alone.
public struct SinMultimediaRule: Rule {
    public static let description = RuleDescription(
        id: "sin-multimedia",
        name: "Publicación sin material audiovisual",
        criteria: [.xxvii],
        defaultSeverity: .warning,
        summary: "Publicación sin imagen, video ni audio, o con un archivo multimedia que no existe.",
        rationale: """
            El material se declara en el front matter (`media:` o `multimedia:`) o en la clave `media` \
            del JSON, como ruta o URL. Las rutas relativas se buscan desde la carpeta del borrador. \
            Se reporta una publicación sin material, un archivo que no existe y un archivo que no es \
            imagen, video ni audio (las extensiones admitidas están en Wordlists/data/sin-multimedia/formatos.txt).
            """,
        wordlists: [formatList],
        triggeringExamples: [
            RuleExample("↓Consulta los resultados de la sesión del Consejo General."),
            RuleExample("---\nnetwork: facebook\nmedia: []\n---\n↓Hoy inicia la campaña de actualización."),
            RuleExample("---\nmedia:\n  - ↓infografia.png\n---\nConoce cómo votar desde el extranjero."),
            RuleExample("---\nmedia: [↓acuerdo.pdf]\n---\nPublicamos el acuerdo aprobado.", files: ["acuerdo.pdf"]),
        ],
        nonTriggeringExamples: [
            RuleExample("---\nmedia:\n  - infografia.png\n---\nConoce cómo votar desde el extranjero.", files: ["infografia.png"]),
            RuleExample("---\nmultimedia: https://www.youtube.com/watch?v=abc123\n---\nMira la sesión en vivo."),
            RuleExample("---\nmedia: [video/spot.mp4, https://ine.mx/foto.jpg]\n---\nNuevo spot.", files: ["video/spot.mp4"]),
        ])

    private static let formatList = "sin-multimedia/formatos"

    private let formats: Set<String>

    public init(configuration: RuleConfiguration) throws {
        formats = Set(try configuration.wordlists.wordlists(named: Self.formatList).flatMap { $0.entries.map { $0.text.lowercased() } })
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
            let fileExtension = item.fileExtension
            if item.exists == false {
                findings.append(
                    finding(in: post, range: range, message: "El archivo multimedia «\(item.value)» no existe (la ruta se busca desde la carpeta del borrador)."))
            } else if !fileExtension.isEmpty && !formats.contains(fileExtension) && !(item.isRemote && !Self.looksLikeFile(item.value)) {
                findings.append(
                    finding(in: post, range: range, message: "«\(item.value)» no es imagen, video ni audio (.\(fileExtension)); la publicación necesita material audiovisual."))
            }
        }
        return findings
    }

    /// A URL whose last path segment has an extension names a file; a page URL (a video platform) does not.
    private static func looksLikeFile(_ url: String) -> Bool {
        var path = Substring(url)
        if let scheme = path.firstRange(of: "://") { path = path[scheme.upperBound...] }
        guard let slash = path.firstIndex(of: "/") else { return false }
        return path[slash...].split(separator: "/").last?.contains(".") ?? false
    }
}
