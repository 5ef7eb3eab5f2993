import CriterioCore

/// The metadata keys of SPEC §3 and their Spanish aliases, shared by front matter and JSON drafts.
enum MetadataField: String, CaseIterable {
    case network, account, media, replyTo, area, author, createdAt, text

    var names: [String] {
        switch self {
        case .network: ["network", "red"]
        case .account: ["account", "cuenta"]
        case .media: ["media", "multimedia"]
        case .replyTo: ["reply_to", "respuesta_a"]
        case .area: ["area", "área"]
        case .author: ["author", "autor"]
        case .createdAt: ["created_at", "fecha"]
        case .text: ["text", "texto"]
        }
    }

    init?(key: String) {
        guard let field = MetadataField.allCases.first(where: { $0.names.contains(key) }) else { return nil }
        self = field
    }
}

/// A metadata value as read from YAML or JSON, with where it is written when known.
enum MetadataValue {
    case string(String, range: Range<Int>?)
    case list([(String, Range<Int>?)])
    case null
    /// Anything else, named in Spanish for the error message ("un número", "un mapa").
    case unsupported(String)
}

/// Builds `PostMetadata` key by key, refusing wrong types, unknown networks and a key given twice.
struct MetadataCollector {
    private(set) var metadata = PostMetadata()
    private(set) var text: String?
    private var seen: [MetadataField: String] = [:]
    let allowsText: Bool
    let inspectMedia: (String) -> MediaInspection?

    init(allowsText: Bool, inspectMedia: @escaping (String) -> MediaInspection?) {
        self.allowsText = allowsText
        self.inspectMedia = inspectMedia
    }

    /// Sets one key. Keys that are not metadata (a CMS's own `title`, `tags`…) are ignored.
    mutating func set(_ key: String, _ value: MetadataValue) throws(MetadataProblem) {
        guard let field = MetadataField(key: key) else { return }
        if field == .text && !allowsText { return }
        if let previous = seen[field] {
            throw MetadataProblem("«\(key)» repite «\(previous)»: usa solo uno de los dos")
        }
        seen[field] = key
        if case .null = value {
            // An empty value is an absent one, except for the text itself.
            if field == .text { throw MetadataProblem("«\(key)» es null; debe ser el texto de la publicación") }
            return
        }
        switch field {
        case .media:
            switch value {
            case .string(let path, let range):
                metadata.media = [reference(path, range)]
            case .list(let items):
                metadata.media = items.map { reference($0.0, $0.1) }
            default:
                throw MetadataProblem("«\(key)» debe ser una ruta o una lista de rutas o URL")
            }
        default:
            guard case .string(let string, _) = value else {
                throw MetadataProblem("«\(key)» debe ser un texto, no \(Self.typeName(value))")
            }
            try setString(field, key: key, string)
        }
    }

    private mutating func setString(_ field: MetadataField, key: String, _ string: String) throws(MetadataProblem) {
        switch field {
        case .network:
            guard let network = Network(name: string) else {
                let known = Network.allCases.map(\.rawValue).joined(separator: ", ")
                throw MetadataProblem("red «\(string)» desconocida; usa una de: \(known)")
            }
            metadata.network = network
        case .account: metadata.account = string
        case .replyTo: metadata.replyTo = string
        case .area: metadata.area = string
        case .author: metadata.author = string
        case .createdAt: metadata.createdAt = string
        case .text: text = string
        case .media: break
        }
    }

    private func reference(_ value: String, _ range: Range<Int>?) -> MediaReference {
        let isRemote = MediaReference.looksRemote(value)
        return MediaReference(value: value, isRemote: isRemote, inspection: isRemote ? nil : inspectMedia(value), range: range)
    }

    private static func typeName(_ value: MetadataValue) -> String {
        switch value {
        case .string: "un texto"
        case .list: "una lista"
        case .null: "un valor vacío"
        case .unsupported(let name): name
        }
    }
}

struct MetadataProblem: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
