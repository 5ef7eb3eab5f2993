/// Finds phrase patterns in the words of a post, whatever their case and accents, and also when
/// written in leetspeak ("p3nd3j0", "put@"), elongated ("puuuuto") or spelled out ("p.u.t.o").
///
/// An entry is not reported where one of its exceptions, or a globally allowed phrase, covers it
/// ("matar el tiempo" for "matar"; "pueblos indígenas"). Of overlapping entries the longest wins.
///
/// The lexicon is a trie over word ids, built by `Builder` (PhraseLexiconBuilder.swift), kept
/// between runs as bytes (PhraseLexiconSerialization.swift) and matched against a post
/// (PhraseLexiconMatcher.swift) once `LexiconUnion`'s first pass says an entry may start there.
public final class PhraseLexicon: Sendable {
    public struct Match: Sendable, Equatable {
        /// The entry number given to `Builder.add`.
        public let entry: Int
        /// Byte range in the post text, from the first to the last matched word.
        public let range: Range<Int>
    }

    /// What ends at a trie node.
    enum Terminal: Sendable {
        case entry(Int32)
        case exception(Int32)
        case allowed

        /// One integer per terminal, for the node lists: the entry number, or -2 - it for an
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

    /// Folded word → word id, and the same with runs of a letter collapsed ("puuuto" → "puto").
    let vocabulary: ByteKeyTable
    let collapsedVocabulary: ByteKeyTable
    /// For `LexiconUnion`, the one first pass: the hashes of the folded words that start an entry,
    /// of those that make one on their own (a one-word entry, or one whose second word is `*`),
    /// and of the first two words of the other entries (`pairHash`). Sorted, without repeats.
    let startWordHashes: [UInt64]
    let singleStartHashes: [UInt64]
    let pairStartHashes: [UInt64]
    /// The trie: (node, word id or class id) → child, and each node's `*` child (-1: none).
    let transitions: TrieEdgeTable
    let wildcardChild: [Int32]
    /// Per node: the codes of the terminals that end there (`Terminal.code`).
    let terminals: FlatLists
    /// Per word id: the classes (large slots) it belongs to, which label edges like words do.
    let classes: FlatLists
    /// Slots with at least this many words are one class edge.
    static let classThreshold = 12
    /// Class ids follow the word ids, far above them.
    static let classBase: Int32 = 1 << 30
    /// Per node: whether an entry (not an exception or an allowed phrase) ends there.
    let endsEntry: [Bool]
    /// Per node: whether some edge or a wildcard leaves it.
    let continues: [Bool]

    init(
        vocabulary: ByteKeyTable, collapsedVocabulary: ByteKeyTable, startWordHashes: [UInt64], singleStartHashes: [UInt64],
        pairStartHashes: [UInt64], transitions: TrieEdgeTable, wildcardChild: [Int32], terminals: FlatLists, classes: FlatLists,
        endsEntry: [Bool], continues: [Bool]
    ) {
        self.vocabulary = vocabulary
        self.collapsedVocabulary = collapsedVocabulary
        self.startWordHashes = startWordHashes
        self.singleStartHashes = singleStartHashes
        self.pairStartHashes = pairStartHashes
        self.transitions = transitions
        self.wildcardChild = wildcardChild
        self.terminals = terminals
        self.classes = classes
        self.endsEntry = endsEntry
        self.continues = continues
    }

    convenience init(builder: Builder) {
        var continues = builder.wildcardChild.map { $0 >= 0 }
        builder.transitions.forEachEdge { node, _ in continues[Int(node)] = true }
        self.init(
            vocabulary: builder.vocabulary, collapsedVocabulary: builder.collapsedVocabulary,
            startWordHashes: Set(builder.wordHashes.indices.lazy.filter { builder.startsEntry[$0] }.map { builder.wordHashes[$0] }).sorted(),
            singleStartHashes: builder.singleStarts.sorted(), pairStartHashes: builder.pairStarts.sorted(),
            transitions: builder.transitions, wildcardChild: builder.wildcardChild,
            terminals: FlatLists(builder.terminals.map { $0.map(\.code) }), classes: FlatLists(builder.classes),
            endsEntry: builder.terminals.map { terminals in terminals.contains { if case .entry = $0 { true } else { false } } },
            continues: continues)
    }

    /// Calls `body` with every child of `node` along word `id`: its own edge and those of its
    /// classes, until `body` returns true (and then returns true).
    @inline(__always)
    func forEachChild(of node: Int32, word id: Int32, _ body: (Int32) -> Bool) -> Bool {
        if let child = transitions.child(of: node, word: id), body(child) { return true }
        for label in classes[Int(id)] {
            if let child = transitions.child(of: node, word: label), body(child) { return true }
        }
        return false
    }

    /// Whether `node` has an edge along word `id`.
    func hasChild(of node: Int32, word id: Int32) -> Bool {
        forEachChild(of: node, word: id) { _ in true }
    }

    /// The hash of two consecutive words, for the first pass.
    @inline(__always)
    static func pairHash(_ first: UInt64, _ second: UInt64) -> UInt64 {
        (first &* 0x9E37_79B9_7F4A_7C15) ^ ((second << 29) | (second >> 35)) ^ 0x632B_E59B_D9B4_E019
    }
}
