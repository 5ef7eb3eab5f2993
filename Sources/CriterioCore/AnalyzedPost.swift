import CriterioRegex

/// A draft prepared once for every rule: what is prose, where the links are, and its words.
///
/// Offsets everywhere are byte offsets into `text`, so findings map straight back to the file.
/// Built per lint call and used by one thread; it owns the PCRE2 match scratch the rules share.
///
/// A post reads the whole published text: everything but front matter, comments and suppression
/// lines, code spans and links included. A rule that does not read some published parts
/// (`RuleDescription.skips`) gets a `view(skipping:)` of it, made once per post, in which those
/// parts are blank and have no tokens.
public final class AnalyzedPost {
    public let draft: Draft
    /// `text` with every byte that is not read replaced by a space: the unpublished parts, and in
    /// a view the parts it skips. Line breaks are kept, so lines stay lines and offsets stay the same.
    public let prose: [UInt8]
    /// The links in the prose, in order (in a view that skips links, still the links: their text
    /// is blank, not their place).
    public let links: [Link]
    /// Words, numbers, hashtags, mentions and emoji of the prose, in order.
    // Written only by `mark` (LexiconUnion.swift), on the one thread that lints the post, and read by every rule:
    // dynamic exclusivity checks would cost more than the reads.
    @exclusivity(unchecked) public internal(set) var tokens: [Token]
    /// The lexicons whose start words `Token.lexiconMask` marks, once `mark(_:)` ran.
    @exclusivity(unchecked) public internal(set) var lexiconUnion: LexiconUnion?
    /// The union of the words' marks: a lexicon whose bit is clear has nothing to look at, unless
    /// `hasSpelledOutWord`.
    @exclusivity(unchecked) public internal(set) var lexiconCandidates: UInt32 = 0
    /// Three or more one-letter words in a row, which may spell a lexicon word ("p u t o").
    @exclusivity(unchecked) public internal(set) var hasSpelledOutWord = false
    /// Match state for PCRE2, reused by every rule on this post.
    public let scratch: MatchScratch
    /// The published parts this post does not read (empty for the post itself).
    public let skipped: TextParts

    /// Folded forms of the tokens, back to back (see `Token.folded`); shared with the views.
    private let foldedStorage: [UInt8]
    /// Which of code and links the published text has (a view that skips neither is the post itself).
    private let partsPresent: TextParts
    /// The views made so far, by the parts they skip.
    @exclusivity(unchecked) private var views: [(TextParts, AnalyzedPost)] = []

    public init(_ draft: Draft, scratch: MatchScratch = MatchScratch()) {
        self.draft = draft
        self.scratch = scratch
        var prose = draft.text.bytes
        var hasCode = false
        for region in draft.regions {
            if region.isPublished { hasCode = true } else { Self.blank(region.range, in: &prose) }
        }
        let links = LinkFinder.links(in: prose, scratch: scratch)
        var tokens: [Token] = []
        var folded: [UInt8] = []
        prose.withUnsafeBufferPointer { Tokenizer.tokenize($0, into: &tokens, folded: &folded) }
        self.prose = prose
        self.links = links
        self.tokens = tokens
        self.foldedStorage = folded
        self.skipped = []
        var present: TextParts = []
        if hasCode { present.insert(.code) }
        if !links.isEmpty { present.insert(.links) }
        self.partsPresent = present
    }

    /// A view of `base` without `parts`.
    private init(_ base: AnalyzedPost, skipping parts: TextParts) {
        draft = base.draft
        scratch = base.scratch
        foldedStorage = base.foldedStorage
        partsPresent = base.partsPresent.subtracting(parts)
        skipped = parts
        var blanked: [Range<Int>] = []
        if parts.contains(.code) {
            blanked += base.draft.regions.filter(\.isPublished).map(\.range)
        }
        let code = blanked
        let links = parts.contains(.code) ? base.links.filter { link in !code.contains { $0.contains(link.range.lowerBound) } } : base.links
        if parts.contains(.links) { blanked += links.map(\.range) }
        blanked.sort { $0.lowerBound < $1.lowerBound }
        var prose = base.prose
        for range in blanked { Self.blank(range, in: &prose) }
        self.prose = prose
        self.links = links
        // The tokens that do not touch a blanked range (one walk over both, in order).
        var tokens: [Token] = []
        tokens.reserveCapacity(base.tokens.count)
        var next = 0
        for token in base.tokens {
            while next < blanked.count, blanked[next].upperBound <= token.range.lowerBound { next += 1 }
            if next < blanked.count, blanked[next].overlaps(token.range) { continue }
            var copy = token
            copy.lexiconMask = 0
            tokens.append(copy)
        }
        self.tokens = tokens
    }

    /// The post as a rule that does not read `parts` sees it: made once per post and kept.
    public func view(skipping parts: TextParts) -> AnalyzedPost {
        let effective = parts.intersection(partsPresent)
        guard !effective.isEmpty else { return self }
        if let view = views.first(where: { $0.0 == effective })?.1 { return view }
        let view = AnalyzedPost(self, skipping: effective)
        views.append((effective, view))
        return view
    }

    public var text: SourceText { draft.text }
    public var metadata: PostMetadata { draft.metadata }

    /// The folded bytes of a token ("Pendéjo" → "pendejo").
    public func folded(_ token: Token) -> ArraySlice<UInt8> {
        foldedStorage[token.folded]
    }

    /// The folded form of a token as a String (allocates; for messages and slow paths).
    public func foldedString(_ token: Token) -> String {
        String(decoding: folded(token), as: UTF8.self)
    }

    /// The token as written.
    public func string(_ token: Token) -> String {
        text.string(token.range)
    }

    /// Runs `body` with the prose bytes, for regular expressions.
    public func withProse<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        prose.withUnsafeBufferPointer(body)
    }

    /// Calls `body` with the range of every match of `pattern` in the prose.
    public func forEachMatch(of pattern: RegexPattern, _ body: (RegexMatch) -> Void) {
        prose.withUnsafeBufferPointer { buffer in
            pattern.forEachMatch(in: buffer, scratch: scratch) { match in
                body(match)
                return true
            }
        }
    }

    /// Where the prose starts (after front matter, comments and blank lines); 0 when there is none.
    public var firstProseOffset: Int {
        var offset = 0
        while offset < prose.count,
            prose[offset] == UInt8(ascii: " ") || prose[offset] == UInt8(ascii: "\n") || prose[offset] == UInt8(ascii: "\r")
        {
            offset += 1
        }
        return offset == prose.count ? 0 : offset
    }

    /// Whether only spaces and tabs separate two offsets (no line break, no punctuation).
    public func onlySpaces(between start: Int, and end: Int) -> Bool {
        guard start <= end else { return false }
        for index in start..<end where prose[index] != UInt8(ascii: " ") && prose[index] != UInt8(ascii: "\t") {
            return false
        }
        return true
    }

    static func blank(_ range: Range<Int>, in bytes: inout [UInt8]) {
        for index in range.clamped(to: 0..<bytes.count) where bytes[index] != UInt8(ascii: "\n") {
            bytes[index] = UInt8(ascii: " ")
        }
    }
}

/// A unit of prose the rules look at.
public struct Token: Sendable {
    public enum Kind: UInt8, Sendable {
        case word, number, hashtag, mention, emoji
    }

    public var kind: Kind
    /// Where the token is in the text (a hashtag's `#` and a mention's `@` included).
    public var range: Range<Int>
    /// Its folded form's place in the post's folded storage (without `#`/`@`).
    public var folded: Range<Int>
    /// FNV-1a hash of the folded form: equal words have equal hashes.
    public var hash: UInt64
    /// Letters in the token, and how many of them are upper case.
    public var letters: Int32
    public var uppercase: Int32
    /// The longest run of one repeated letter ("puuuuto" → 4).
    public var longestRun: Int32
    /// Whether it mixes letters with digits or `@`/`$` inside ("p3nd3j0", "put@").
    public var hasLeetCharacters: Bool
    /// For a word, once `AnalyzedPost.mark` ran: a bit per lexicon of the union that may have an
    /// entry starting here: with this word alone, or with it and the next (every bit when it is
    /// written in leetspeak or elongated, which only the lexicon itself can resolve).
    public var lexiconMask: UInt32 = 0

    public var isAllUppercase: Bool { letters > 0 && uppercase == letters }
    public var length: Int { range.count }
}

/// FNV-1a, the hash of folded token bytes.
public enum FoldedHash {
    public static let seed: UInt64 = 0xcbf2_9ce4_8422_2325

    @inline(__always)
    public static func combine(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* 0x0100_0000_01b3
    }

    public static func hash<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var hash = seed
        for byte in bytes { hash = combine(hash, byte) }
        return hash
    }
}
