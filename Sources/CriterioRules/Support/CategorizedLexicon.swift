import CriterioCore

/// A lexicon file (`término | categoría | confianza | excepciones`), with its allow-list and
/// supplements, ready to match: what a `LexiconRule` matches. A match reports its entry's category
/// (the finding's `kind`) and severity: the rule's own for `alta`, `consult` for `contexto`.
struct CategorizedLexicon: Sendable {
    struct Entry: Sendable {
        let category: String
        let severity: Severity
    }

    struct Match: Sendable {
        let entry: Entry
        let range: Range<Int>
    }

    private let lexicon: PhraseLexicon
    private let entries: [Entry]

    /// Compiling a lexicon takes far longer than linting a post, so the compiled form is kept by the
    /// word-list source when it can (see `WordlistSource.storeCompiled`), under a key made of
    /// everything it is built from: an edited list is compiled again.
    init(configuration: RuleConfiguration, declaration: LexiconDeclaration, ruleDefault: Severity) throws {
        let source = configuration.wordlists
        let categories = Set(declaration.categories.map(\.id))
        let lists = try source.wordlists(named: declaration.file)
        let allowedLists = try declaration.allowList.map { try source.wordlists(named: $0) } ?? []
        let supplements = try declaration.supplements.filter { configuration.options.bool($0.option.name) }.map {
            (supplement: $0, lists: try source.wordlists(named: $0.list))
        }
        let key = Self.key(
            list: declaration.file, lists: lists + allowedLists + supplements.flatMap(\.lists), categories: categories,
            ruleDefault: ruleDefault, supplements: supplements.map(\.supplement.option.name))
        if let bytes = source.compiled(key), let cached = try? Self(decoding: bytes) {
            self = cached
            return
        }
        var parsed = try LexiconFile.entries(in: lists, categories: categories)
        let allowed = try LexiconFile.phrases(in: allowedLists)
        let own = parsed
        for (supplement, lists) in supplements { parsed += try supplement.entries(lists, own, allowed) }
        lexicon = LexiconFile.lexicon(parsed, allowed: allowed)
        entries = parsed.map { Entry(category: $0.category, severity: $0.confidence.severity(ruleDefault: ruleDefault)) }
        source.storeCompiled(key, encoded())
    }

    private static let magic: UInt64 = 0x5843_4C5F_4F49_5243  // "CRIO_LCX"
    private static let version: UInt64 = 1

    /// "cortesia-lexico-1a2b…": the list's name, then a hash of everything the lexicon is built from.
    static func key(list: String, lists: [Wordlist], categories: Set<String>, ruleDefault: Severity, supplements: [String]) -> String {
        var text = "\(PhraseLexicon.serializationVersion)|\(version)|\(ruleDefault.rawValue)|\(categories.sorted().joined(separator: ","))"
        text += "|" + supplements.joined(separator: ",")
        for wordlist in lists { text += "|" + wordlist.origin + "|" + wordlist.entries.map(\.text).joined(separator: "\n") }
        let hash = String(FoldedHash.hash(text.utf8), radix: 16)
        return list.replacing("/", with: "-") + "-" + hash
    }

    private func encoded() -> [UInt8] {
        var writer = BinaryWriter()
        writer.write(lexicon.serialized())
        writer.write(entries.count)
        for entry in entries {
            writer.write(entry.category)
            writer.write(entry.severity.rawValue)
        }
        return writer.sealed(magic: Self.magic, version: Self.version)
    }

    private init(decoding bytes: [UInt8]) throws {
        var reader = try BinaryReader(sealed: bytes, magic: Self.magic, version: Self.version)
        lexicon = try PhraseLexicon(serialized: try reader.read())
        let count: Int = try reader.read()
        guard count >= 0, count < 1_000_000 else { throw BinaryCodingError() }
        var entries: [Entry] = []
        for _ in 0..<count {
            let category: String = try reader.read()
            guard let severity = Severity(rawValue: try reader.read()) else { throw BinaryCodingError() }
            entries.append(Entry(category: category, severity: severity))
        }
        guard reader.isAtEnd else { throw BinaryCodingError() }
        self.entries = entries
    }

    /// The compiled lexicon, for the `Linter`'s `LexiconUnion`.
    var phraseLexicon: PhraseLexicon { lexicon }

    /// The matches in a post, overlapping ones ("es un retrasado" and "retrasado mental") merged
    /// into one over both, with the entry of the more severe.
    func matches(in post: AnalyzedPost) -> [Match] {
        let found = lexicon.matches(in: post)
        guard !found.isEmpty else { return [] }
        var result: [Match] = []
        for match in found {
            let entry = entries[match.entry]
            if let last = result.last, match.range.lowerBound < last.range.upperBound {
                let union = last.range.lowerBound..<max(last.range.upperBound, match.range.upperBound)
                result[result.count - 1] = Match(entry: entry.severity > last.entry.severity ? entry : last.entry, range: union)
            } else {
                result.append(Match(entry: entry, range: match.range))
            }
        }
        return result
    }
}
