/// A rule that matches phrase lexicons, so that the `Linter` can test every word of a post against
/// all of them at once (`LexiconUnion`).
public protocol PhraseLexiconProvider {
    var phraseLexicons: [PhraseLexicon] { get }
}

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
        var words: [UInt64: UInt64] = [:]
        var pairs: [UInt64: UInt64] = [:]
        for lexicon in all.prefix(32) where !lexicons.contains(ObjectIdentifier(lexicon)) {
            let bit = UInt64(1) << UInt64(lexicons.count)
            lexicons.append(ObjectIdentifier(lexicon))
            for hash in lexicon.singleStartHashes { words[hash, default: 0] |= bit }
            for hash in lexicon.startWordHashes { words[hash, default: 0] |= bit << 32 }
            for hash in lexicon.pairStartHashes { pairs[hash, default: 0] |= bit }
        }
        self.lexicons = lexicons
        self.words = HashMask(words)
        self.pairs = HashMask(pairs)
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
    private let keys: [UInt64]
    private let masks: [UInt64]
    private let tableMask: Int

    init(_ entries: [UInt64: UInt64]) {
        var size = 16
        while size < entries.count * 2 { size <<= 1 }
        var keys = Array(repeating: UInt64(0), count: size)
        var masks = Array(repeating: UInt64(0), count: size)
        for (hash, bits) in entries where bits != 0 {
            var index = Self.slot(hash, size - 1)
            while masks[index] != 0 { index = (index + 1) & (size - 1) }
            keys[index] = hash
            masks[index] = bits
        }
        self.keys = keys
        self.masks = masks
        self.tableMask = size - 1
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
