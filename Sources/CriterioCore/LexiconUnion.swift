/// The start words of several phrase lexicons in one table: for each word's hash, a bit per
/// lexicon that has an entry made of it alone (or followed by `*`), and a bit per lexicon that has
/// an entry starting with it; and for each pair of first two words, a bit per lexicon that has an
/// entry starting with them. The `Linter` builds it once from its rules and marks every post with
/// it (`AnalyzedPost.mark`), so a post's words are looked up once rather than once per lexicon, and
/// a lexicon with no marked word in a post skips it at once.
public final class LexiconUnion: Sendable {
    private let lexicons: [ObjectIdentifier]
    /// Per word: the lexicons it makes an entry for on its own (low half) and those with an entry
    /// starting with it (high half); one lookup gives both.
    private let words: HashMask
    private let pairs: HashMask

    /// At most 32 lexicons take part; any more are matched on their own.
    public init(_ all: [PhraseLexicon]) {
        var lexicons: [ObjectIdentifier] = []
        var taking: [PhraseLexicon] = []
        for lexicon in all.prefix(32) where !lexicons.contains(ObjectIdentifier(lexicon)) {
            lexicons.append(ObjectIdentifier(lexicon))
            taking.append(lexicon)
        }
        // Built when every `criterio` process starts: straight into the tables, no dictionaries.
        var words = HashMask(capacity: taking.reduce(0) { $0 + $1.startWordHashes.count })
        var pairs = HashMask(capacity: taking.reduce(0) { $0 + $1.pairStartHashes.count })
        for (index, lexicon) in taking.enumerated() {
            let bit = UInt64(1) << UInt64(index)
            for hash in lexicon.singleStartHashes { words.merge(hash, bit) }
            for hash in lexicon.startWordHashes { words.merge(hash, bit << 32) }
            for hash in lexicon.pairStartHashes { pairs.merge(hash, bit) }
        }
        self.lexicons = lexicons
        self.words = words
        self.pairs = pairs
    }

    /// For a word (of this hash): the bits of the lexicons with an entry it makes on its own, and
    /// of those with an entry that starts with it.
    @inline(__always)
    func starts(_ hash: UInt64) -> (alone: UInt32, starting: UInt32) {
        let both = words[hash]
        return (UInt32(truncatingIfNeeded: both), UInt32(truncatingIfNeeded: both >> 32))
    }

    /// The bits of the lexicons with an entry that starts with these two words (`PhraseLexicon.pairHash`).
    @inline(__always)
    func startingPair(_ pairHash: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: pairs[pairHash]) }

    /// The bit of a lexicon, if it takes part.
    public func bit(of lexicon: PhraseLexicon) -> UInt32? {
        lexicons.firstIndex(of: ObjectIdentifier(lexicon)).map { UInt32(1) << UInt32($0) }
    }
}

/// An open-addressing table from 64-bit hashes to 64-bit masks (0 for an absent hash).
struct HashMask: Sendable {
    private var keys: [UInt64]
    private var masks: [UInt64]
    private let tableMask: Int

    /// An empty table for up to `capacity` hashes.
    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = Array(repeating: 0, count: size)
        masks = Array(repeating: 0, count: size)
        tableMask = size - 1
    }

    /// Adds `bits` to the mask of `hash`.
    mutating func merge(_ hash: UInt64, _ bits: UInt64) {
        guard bits != 0 else { return }
        var index = Self.slot(hash, tableMask)
        while masks[index] != 0 {
            if keys[index] == hash {
                masks[index] |= bits
                return
            }
            index = (index + 1) & tableMask
        }
        keys[index] = hash
        masks[index] = bits
    }

    @inline(__always)
    private static func slot(_ hash: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: hash ^ (hash >> 31)) & mask
    }

    @inline(__always)
    subscript(hash: UInt64) -> UInt64 {
        var index = Self.slot(hash, tableMask)
        while masks[index] != 0 {
            if keys[index] == hash { return masks[index] }
            index = (index + 1) & tableMask
        }
        return 0
    }
}
