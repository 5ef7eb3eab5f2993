/// Where rules get their word lists from: the built-in `Wordlists/` and any the configuration adds.
public protocol WordlistSource: Sendable {
    /// The lists called `name` (for example "siglas"): the built-in one first, then the user's.
    func wordlists(named name: String) throws -> [Wordlist]

    /// Data a rule compiled from lists in an earlier run (a lexicon), stored under `key`, if the
    /// source keeps such data. The key names everything the data was built from.
    func compiled(_ key: String) -> [UInt8]?

    /// Keeps compiled data for later runs, when the source can; failing to is not an error.
    func storeCompiled(_ key: String, _ bytes: [UInt8])
}

extension WordlistSource {
    public func compiled(_ key: String) -> [UInt8]? { nil }
    public func storeCompiled(_ key: String, _ bytes: [UInt8]) {}
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
        // Lists are read at every start-up: split and trim bytes, not Characters.
        let bytes = Array(contents.utf8)
        var number = 0
        var lineStart = 0
        while lineStart <= bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            number += 1
            var start = lineStart
            var end = lineEnd
            while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
            while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 || bytes[end - 1] == 0x0D { end -= 1 }
            if start < end && bytes[start] != UInt8(ascii: "#") {
                entries.append(Entry(line: number, text: String(decoding: bytes[start..<end], as: UTF8.self)))
            }
            lineStart = lineEnd + 1
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
