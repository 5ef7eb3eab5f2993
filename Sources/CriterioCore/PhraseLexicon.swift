/// One entry of a word list written as a phrase pattern. Matching ignores case, accents and `ñ`.
///
///     palabra otra        words in sequence (hyphens count as spaces: "político-electoral")
///     {a,b,c}             alternatives, inside a word ("pendej{o,a}") or of several words
///                         ("ojalá {se mueran,los maten}"); an empty one makes a part optional: "matar{,los}",
///                         or a whole word when the group is one: "eres {un,una,} idiota"
///     pendejo~            gender and number forms: pendejo, pendeja, pendejos, pendejas
///                         (-o/-a → o a os as; -ón → ón ona ones onas; -or → or ora ores oras;
///                          -e → e es; -z → z ces; other consonants → +es)
///     *                   any one word (not first)
public struct PhrasePattern: Sendable, CustomStringConvertible {
    enum Slot: Sendable {
        case words([String])
        case anyWord
    }

    /// Every word sequence the pattern stands for, after expanding its braces.
    let variants: [[Slot]]
    public let description: String

    /// More variants than this is a pattern written by mistake.
    static let maximumVariants = 4096

    public init(_ text: String) throws(PhrasePatternError) {
        // Brace groups that contain spaces stand for several word sequences: only they multiply
        // the variants. Groups inside one word become alternatives of that word's slot.
        let phrases = try Self.expandMultiWordGroups(text)
        guard phrases.count <= Self.maximumVariants else {
            throw PhrasePatternError("el patrón produce más de \(Self.maximumVariants) variantes")
        }
        var variants: [[Slot]] = []
        var formsCache: [Substring: [String]] = [:]
        for phrase in phrases {
            var slots: [Slot] = []
            for word in try Self.words(of: phrase) {
                if word == "*" {
                    guard !slots.isEmpty else { throw PhrasePatternError("un patrón no puede empezar con «*»") }
                    slots.append(.anyWord)
                    continue
                }
                if let cached = formsCache[word] {
                    slots.append(.words(cached))
                    continue
                }
                var forms: [String] = []
                for expanded in try Self.braceExpand(String(word)) where !expanded.isEmpty {
                    for form in try Self.forms(of: expanded) where !forms.contains(form) { forms.append(form) }
                }
                guard !forms.isEmpty else { throw PhrasePatternError("«\(word)» no produce ninguna palabra") }
                formsCache[word] = forms
                slots.append(.words(forms))
            }
            if !slots.isEmpty { variants.append(slots) }
        }
        guard !variants.isEmpty else { throw PhrasePatternError("el patrón está vacío") }
        self.variants = variants
        self.description = text
    }

    /// Every folded form a pattern word (without braces) stands for.
    static func forms(of word: String) throws(PhrasePatternError) -> [String] {
        let inflected = word.hasSuffix("~")
            ? inflect(SpanishFolding.fold(String(word.dropLast())))
            : [SpanishFolding.fold(word)]
        for form in inflected {
            if let bad = form.unicodeScalars.first(where: { !isWordScalar($0) }) {
                throw PhrasePatternError("«\(word)» contiene «\(bad)», que separa palabras y nunca coincidiría")
            }
        }
        return inflected
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "@" || scalar == "$"
    }

    /// Splits a phrase into words at spaces and hyphens outside braces.
    private static func words(of phrase: String) throws(PhrasePatternError) -> [Substring] {
        var words: [Substring] = []
        var depth = 0
        var start = phrase.startIndex
        var index = phrase.startIndex
        while index < phrase.endIndex {
            let character = phrase[index]
            if character == "{" {
                depth += 1
                if depth > 1 { throw PhrasePatternError("«\(phrase)» tiene llaves anidadas") }
            } else if character == "}" {
                depth -= 1
                if depth < 0 { throw PhrasePatternError("«\(phrase)» cierra una llave que no abrió") }
            } else if depth == 0 && (character == " " || character == "\t" || character == "-") {
                if start < index { words.append(phrase[start..<index]) }
                start = phrase.index(after: index)
            }
            index = phrase.index(after: index)
        }
        if depth != 0 { throw PhrasePatternError("«\(phrase)» abre una llave que no cierra") }
        if start < phrase.endIndex { words.append(phrase[start...]) }
        return words
    }

    /// Expands only the brace groups that change the number of words: those whose alternatives
    /// contain a space ("{se mueran,los maten}"), and whole-word groups with an empty alternative
    /// ("{un,una,}"), which make the word optional.
    private static func expandMultiWordGroups(_ text: String) throws(PhrasePatternError) -> [String] {
        var searchFrom = text.startIndex
        while let open = text[searchFrom...].firstIndex(of: "{") {
            guard let close = text[open...].firstIndex(of: "}") else {
                throw PhrasePatternError("«\(text)» abre una llave que no cierra")
            }
            let inner = text[text.index(after: open)..<close]
            guard inner.contains(" ") || isOptionalWord(text, open: open, close: close) else {
                searchFrom = text.index(after: close)
                continue
            }
            let prefix = text[..<open]
            let rest = try expandMultiWordGroups(String(text[text.index(after: close)...]))
            var results: [String] = []
            for alternative in inner.split(separator: ",", omittingEmptySubsequences: false) {
                for suffix in rest {
                    results.append(prefix + alternative + suffix)
                    if results.count > maximumVariants { return results }
                }
            }
            return results
        }
        return [text]
    }

    /// Whether the group at `open...close` is a whole word (spaces or the pattern's ends around it)
    /// with an empty alternative.
    private static func isOptionalWord(_ text: String, open: String.Index, close: String.Index) -> Bool {
        let separators: Set<Character> = [" ", "\t", "-"]
        let startsWord = open == text.startIndex || separators.contains(text[text.index(before: open)])
        let after = text.index(after: close)
        let endsWord = after == text.endIndex || separators.contains(text[after])
        guard startsWord && endsWord else { return false }
        let inner = text[text.index(after: open)..<close]
        return inner.split(separator: ",", omittingEmptySubsequences: false).contains { $0.trimmingSpaces.isEmpty }
    }

    /// Expands every `{a,b}` group of one word, left to right.
    private static func braceExpand(_ text: String) throws(PhrasePatternError) -> [String] {
        guard let open = text.firstIndex(of: "{") else {
            if text.contains("}") { throw PhrasePatternError("«\(text)» cierra una llave que no abrió") }
            return [text]
        }
        guard let close = text[open...].firstIndex(of: "}") else {
            throw PhrasePatternError("«\(text)» abre una llave que no cierra")
        }
        let prefix = text[..<open]
        let rest = try braceExpand(String(text[text.index(after: close)...]))
        var results: [String] = []
        for alternative in text[text.index(after: open)..<close].split(separator: ",", omittingEmptySubsequences: false) {
            for suffix in rest { results.append(prefix + alternative + suffix) }
        }
        return results
    }

    /// Gender and number forms of a folded Spanish noun or adjective.
    public static func inflect(_ word: String) -> [String] {
        if word.hasSuffix("o") || word.hasSuffix("a") {
            let stem = word.dropLast()
            return [stem + "o", stem + "a", stem + "os", stem + "as"]
        }
        if word.hasSuffix("on") || word.hasSuffix("or") {
            return [word, word + "a", word + "es", word + "as"]
        }
        if word.hasSuffix("e") { return [word, word + "s"] }
        if word.hasSuffix("z") { return [word, word.dropLast() + "ces"] }
        if let last = word.unicodeScalars.last, "iu".unicodeScalars.contains(last) { return [word, word + "s", word + "es"] }
        return [word, word + "es"]
    }
}

public struct PhrasePatternError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Finds phrase patterns in the words of a post, whatever their case and accents, and also when
/// written in leetspeak ("p3nd3j0", "put@"), elongated ("puuuuto") or spelled out ("p.u.t.o").
///
/// An entry is not reported where one of its exceptions, or a globally allowed phrase, covers it
/// ("matar el tiempo" for "matar"; "pueblos indígenas"). Of overlapping entries the longest wins.
public struct PhraseLexicon: Sendable {
    public struct Match: Sendable, Equatable {
        /// The entry number given to `Builder.add`.
        public let entry: Int
        /// Byte range in the post text, from the first to the last matched word.
        public let range: Range<Int>
    }

    fileprivate enum Terminal: Sendable {
        case entry(Int32)
        case exception(Int32)
        case allowed
    }

    public struct Builder {
        fileprivate var vocabulary = ByteKeyTable()
        fileprivate var collapsedVocabulary = ByteKeyTable()
        fileprivate var transitions: [UInt64: Int32] = [:]
        fileprivate var wildcardChild: [Int32] = [-1]
        fileprivate var terminals: [[Terminal]] = [[]]
        fileprivate var startWords: Set<String> = []

        public init() {}

        /// Adds a pattern that reports `entry` when it matches.
        public mutating func add(_ pattern: PhrasePattern, entry: Int) {
            insert(pattern, terminal: .entry(Int32(entry)))
        }

        /// Adds a phrase in which `entry` is harmless.
        public mutating func addException(_ pattern: PhrasePattern, for entry: Int) {
            insert(pattern, terminal: .exception(Int32(entry)))
        }

        /// Adds a phrase in which no entry is ever reported.
        public mutating func addAllowed(_ pattern: PhrasePattern) {
            insert(pattern, terminal: .allowed)
        }

        public func build() -> PhraseLexicon { PhraseLexicon(builder: self) }

        private var wordIDs: [String: Int32] = [:]

        private mutating func wordID(_ word: String) -> Int32 {
            if let known = wordIDs[word] { return known }
            let id = vocabulary.insert(word, value: Int32(vocabulary.count))
            collapsedVocabulary.insert(PhraseLexicon.collapseRuns(word), value: id)
            wordIDs[word] = id
            return id
        }

        private mutating func insert(_ pattern: PhrasePattern, terminal: Terminal) {
            for variant in pattern.variants { insert(variant, terminal: terminal) }
        }

        private mutating func insert(_ slots: [PhrasePattern.Slot], terminal: Terminal) {
            var frontier: [Int32] = [0]
            for slot in slots {
                var next: [Int32] = []
                for node in frontier {
                    switch slot {
                    case .anyWord:
                        if wildcardChild[Int(node)] < 0 {
                            wildcardChild[Int(node)] = newNode()
                        }
                        next.append(wildcardChild[Int(node)])
                    case .words(let words):
                        if node == 0 { startWords.formUnion(words) }
                        for word in words {
                            let key = TransitionTable.key(node, wordID(word))
                            if let child = transitions[key] {
                                next.append(child)
                            } else {
                                let child = newNode()
                                transitions[key] = child
                                next.append(child)
                            }
                        }
                    }
                }
                frontier = Array(Set(next))
            }
            for node in frontier { terminals[Int(node)].append(terminal) }
        }

        private mutating func newNode() -> Int32 {
            wildcardChild.append(-1)
            terminals.append([])
            return Int32(wildcardChild.count - 1)
        }
    }

    private let vocabulary: ByteKeyTable
    private let collapsedVocabulary: ByteKeyTable
    /// Hashes of the folded words that start an entry: the first-pass filter.
    private let startHashes: HashSet64
    private let transitions: TransitionTable
    private let wildcardChild: [Int32]
    private let terminals: [[Terminal]]

    private init(builder: Builder) {
        vocabulary = builder.vocabulary
        collapsedVocabulary = builder.collapsedVocabulary
        transitions = TransitionTable(builder.transitions)
        startHashes = HashSet64(builder.startWords.map { FoldedHash.hash($0.utf8) })
        wildcardChild = builder.wildcardChild
        terminals = builder.terminals
    }

    /// A word of the post as the lexicon sees it.
    private struct Word {
        var id: Int32  // -1: not in the vocabulary
        var range: Range<Int>
        /// Punctuation that ends a sentence, or a hashtag/mention/emoji, comes before this word.
        var breakBefore: Bool
    }

    public func matches(in post: AnalyzedPost) -> [Match] {
        guard mayMatch(post) else { return [] }
        let words = self.words(of: post)
        guard words.contains(where: { $0.id >= 0 }) else { return [] }
        var found: [(terminal: Terminal, range: Range<Int>)] = []
        for start in words.indices where words[start].id >= 0 && transitions.child(of: 0, word: words[start].id) != nil {
            walk(from: 0, at: start, start: start, words: words, found: &found)
        }
        return resolve(found)
    }

    /// The cheap first pass: whether some word could start a match (its hash is a start word and,
    /// unless it is a whole entry, the next word continues it), or three one-letter words in a row
    /// could spell one. Most posts stop here without allocating, even though entries start with
    /// common words ("los", "a").
    private func mayMatch(_ post: AnalyzedPost) -> Bool {
        let tokens = post.tokens
        var oneLetterRun = 0
        for index in tokens.indices where tokens[index].kind == .word {
            let token = tokens[index]
            if token.letters == 1 && token.range.count <= 2 {
                oneLetterRun += 1
                if oneLetterRun >= 3 { return true }
            } else {
                oneLetterRun = 0
            }
            let exactOnly = !token.hasLeetCharacters && token.longestRun < 3
            if exactOnly && !startHashes.contains(token.hash) { continue }
            let id = id(of: token, in: post)
            guard id >= 0, let child = transitions.child(of: 0, word: id) else { continue }
            if !terminals[Int(child)].isEmpty || wildcardChild[Int(child)] >= 0 { return true }
            if let next = tokens[(index + 1)...].first(where: { $0.kind == .word }) {
                let nextID = self.id(of: next, in: post)
                if nextID >= 0, transitions.child(of: child, word: nextID) != nil { return true }
            }
        }
        return false
    }

    private func walk(
        from node: Int32, at index: Int, start: Int, words: [Word], found: inout [(terminal: Terminal, range: Range<Int>)]
    ) {
        guard index < words.count, index == start || !words[index].breakBefore else { return }
        let word = words[index]
        if word.id >= 0, let child = transitions.child(of: node, word: word.id) {
            reach(child, at: index, start: start, words: words, found: &found)
        }
        let wildcard = wildcardChild[Int(node)]
        if index != start, wildcard >= 0 {
            reach(wildcard, at: index, start: start, words: words, found: &found)
        }
    }

    private func reach(
        _ node: Int32, at index: Int, start: Int, words: [Word], found: inout [(terminal: Terminal, range: Range<Int>)]
    ) {
        let range = words[start].range.lowerBound..<words[index].range.upperBound
        for terminal in terminals[Int(node)] { found.append((terminal, range)) }
        walk(from: node, at: index + 1, start: start, words: words, found: &found)
    }

    private func resolve(_ found: [(terminal: Terminal, range: Range<Int>)]) -> [Match] {
        var allowed: [Range<Int>] = []
        var exceptions: [(entry: Int32, range: Range<Int>)] = []
        var entries: [Match] = []
        for (terminal, range) in found {
            switch terminal {
            case .allowed: allowed.append(range)
            case .exception(let entry): exceptions.append((entry, range))
            case .entry(let entry): entries.append(Match(entry: Int(entry), range: range))
            }
        }
        entries.removeAll { match in
            allowed.contains { $0.contains(match.range) }
                || exceptions.contains { $0.entry == match.entry && $0.range.contains(match.range) }
        }
        // Keep the longest of overlapping entries ("te voy a matar" over "matar"); of entries with
        // the same range, the one added first.
        entries.sort { ($0.range.lowerBound, -$0.range.count, $0.entry) < ($1.range.lowerBound, -$1.range.count, $1.entry) }
        var kept: [Match] = []
        for match in entries where !kept.contains(where: { $0.range.contains(match.range) }) {
            kept.append(match)
        }
        return kept
    }

    private func words(of post: AnalyzedPost) -> [Word] {
        var words: [Word] = []
        words.reserveCapacity(post.tokens.count)
        var previousEnd = 0
        var pendingBreak = false
        var letterRun: [Int] = []  // indices into `words` of consecutive one-letter words

        for token in post.tokens {
            guard token.kind == .word else {
                pendingBreak = true
                continue
            }
            let gap = previousEnd..<token.range.lowerBound
            let breakBefore = pendingBreak || Self.gapBreaks(post.prose, gap)
            let spelledOn = !pendingBreak && !letterRun.isEmpty && Self.isSpellingGap(post.prose, gap)
            words.append(Word(id: id(of: token, in: post), range: token.range, breakBefore: breakBefore))
            if token.letters == 1 && token.range.count <= 2 {
                if !spelledOn {
                    joinSpelledOut(&words, run: letterRun, post: post)
                    letterRun = []
                }
                letterRun.append(words.count - 1)
            } else {
                joinSpelledOut(&words, run: letterRun, post: post)
                letterRun = []
            }
            previousEnd = token.range.upperBound
            pendingBreak = false
        }
        joinSpelledOut(&words, run: letterRun, post: post)
        return words
    }

    /// "p.u.t.o", "p u t o": three or more one-letter words read as one word, if it is in the lexicon.
    private func joinSpelledOut(_ words: inout [Word], run: [Int], post: AnalyzedPost) {
        guard run.count >= 3, let first = run.first, let last = run.last, last < words.count else { return }
        var joined: [UInt8] = []
        for index in run {
            joined.append(contentsOf: SpanishFolding.fold(post.text.string(words[index].range)).utf8)
        }
        guard let id = vocabulary.value(for: joined, hash: FoldedHash.hash(joined)) else { return }
        let merged = Word(id: id, range: words[first].range.lowerBound..<words[last].range.upperBound, breakBefore: words[first].breakBefore)
        words.replaceSubrange(first...last, with: [merged])
    }

    private func id(of token: Token, in post: AnalyzedPost) -> Int32 {
        let folded = post.folded(token)
        if let id = vocabulary.value(for: folded, hash: token.hash) { return id }
        if token.hasLeetCharacters {
            for atSign in [UInt8(ascii: "a"), UInt8(ascii: "o")] {
                let plain = folded.map { Self.leet($0, atSign: atSign) }
                if let id = vocabulary.value(for: plain, hash: FoldedHash.hash(plain)) { return id }
                if token.longestRun >= 3, let id = collapsedID(plain) { return id }
            }
        }
        if token.longestRun >= 3, let id = collapsedID(Array(folded)) { return id }
        return -1
    }

    private func collapsedID(_ bytes: [UInt8]) -> Int32? {
        let collapsed = Self.collapseRuns(bytes)
        return collapsedVocabulary.value(for: collapsed, hash: FoldedHash.hash(collapsed))
    }

    static func collapseRuns(_ word: String) -> String {
        String(decoding: collapseRuns(Array(word.utf8)), as: UTF8.self)
    }

    static func collapseRuns(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        for byte in bytes where result.last != byte { result.append(byte) }
        return result
    }

    private static func leet(_ byte: UInt8, atSign: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "0"): UInt8(ascii: "o")
        case UInt8(ascii: "1"): UInt8(ascii: "i")
        case UInt8(ascii: "3"): UInt8(ascii: "e")
        case UInt8(ascii: "4"): UInt8(ascii: "a")
        case UInt8(ascii: "5"), UInt8(ascii: "$"): UInt8(ascii: "s")
        case UInt8(ascii: "7"): UInt8(ascii: "t")
        case UInt8(ascii: "8"): UInt8(ascii: "b")
        case UInt8(ascii: "@"): atSign
        default: byte
        }
    }

    /// Whether the characters between two words end a sentence or clause for phrase matching.
    private static func gapBreaks(_ prose: [UInt8], _ gap: Range<Int>) -> Bool {
        var newlines = 0
        var index = gap.lowerBound
        while index < gap.upperBound {
            let byte = prose[index]
            switch byte {
            case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: ";"), UInt8(ascii: ":"),
                UInt8(ascii: "|"):
                return true
            case UInt8(ascii: "\n"):
                newlines += 1
                if newlines > 1 { return true }
            case 0xE2 where index + 2 < prose.count && prose[index + 1] == 0x80 && prose[index + 2] == 0xA6:
                return true  // …
            default:
                break
            }
            index += 1
        }
        return false
    }

    /// Whether a gap is what separates spelled-out letters: one or two of `. - _ * ` and spaces.
    private static func isSpellingGap(_ prose: [UInt8], _ gap: Range<Int>) -> Bool {
        guard (1...2).contains(gap.count) else { return false }
        return prose[gap].allSatisfy {
            $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_")
                || $0 == UInt8(ascii: "*")
        }
    }
}

/// The trie's edges, (node, word) → child, in an open-addressing table built once: looked up for
/// every lexicon word of every post, so it avoids `Dictionary`'s per-lookup seeded hashing.
struct TransitionTable: Sendable {
    private var keys: [UInt64]
    private var values: [Int32]
    private let mask: Int
    private static let empty = UInt64.max

    init(_ edges: [UInt64: Int32]) {
        var size = 16
        while size < edges.count * 2 { size <<= 1 }
        keys = Array(repeating: Self.empty, count: size)
        values = Array(repeating: -1, count: size)
        mask = size - 1
        for (key, value) in edges {
            var index = Self.slot(key, mask)
            while keys[index] != Self.empty { index = (index + 1) & mask }
            keys[index] = key
            values[index] = value
        }
    }

    static func key(_ node: Int32, _ word: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: node)) << 32 | UInt64(UInt32(bitPattern: word))
    }

    private static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    func child(of node: Int32, word: Int32) -> Int32? {
        let key = Self.key(node, word)
        var index = Self.slot(key, mask)
        while keys[index] != Self.empty {
            if keys[index] == key { return values[index] }
            index = (index + 1) & mask
        }
        return nil
    }
}
