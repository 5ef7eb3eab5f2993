import CriterioRegex

/// A path pattern as shells and `.gitignore` write them, matched against `/`-separated paths:
/// `*` (within one folder), `**` (any number of folders), `?`, `[abc]`, `{md,txt}`.
public struct GlobPattern: Sendable, CustomStringConvertible {
    public let description: String
    private let regex: RegexPattern

    public init(_ glob: String) throws(DraftInputError) {
        description = glob
        do {
            regex = try RegexPattern("^" + Self.translate(Self.normalize(glob)) + "$")
        } catch {
            throw DraftInputError(path: glob, message: "patrón de rutas inválido")
        }
    }

    /// Whether `path` matches; a leading `./` is ignored on both sides.
    public func matches(_ path: String) -> Bool {
        !regex.matchRanges(in: Self.normalize(path)).isEmpty
    }

    /// Whether a string uses any glob syntax.
    public static func isPattern(_ string: String) -> Bool {
        string.contains { "*?[{".contains($0) }
    }

    /// The folder to walk to find matches: the part before the first component with glob syntax.
    public var baseDirectory: String {
        let components = Self.normalize(description).split(separator: "/", omittingEmptySubsequences: false)
        var base: [Substring] = []
        for component in components.dropLast() {
            if Self.isPattern(String(component)) { break }
            base.append(component)
        }
        if base.isEmpty { return description.hasPrefix("/") ? "/" : "." }
        let joined = base.joined(separator: "/")
        return joined.isEmpty ? "/" : joined
    }

    static func normalize(_ path: String) -> String {
        var result = Substring(path)
        while result.hasPrefix("./") { result = result.dropFirst(2) }
        return String(result)
    }

    private static func translate(_ glob: String) -> String {
        var regex = ""
        var characters = Array(glob)
        var index = 0
        var braceDepth = 0
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "*":
                if index + 1 < characters.count, characters[index + 1] == "*" {
                    let followedBySlash = index + 2 < characters.count && characters[index + 2] == "/"
                    regex += followedBySlash ? "(?:.*/)?" : ".*"
                    index += followedBySlash ? 3 : 2
                    continue
                }
                regex += "[^/]*"
            case "?":
                regex += "[^/]"
            case "[":
                if let close = characters[(index + 1)...].firstIndex(of: "]") {
                    var body = String(characters[(index + 1)..<close])
                    if body.hasPrefix("!") { body = "^" + body.dropFirst() }
                    regex += "[" + body.replacingAll("\\", with: "\\\\") + "]"
                    index = close + 1
                    continue
                }
                regex += "\\["
            case "{":
                braceDepth += 1
                regex += "(?:"
            case "}" where braceDepth > 0:
                braceDepth -= 1
                regex += ")"
            case "," where braceDepth > 0:
                regex += "|"
            default:
                regex += RegexPattern.escape(String(character))
            }
            index += 1
        }
        characters.removeAll()
        return regex
    }
}
