/// How a draft file is read (SPEC §3).
public enum DraftFormat: String, Sendable, CaseIterable {
    /// Markdown with optional YAML front matter.
    case markdown
    /// Plain text with optional YAML front matter.
    case plainText
    /// A JSON object with `text` and the metadata keys.
    case json

    /// The format for a file name, or nil when Criterio does not read that kind of file.
    public init?(path: String) {
        // Searched as bytes: the name's last "/" and "." are ASCII, and looking for a Character
        // breaks the whole path into graphemes, for every file of a folder.
        let name = path.utf8.lastIndex(of: UInt8(ascii: "/")).map { path[path.utf8.index(after: $0)...] } ?? path[...]
        guard let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")), dot != name.startIndex else { return nil }
        switch name[name.index(after: dot)...].lowercased() {
        case "md", "markdown": self = .markdown
        case "txt", "text": self = .plainText
        case "json": self = .json
        default: return nil
        }
    }

    /// Extensions found when a directory is expanded.
    public static let draftExtensions: Set<String> = ["md", "markdown", "txt", "text", "json"]
}
