/// Where rules get their word lists from: the built-in `Wordlists/` and any the configuration adds.
public protocol WordlistSource: Sendable {
    /// The lists called `name` (for example "siglas"): the built-in one first, then the user's.
    func wordlists(named name: String) throws -> [Wordlist]
}

/// The text of one word-list file. Lines are entries; blank lines and lines starting with `#` are
/// ignored. What an entry means is up to the rule that reads it.
public struct Wordlist: Sendable {
    public struct Entry: Sendable {
        /// 1-based line in the file, for error messages.
        public let line: Int
        /// The entry with surrounding spaces removed.
        public let text: String
    }

    /// Path shown in error messages ("Wordlists/data/siglas.txt").
    public let origin: String
    public let entries: [Entry]

    public init(origin: String, contents: String) {
        self.origin = origin
        var entries: [Entry] = []
        var number = 0
        for line in contents.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let trimmed = line.trimmingSpaces
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            entries.append(Entry(line: number, text: trimmed))
        }
        self.entries = entries
    }

    /// An error located at one entry of this list.
    public func error(_ message: String, at entry: Entry) -> RuleConfigurationError {
        RuleConfigurationError(message, file: origin, line: entry.line)
    }
}

/// A source with fixed lists, for tests and embedding.
public struct InMemoryWordlists: WordlistSource {
    private let lists: [String: [Wordlist]]

    public init(_ lists: [String: String]) {
        self.lists = lists.mapValues { [Wordlist(origin: "<memoria>", contents: $0)] }
    }

    public func wordlists(named name: String) throws -> [Wordlist] {
        guard let found = lists[name] else {
            throw RuleConfigurationError("no existe la lista de palabras «\(name)»")
        }
        return found
    }
}
