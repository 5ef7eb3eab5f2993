/// The first pass of every phrase lexicon, the one way a post is pre-filtered: the start words of
/// several lexicons in one table. For each word's hash, a bit per lexicon that has an entry made of
/// it alone (or followed by `*`), and a bit per lexicon that has an entry starting with it; and for
/// each pair of first two words, a bit per lexicon that has an entry starting with them.
///
/// The `Linter` builds it once from its rules' lexicons and marks every post with it
/// (`AnalyzedPost.mark`), so a post's words are looked up once rather than once per lexicon, and a
/// lexicon with no marked word in a post skips it at once. A post matched outside a `Linter` is
/// marked with a union of that lexicon alone (`AnalyzedPost.lexiconBit(of:)`).
public final class LexiconUnion: Sendable {
    /// The lexicons that take part, by bit.
    private let lexicons: [ObjectIdentifier]
    /// Per word: the lexicons it makes an entry for on its own (low half) and those with an entry
    /// starting with it (high half); one lookup gives both.
    private let words: HashMask
    private let pairs: HashMask

    /// How many lexicons one union holds (a bit each in `Token.lexiconMask`). A lexicon beyond them
    /// is matched still, but marks the post with a union of its own each time.
    public static let capacity = 32

    public init(_ all: [PhraseLexicon]) {
        var lexicons: [ObjectIdentifier] = []
        var taking: [PhraseLexicon] = []
        for lexicon in all where taking.count < Self.capacity && !lexicons.contains(ObjectIdentifier(lexicon)) {
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

extension AnalyzedPost {
    /// Marks each word with the lexicons of `union` it may start (`Token.lexiconMask`): one lookup
    /// per word for all of them, instead of one per lexicon. The `Linter` does it before the rules run.
    public func mark(_ union: LexiconUnion) {
        guard lexiconUnion !== union else { return }
        var candidates: UInt32 = 0
        var spelledOut = false
        tokens.withUnsafeMutableBufferPointer { tokens in
            var oneLetterRun = 0
            let count = tokens.count
            for index in 0..<count where tokens[index].kind == .word {
                if tokens[index].letters == 1 && tokens[index].range.count <= 2 {
                    oneLetterRun += 1
                    if oneLetterRun >= 3 { spelledOut = true }
                } else {
                    oneLetterRun = 0
                }
                guard Self.isPlain(tokens[index]) else {
                    tokens[index].lexiconMask = UInt32.max  // leetspeak or elongation: the lexicon decides
                    candidates = UInt32.max
                    continue
                }
                let hash = tokens[index].hash
                let starts = union.starts(hash)
                var mask = starts.alone
                let starting = starts.starting & ~mask
                if starting != 0 {
                    // A word that only starts longer entries counts where the next word continues one.
                    let next = index + 1
                    if next < count, tokens[next].kind == .word {
                        if !Self.isPlain(tokens[next]) || tokens[next].letters == 1 {
                            mask |= starting
                        } else {
                            mask |= starting & union.startingPair(PhraseLexicon.pairHash(hash, tokens[next].hash))
                        }
                    }
                }
                tokens[index].lexiconMask = mask
                candidates |= mask
            }
        }
        lexiconCandidates = candidates
        hasSpelledOutWord = spelledOut
        lexiconUnion = union
    }

    /// The bit of `lexicon` in the union this post is marked with. A post not marked with a union
    /// that holds it (one matched outside a `Linter`) is first marked with the lexicon alone.
    func lexiconBit(of lexicon: PhraseLexicon) -> UInt32 {
        if let union = lexiconUnion, let bit = union.bit(of: lexicon) { return bit }
        let own = LexiconUnion([lexicon])
        mark(own)
        return own.bit(of: lexicon)!
    }

    /// A word whose folded hash is the one its lexicon word would have: no leetspeak, no elongation.
    @inline(__always)
    private static func isPlain(_ token: Token) -> Bool {
        !token.hasLeetCharacters && token.longestRun < 3
    }
}

extension PhraseLexicon {
    /// The cheap first pass, for a post marked with this lexicon's `bit`: whether an entry can be
    /// reached from one of the words the bit marks, walking the trie over the words that follow it
    /// (ignoring sentence breaks, which only the full pass checks), or three one-letter words in a
    /// row could spell one. Most posts stop here without allocating, even though entries start
    /// with common words ("los", "a", "es un").
    func mayMatch(_ post: AnalyzedPost, marked bit: UInt32) -> Bool {
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
