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
    /// The folded forms one pattern word stands for. Every variant that uses the word shares it, so
    /// a lexicon resolves its words once, however many variants the braces produce.
    final class Forms: Sendable {
        let words: [String]
        init(_ words: [String]) { self.words = words }
    }

    enum Slot: Sendable {
        case words(Forms)
        case anyWord
    }

    /// Every word sequence the pattern stands for, after expanding its braces.
    let variants: [[Slot]]
    public let description: String

    /// More variants than this is a pattern written by mistake.
    static let maximumVariants = 4096

    /// The forms of pattern words already seen, shared by the patterns of one lexicon: a set of
    /// words used by many entries and exceptions is expanded once. Not for use by several threads.
    public final class FormsCache {
        fileprivate var forms: [Substring: Forms] = [:]
        /// Named sets (`@insulto`): the word sequences each stands for, its one-word elements
        /// sharing one slot.
        fileprivate var sets: [Substring: [[Slot]]] = [:]
        public init() {}

        /// Defines `@name` as the words and phrases of `elements` ("pendejo~", "hijo de puta").
        public func defineSet(_ name: String, as elements: [String]) throws(PhrasePatternError) {
            var single: [String] = []
            var seen = Set<String>()
            var options: [[Slot]] = []
            for element in elements {
                let words = try PhrasePattern.words(of: element)
                if words.count == 1 {
                    for form in try PhrasePattern.forms(of: String(words[0])) where seen.insert(form).inserted { single.append(form) }
                } else if !words.isEmpty {
                    var sequence: [Slot] = []
                    for word in words { sequence.append(try PhrasePattern.slot(word, cache: self)) }
                    options.append(sequence)
                }
            }
            if !single.isEmpty { options.insert([.words(Forms(single))], at: 0) }
            guard !options.isEmpty else { throw PhrasePatternError("el conjunto «@\(name)» está vacío") }
            sets[Substring(name)] = options
        }
    }

    public init(_ text: String, cache: FormsCache = FormsCache()) throws(PhrasePatternError) {
        // The pattern is a sequence of items: a word (whose braces are alternatives of that one
        // word), or a whole-word brace group of several words or with an empty alternative, which
        // stands for several word sequences. Only groups multiply the variants.
        var variants: [[Slot]] = [[]]
        for item in try Self.words(of: text) {
            var options: [[Slot]] = []
            if item.first == "@" {
                options = try Self.set(item, cache: cache)
            } else if let alternatives = try Self.groupAlternatives(item, in: text) {
                for alternative in alternatives {
                    var sequence: [Slot] = []
                    for word in try Self.words(of: String(alternative)) { sequence.append(try Self.slot(word, cache: cache)) }
                    options.append(sequence)
                }
            } else {
                options.append([try Self.slot(item, cache: cache)])
            }
            guard variants.count * options.count <= Self.maximumVariants else {
                throw PhrasePatternError("el patrón produce más de \(Self.maximumVariants) variantes")
            }
            variants = variants.flatMap { prefix in options.map { prefix + $0 } }
        }
        variants.removeAll { $0.isEmpty }
        for variant in variants {
            if case .anyWord = variant[0] { throw PhrasePatternError("un patrón no puede empezar con «*»") }
        }
        guard !variants.isEmpty else { throw PhrasePatternError("el patrón está vacío") }
        self.variants = variants
        self.description = text
    }

    /// The word sequences a set reference (`@insulto`) stands for.
    private static func set(_ item: Substring, cache: FormsCache) throws(PhrasePatternError) -> [[Slot]] {
        let name = item.dropFirst()
        guard let options = cache.sets[name] else {
            throw PhrasePatternError("el conjunto «@\(name)» no está definido (se define antes de usarse: @\(name) = a, b)")
        }
        return options
    }

    /// The slot of one pattern word: `*`, a set of single words, or the forms its braces and `~`
    /// stand for.
    fileprivate static func slot(_ word: Substring, cache: FormsCache) throws(PhrasePatternError) -> Slot {
        if word == "*" { return .anyWord }
        if word.first == "@" {
            let options = try set(word, cache: cache)
            guard options.count == 1, options[0].count == 1 else {
                throw PhrasePatternError("el conjunto «\(word)» tiene frases de varias palabras y no cabe dentro de un grupo")
            }
            return options[0][0]
        }
        if let cached = cache.forms[word] { return .words(cached) }
        var forms: [String] = []
        var seen = Set<String>()
        for expanded in try braceExpand(String(word)) where !expanded.isEmpty {
            for form in try Self.forms(of: expanded) where seen.insert(form).inserted { forms.append(form) }
        }
        guard !forms.isEmpty else { throw PhrasePatternError("«\(word)» no produce ninguna palabra") }
        let shared = Forms(forms)
        cache.forms[word] = shared
        return .words(shared)
    }

    /// The alternatives of an item that is a group of several words ("{se mueran,los maten}") or
    /// an optional word ("{un,una,}"); nil for an ordinary word. A group of several words glued to
    /// other letters is a mistake.
    private static func groupAlternatives(_ item: Substring, in text: String) throws(PhrasePatternError) -> [Substring]? {
        // Braces, commas and separators are ASCII: scan bytes.
        let utf8 = item.utf8
        guard let open = utf8.firstIndex(of: UInt8(ascii: "{")) else { return nil }
        var close = utf8.index(after: open)
        var severalWords = false
        var emptyAlternative = false
        var alternativeHasText = false
        while close < utf8.endIndex, utf8[close] != UInt8(ascii: "}") {
            switch utf8[close] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "-"): severalWords = true
            case UInt8(ascii: ","):
                if !alternativeHasText { emptyAlternative = true }
                alternativeHasText = false
            default: alternativeHasText = true
            }
            close = utf8.index(after: close)
        }
        if !alternativeHasText { emptyAlternative = true }
        let wholeWord = open == utf8.startIndex && close < utf8.endIndex && utf8.index(after: close) == utf8.endIndex
        if severalWords && !wholeWord {
            throw PhrasePatternError("«\(text)»: un grupo de varias palabras va entre espacios, sin letras pegadas ni otras llaves")
        }
        guard wholeWord, severalWords || emptyAlternative else { return nil }
        return item[utf8.index(after: open)..<close].split(separator: ",", omittingEmptySubsequences: false)
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
    fileprivate static func words(of phrase: String) throws(PhrasePatternError) -> [Substring] {
        // The delimiters are ASCII, so the scan runs over bytes; every index it cuts at is a
        // character boundary.
        var words: [Substring] = []
        var depth = 0
        let utf8 = phrase.utf8
        var start = utf8.startIndex
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "{") {
                depth += 1
                if depth > 1 { throw PhrasePatternError("«\(phrase)» tiene llaves anidadas") }
            } else if byte == UInt8(ascii: "}") {
                depth -= 1
                if depth < 0 { throw PhrasePatternError("«\(phrase)» cierra una llave que no abrió") }
            } else if depth == 0 && (byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "-")) {
                if start < index { words.append(phrase[start..<index]) }
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        if depth != 0 { throw PhrasePatternError("«\(phrase)» abre una llave que no cierra") }
        if start < utf8.endIndex { words.append(phrase[start...]) }
        return words
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
public final class PhraseLexicon: Sendable {
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

        /// One integer per terminal, for `serialized()`: the entry number, or -2 - it for an
        /// exception, or -1 when allowed.
        var code: Int32 {
            switch self {
            case .entry(let entry): entry
            case .exception(let entry): -2 - entry
            case .allowed: -1
            }
        }

        init(code: Int32) {
            switch code {
            case 0...: self = .entry(code)
            case -1: self = .allowed
            default: self = .exception(-2 - code)
            }
        }
    }

    public struct Builder {
        fileprivate var vocabulary = ByteKeyTable()
        fileprivate var collapsedVocabulary = ByteKeyTable()
        fileprivate var transitions = TransitionTable()
        fileprivate var wildcardChild: [Int32] = [-1]
        fileprivate var terminals: [[Terminal]] = [[]]
        /// Per word id: its hash, whether it starts an entry, and the classes it belongs to.
        fileprivate var wordHashes: [UInt64] = []
        fileprivate var startsEntry: [Bool] = []
        fileprivate var classes: [[Int32]] = []
        private var classCount: Int32 = 0
        /// For the first pass: hashes of words that start an entry on their own (a one-word entry,
        /// or one whose second word is `*`), and of the first two words of the other entries.
        fileprivate var singleStarts = Set<UInt64>()
        fileprivate var pairStarts = Set<UInt64>()
        private var wordIDs: [String: Int32] = [:]
        /// The ids of each slot's words, resolved once per slot (the slot is kept alive here, so its
        /// identifier is never reused).
        private var slotIDs: [ObjectIdentifier: (forms: PhrasePattern.Forms, ids: [Int32])] = [:]

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

        private mutating func wordID(_ word: String) -> Int32 {
            if let known = wordIDs[word] { return known }
            let id = vocabulary.insert(word, value: Int32(vocabulary.count))
            collapsedVocabulary.insert(PhraseLexicon.collapseRuns(word), value: id)
            wordIDs[word] = id
            wordHashes.append(FoldedHash.hash(word.utf8))
            startsEntry.append(false)
            classes.append([])
            return id
        }

        /// The edge labels of a slot: its words' ids, or for a large slot one class id that every
        /// one of its words belongs to, so the slot adds one edge per parent instead of one per word
        /// ("eres {un,una} @insulto" repeats a set of a hundred words under many parents).
        private mutating func ids(_ forms: PhrasePattern.Forms) -> [Int32] {
            if let cached = slotIDs[ObjectIdentifier(forms)] { return cached.ids }
            var seen = Set<Int32>()
            var ids = forms.words.map { wordID($0) }.filter { seen.insert($0).inserted }
            if ids.count >= PhraseLexicon.classThreshold {
                let classID = PhraseLexicon.classBase + classCount
                classCount += 1
                for id in ids { classes[Int(id)].append(classID) }
                classMembers.append(ids)
                ids = [classID]
            }
            slotIDs[ObjectIdentifier(forms)] = (forms, ids)
            return ids
        }

        /// The word ids of each class, by class number.
        private var classMembers: [[Int32]] = []

        private mutating func insert(_ pattern: PhrasePattern, terminal: Terminal) {
            for variant in pattern.variants {
                insert(variant, terminal: terminal)
                if case .entry = terminal { noteStart(variant) }
            }
        }

        /// Records how an entry starts, for the first pass (exceptions and allowed phrases report
        /// nothing, so they need not pass it).
        private mutating func noteStart(_ slots: [PhrasePattern.Slot]) {
            guard case .words(let firstForms) = slots[0] else { return }
            guard slots.count > 1, case .words(let secondForms) = slots[1] else {
                guard notedStarts.insert(StartKey(first: ObjectIdentifier(firstForms), second: nil)).inserted else { return }
                for id in members(ids(firstForms)) { singleStarts.insert(wordHashes[Int(id)]) }
                return
            }
            // Variants often share their first two slots ("eres un…", "eres una…" share "eres").
            guard notedStarts.insert(StartKey(first: ObjectIdentifier(firstForms), second: ObjectIdentifier(secondForms))).inserted
            else { return }
            let first = members(ids(firstForms))
            let second = members(ids(secondForms))
            for a in first {
                for b in second { pairStarts.insert(PhraseLexicon.pairHash(wordHashes[Int(a)], wordHashes[Int(b)])) }
            }
        }

        private struct StartKey: Hashable {
            let first: ObjectIdentifier
            let second: ObjectIdentifier?
        }

        /// The first two slots already recorded (their forms are kept alive by `slotIDs`).
        private var notedStarts = Set<StartKey>()

        /// The word ids an edge label stands for: itself, or the words of a class.
        private func members(_ labels: [Int32]) -> [Int32] {
            labels.flatMap { $0 >= PhraseLexicon.classBase ? classMembers[Int($0 - PhraseLexicon.classBase)] : [$0] }
        }

        private mutating func insert(_ slots: [PhrasePattern.Slot], terminal: Terminal) {
            // A trie node's children are distinct and a slot's ids are too, so the frontier never
            // holds a node twice.
            var frontier: [Int32] = [0]
            for slot in slots {
                var next: [Int32] = []
                switch slot {
                case .anyWord:
                    for node in frontier {
                        if wildcardChild[Int(node)] < 0 { wildcardChild[Int(node)] = newNode() }
                        next.append(wildcardChild[Int(node)])
                    }
                case .words(let forms):
                    let ids = ids(forms)
                    next.reserveCapacity(frontier.count * ids.count)
                    for node in frontier {
                        if node == 0 {
                            for id in ids {
                                if id >= PhraseLexicon.classBase {
                                    for member in classMembers[Int(id - PhraseLexicon.classBase)] { startsEntry[Int(member)] = true }
                                } else {
                                    startsEntry[Int(id)] = true
                                }
                            }
                        }
                        for id in ids {
                            if let child = transitions.child(of: node, word: id) {
                                next.append(child)
                            } else {
                                let child = newNode()
                                transitions.insert(node, id, child: child)
                                next.append(child)
                            }
                        }
                    }
                }
                frontier = next
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
    /// Words that start an entry on their own, and the first two words of the others (`pairHash`).
    private let singleStarts: HashSet64
    private let pairStarts: HashSet64
    private let transitions: TransitionTable
    private let wildcardChild: [Int32]
    /// Per node: the codes of the terminals that end there (`Terminal.code`).
    private let terminals: FlatLists
    /// Per word id: the classes (large slots) it belongs to, which label edges like words do.
    private let classes: FlatLists
    /// Slots with at least this many words are one class edge.
    static let classThreshold = 12
    /// Class ids follow the word ids, far above them.
    static let classBase: Int32 = 1 << 30
    /// Per node: whether an entry (not an exception or an allowed phrase) ends there.
    private let endsEntry: [Bool]
    /// Per node: whether some edge or a wildcard leaves it.
    private let continues: [Bool]

    fileprivate init(builder: Builder) {
        vocabulary = builder.vocabulary
        collapsedVocabulary = builder.collapsedVocabulary
        transitions = builder.transitions
        singleStarts = HashSet64(builder.singleStarts)
        pairStarts = HashSet64(builder.pairStarts)
        startHashes = HashSet64(builder.wordHashes.indices.lazy.filter { builder.startsEntry[$0] }.map { builder.wordHashes[$0] })
        wildcardChild = builder.wildcardChild
        terminals = FlatLists(builder.terminals.map { $0.map(\.code) })
        classes = FlatLists(builder.classes)
        endsEntry = builder.terminals.map { terminals in
            terminals.contains { if case .entry = $0 { true } else { false } }
        }
        var continues = builder.wildcardChild.map { $0 >= 0 }
        builder.transitions.forEachEdge { node, _ in continues[Int(node)] = true }
        self.continues = continues
    }

    /// The version of `serialized()`'s format; a change to it or to what is stored changes it.
    public static let serializationVersion: UInt64 = 3
    private static let magic: UInt64 = 0x5845_4C5F_4F49_5243  // "CRIO_LEX"

    /// The compiled lexicon as bytes, to keep between runs.
    public func serialized() -> [UInt8] {
        var writer = BinaryWriter()
        writer.write(vocabulary.count)
        vocabulary.write(to: &writer)
        collapsedVocabulary.write(to: &writer)
        startHashes.write(to: &writer)
        singleStarts.write(to: &writer)
        pairStarts.write(to: &writer)
        writer.write(wildcardChild)
        transitions.write(to: &writer)
        terminals.write(to: &writer)
        classes.write(to: &writer)
        writer.write(endsEntry)
        writer.write(continues)
        return writer.sealed(magic: Self.magic, version: Self.serializationVersion)
    }

    /// A lexicon from `serialized()` bytes; throws when they are damaged or of another version.
    public init(serialized bytes: [UInt8]) throws(BinaryCodingError) {
        var reader = try BinaryReader(sealed: bytes, magic: Self.magic, version: Self.serializationVersion)
        let wordCount: Int = try reader.read()
        guard wordCount >= 0, wordCount < Int(Self.classBase) else { throw BinaryCodingError() }
        vocabulary = try ByteKeyTable(from: &reader, values: Int32(wordCount))
        collapsedVocabulary = try ByteKeyTable(from: &reader, values: Int32(wordCount))
        startHashes = try HashSet64(from: &reader)
        singleStarts = try HashSet64(from: &reader)
        pairStarts = try HashSet64(from: &reader)
        wildcardChild = try reader.read()
        let nodes = wildcardChild.count
        guard nodes > 0, wildcardChild.allSatisfy({ (-1..<Int32(nodes)).contains($0) }) else { throw BinaryCodingError() }
        transitions = try TransitionTable(from: &reader, nodes: nodes)
        terminals = try FlatLists(from: &reader, count: nodes)
        let words = vocabulary.count
        classes = try FlatLists(from: &reader, count: words)
        endsEntry = try reader.read()
        continues = try reader.read()
        guard endsEntry.count == nodes, continues.count == nodes, words == wordCount, reader.isAtEnd else {
            throw BinaryCodingError()
        }
    }

    /// Calls `body` with every child of `node` along word `id`: its own edge and those of its classes.
    @inline(__always)
    private func forEachChild(of node: Int32, word id: Int32, _ body: (Int32) -> Bool) -> Bool {
        if let child = transitions.child(of: node, word: id), body(child) { return true }
        for label in classes[Int(id)] {
            if let child = transitions.child(of: node, word: label), body(child) { return true }
        }
        return false
    }

    /// Whether `node` has an edge along word `id`.
    private func hasChild(of node: Int32, word id: Int32) -> Bool {
        forEachChild(of: node, word: id) { _ in true }
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
        for start in words.indices where words[start].id >= 0 && hasChild(of: 0, word: words[start].id) {
            walk(from: 0, at: start, start: start, words: words, found: &found)
        }
        return resolve(found)
    }

    /// The cheap first pass: whether an entry can be reached from some word of the post, walking
    /// the trie over the words that follow it (ignoring sentence breaks, which only the full pass
    /// checks), or three one-letter words in a row could spell one. Most posts stop here without
    /// allocating, even though entries start with common words ("los", "a", "es un").
    /// For `LexiconUnion`: the hashes of the words that start an entry, of those that make one on
    /// their own, and of the first two words of the others.
    var startWordHashes: [UInt64] { startHashes.members }
    var singleStartHashes: [UInt64] { singleStarts.members }
    var pairStartHashes: [UInt64] { pairStarts.members }

    private func mayMatch(_ post: AnalyzedPost) -> Bool {
        if let union = post.lexiconUnion, let bit = union.bit(of: self) { return mayMatch(post, marked: bit) }
        // Runs for every post and every lexicon: reads the tokens in place, without copying them.
        return post.tokens.withUnsafeBufferPointer { tokens in
            var oneLetterRun = 0
            let count = tokens.count
            for index in 0..<count where tokens[index].kind == .word {
                if tokens[index].letters == 1 && tokens[index].range.count <= 2 {
                    oneLetterRun += 1
                    if oneLetterRun >= 3 { return true }
                } else {
                    oneLetterRun = 0
                }
                if Self.isPlain(tokens[index]) {
                    // Most words start nothing; a common start word ("el", "es") must be followed
                    // by a word that continues an entry.
                    let hash = tokens[index].hash
                    guard startHashes.contains(hash) else { continue }
                    if !singleStarts.contains(hash) {
                        let next = index + 1
                        guard next < count, tokens[next].kind == .word else { continue }
                        if Self.isPlain(tokens[next]) && tokens[next].letters > 1
                            && !pairStarts.contains(Self.pairHash(hash, tokens[next].hash))
                        {
                            continue
                        }
                    }
                }
                let id = id(of: tokens[index], in: post)
                guard id >= 0 else { continue }
                if forEachChild(of: 0, word: id, { reachesEntry(from: $0, after: index, in: post) }) { return true }
            }
            return false
        }
    }

    /// `mayMatch` for a post marked with this lexicon's `bit` (`AnalyzedPost.mark`): only the
    /// words the bit marks can start an entry.
    private func mayMatch(_ post: AnalyzedPost, marked bit: UInt32) -> Bool {
        guard post.lexiconCandidates & bit != 0 || post.hasSpelledOutWord else { return false }
        if post.hasSpelledOutWord { return true }
        return post.tokens.withUnsafeBufferPointer { tokens in
            for index in tokens.indices where tokens[index].kind == .word && tokens[index].lexiconMask & bit != 0 {
                let id = id(of: tokens[index], in: post)
                guard id >= 0 else { continue }
                if forEachChild(of: 0, word: id, { reachesEntry(from: $0, after: index, in: post) }) { return true }
            }
            return false
        }
    }

    /// A word whose folded hash is the one its lexicon word would have: no leetspeak, no elongation.
    @inline(__always)
    private static func isPlain(_ token: Token) -> Bool {
        !token.hasLeetCharacters && token.longestRun < 3
    }

    /// The hash of two consecutive words, for the first pass.
    @inline(__always)
    static func pairHash(_ first: UInt64, _ second: UInt64) -> UInt64 {
        (first &* 0x9E37_79B9_7F4A_7C15) ^ ((second << 29) | (second >> 35)) ^ 0x632B_E59B_D9B4_E019
    }

    /// Whether a node leads to an entry over the word tokens after `index`.
    private func reachesEntry(from node: Int32, after index: Int, in post: AnalyzedPost) -> Bool {
        if endsEntry[Int(node)] { return true }
        guard continues[Int(node)] else { return false }
        let tokens = post.tokens
        var next = index + 1
        while next < tokens.count, tokens[next].kind != .word { next += 1 }
        guard next < tokens.count else { return false }
        let wildcard = wildcardChild[Int(node)]
        if wildcard >= 0, reachesEntry(from: wildcard, after: next, in: post) { return true }
        let id = self.id(of: tokens[next], in: post)
        guard id >= 0 else { return false }
        return forEachChild(of: node, word: id) { reachesEntry(from: $0, after: next, in: post) }
    }

    private func walk(
        from node: Int32, at index: Int, start: Int, words: [Word], found: inout [(terminal: Terminal, range: Range<Int>)]
    ) {
        guard index < words.count, index == start || !words[index].breakBefore else { return }
        let word = words[index]
        if word.id >= 0 {
            _ = forEachChild(of: node, word: word.id) { child in
                reach(child, at: index, start: start, words: words, found: &found)
                return false
            }
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
        for code in terminals[Int(node)] { found.append((Terminal(code: code), range)) }
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

/// A list of integers for each index, stored back to back: one allocation for all of them rather
/// than one per trie node or per word.
struct FlatLists: Sendable {
    /// `offsets[i]..<offsets[i + 1]` is list `i` in `values`.
    private let offsets: [Int32]
    private let values: [Int32]

    init(_ lists: [[Int32]]) {
        var offsets: [Int32] = [0]
        offsets.reserveCapacity(lists.count + 1)
        var values: [Int32] = []
        for list in lists {
            values.append(contentsOf: list)
            offsets.append(Int32(values.count))
        }
        self.offsets = offsets
        self.values = values
    }

    subscript(index: Int) -> ArraySlice<Int32> {
        values[Int(offsets[index])..<Int(offsets[index + 1])]
    }

    func write(to writer: inout BinaryWriter) {
        writer.write(offsets)
        writer.write(values)
    }

    /// Reads `count` lists, checking that the offsets rise within the values.
    init(from reader: inout BinaryReader, count: Int) throws(BinaryCodingError) {
        offsets = try reader.read()
        values = try reader.read()
        guard offsets.count == count + 1, offsets.first == 0, offsets.last == Int32(values.count),
            zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 })
        else { throw BinaryCodingError() }
    }
}

/// The trie's edges, (node, word) → child, in an open-addressing table: looked up for every
/// lexicon word of every post and filled once per edge while a lexicon is built, so it avoids
/// `Dictionary`'s per-lookup seeded hashing.
struct TransitionTable: Sendable {
    private var keys: [UInt64]
    private var values: [Int32]
    private var mask: Int
    private var count = 0
    private static let empty = UInt64.max

    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = Array(repeating: Self.empty, count: size)
        values = Array(repeating: -1, count: size)
        mask = size - 1
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

    /// Adds an edge that is not there yet.
    mutating func insert(_ node: Int32, _ word: Int32, child: Int32) {
        if (count + 1) * 2 > keys.count { grow() }
        place(Self.key(node, word), child)
        count += 1
    }

    /// Writes the edges only; reading places them again (a few instructions each, and a file a
    /// third of the table's size).
    func write(to writer: inout BinaryWriter) {
        var edges: [UInt64] = []
        var children: [Int32] = []
        edges.reserveCapacity(count)
        children.reserveCapacity(count)
        for index in keys.indices where keys[index] != Self.empty {
            edges.append(keys[index])
            children.append(values[index])
        }
        writer.write(edges)
        writer.write(children)
    }

    /// Reads a table whose children are all below `nodes`.
    init(from reader: inout BinaryReader, nodes: Int) throws(BinaryCodingError) {
        let edges: [UInt64] = try reader.read()
        let children: [Int32] = try reader.read()
        guard edges.count == children.count, children.allSatisfy({ (0..<Int32(nodes)).contains($0) }),
            !edges.contains(Self.empty)
        else { throw BinaryCodingError() }
        self.init(capacity: edges.count)
        for index in edges.indices { place(edges[index], children[index]) }
        count = edges.count
    }

    /// Calls `body` with the parent node and word of every edge.
    func forEachEdge(_ body: (Int32, Int32) -> Void) {
        for key in keys where key != Self.empty {
            body(Int32(bitPattern: UInt32(key >> 32)), Int32(bitPattern: UInt32(key & 0xFFFF_FFFF)))
        }
    }

    private mutating func place(_ key: UInt64, _ value: Int32) {
        var index = Self.slot(key, mask)
        while keys[index] != Self.empty { index = (index + 1) & mask }
        keys[index] = key
        values[index] = value
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        keys = Array(repeating: Self.empty, count: oldKeys.count * 2)
        values = Array(repeating: -1, count: oldKeys.count * 2)
        mask = keys.count - 1
        for index in oldKeys.indices where oldKeys[index] != Self.empty { place(oldKeys[index], oldValues[index]) }
    }
}
