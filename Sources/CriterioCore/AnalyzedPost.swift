import CriterioRegex

/// A draft prepared once for every rule: what is prose, where the links are, and its words.
///
/// Offsets everywhere are byte offsets into `text`, so findings map straight back to the file.
/// Built per lint call and used by one thread; it owns the PCRE2 match scratch the rules share.
public final class AnalyzedPost {
    public let draft: Draft
    /// `text` with every non-prose byte (front matter, comments, code, links) replaced by a space.
    /// Line breaks are kept, so lines stay lines and offsets stay the same.
    public let prose: [UInt8]
    /// The links in the prose, in order.
    public let links: [Link]
    /// Words, numbers, hashtags, mentions and emoji of the prose, in order.
    // Written only by `mark`, on the one thread that lints the post, and read by every rule:
    // dynamic exclusivity checks would cost more than the reads.
    @exclusivity(unchecked) public private(set) var tokens: [Token]
    /// The lexicons whose start words `Token.lexiconMask` marks, once `mark(_:)` ran.
    @exclusivity(unchecked) public private(set) var lexiconUnion: LexiconUnion?
    /// The union of the words' marks: a lexicon whose bit is clear has nothing to look at, unless
    /// `hasSpelledOutWord`.
    @exclusivity(unchecked) public private(set) var lexiconCandidates: UInt32 = 0
    /// Three or more one-letter words in a row, which may spell a lexicon word ("p u t o").
    @exclusivity(unchecked) public private(set) var hasSpelledOutWord = false
    /// Match state for PCRE2, reused by every rule on this post.
    public let scratch: MatchScratch

    /// Folded forms of the tokens, back to back (see `Token.folded`).
    private let foldedStorage: [UInt8]

    public init(_ draft: Draft, scratch: MatchScratch = MatchScratch()) {
        self.draft = draft
        self.scratch = scratch
        var prose = draft.text.bytes
        for range in draft.excludedRanges {
            Self.blank(range, in: &prose)
        }
        let links = LinkFinder.links(in: prose, scratch: scratch)
        for link in links {
            Self.blank(link.range, in: &prose)
        }
        var tokens: [Token] = []
        var folded: [UInt8] = []
        prose.withUnsafeBufferPointer { Tokenizer.tokenize($0, into: &tokens, folded: &folded) }
        self.prose = prose
        self.links = links
        self.tokens = tokens
        self.foldedStorage = folded
    }

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

    @inline(__always)
    private static func isPlain(_ token: Token) -> Bool {
        !token.hasLeetCharacters && token.longestRun < 3
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

/// A link found in a post.
public struct Link: Hashable, Sendable {
    public let range: Range<Int>
    /// As written (trailing punctuation removed).
    public let url: String

    /// Lower-case host without `www.` ("ine.mx", "listanominal.ine.mx").
    public var host: String { LinkFinder.host(of: url) }

    /// Whether the host is `domain` or one of its subdomains.
    public func isOnDomain(_ domain: String) -> Bool {
        host == domain || host.hasSuffix("." + domain)
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

/// Finds links in prose with one pass over the bytes: `http://`/`https://` and `www.` links, and
/// bare domains whose last label is a known top-level domain ("ine.mx/casilla"). A domain right
/// after `@` is an e-mail address, not a link.
///
/// A scanner rather than a regular expression: a bare-domain pattern has no literal to anchor on,
/// so a backtracking engine tries it at every word of every post.
enum LinkFinder {
    static let topLevelDomains: Set<String> = [
        "mx", "com", "org", "net", "gob", "edu", "info", "io", "ly", "co", "me", "tv", "us", "es", "lat", "news",
        "site", "app", "link", "to", "gl", "gd", "page", "live", "social",
    ]

    static func links(in prose: [UInt8], scratch: MatchScratch) -> [Link] {
        var links: [Link] = []
        prose.withUnsafeBufferPointer { bytes in
            var index = 0
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                guard isDomainByte(byte), index == 0 || !(isDomainByte(bytes[index - 1]) || bytes[index - 1] == UInt8(ascii: "@") || bytes[index - 1] >= 0x80) else {
                    index += 1
                    continue
                }
                // A word start: a scheme or `www.` link, a bare domain, or neither (then skip the word).
                let end: Int
                let isLink: Bool
                if let prefix = schemeOrWWWLength(bytes, at: index) {
                    end = urlEnd(bytes, from: index + prefix)
                    isLink = true
                } else {
                    (end, isLink) = bareDomain(bytes, from: index)
                }
                if isLink {
                    let range = trimTrailingPunctuation(index..<end, in: bytes)
                    if !range.isEmpty {
                        links.append(Link(range: range, url: String(decoding: bytes[range], as: UTF8.self)))
                        index = range.upperBound
                        continue
                    }
                }
                index = max(end, index + 1)
            }
        }
        return links
    }

    /// Letters, digits and `-`, `.` of a domain (ASCII; internationalised domains are written punycoded).
    @inline(__always)
    static func isDomainByte(_ byte: UInt8) -> Bool {
        Tokenizer.isASCIIAlphanumeric(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }

    /// The length of `http://`, `https://` or `www.` at `index`, any case.
    private static func schemeOrWWWLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        let first = bytes[index] | 0x20
        guard first == UInt8(ascii: "h") || first == UInt8(ascii: "w") else { return nil }
        for prefix in ["https://", "http://", "www."] where matchesIgnoringCase(bytes, at: index, prefix) {
            return prefix.utf8.count
        }
        return nil
    }

    private static func matchesIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, _ literal: String) -> Bool {
        var position = index
        for expected in literal.utf8 {
            guard position < bytes.count, bytes[position] | (expected >= 0x61 ? 0x20 : 0) == expected else { return false }
            position += 1
        }
        return position < bytes.count && !isURLTerminator(bytes[position])
    }

    /// Where a URL that started before `from` ends: at whitespace or a quote.
    private static func urlEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index < bytes.count, !isURLTerminator(bytes[index]) {
            if bytes[index] >= 0x80, isQuoteMark(bytes, at: index) { break }
            index += 1
        }
        return index
    }

    /// `label.label.tld[/path]` starting at `from`: where it ends and whether it is a domain. When it
    /// is not, `end` is where the word ends, so the caller skips it without scanning it again.
    private static func bareDomain(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (end: Int, isLink: Bool) {
        var index = start
        var labelStart = start
        var dots = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") {
                guard index > labelStart, index + 1 < bytes.count, Tokenizer.isASCIIAlphanumeric(bytes[index + 1]) else { break }
                dots += 1
                labelStart = index + 1
            } else if !(Tokenizer.isASCIIAlphanumeric(byte) || byte == UInt8(ascii: "-")) {
                break
            }
            index += 1
        }
        let lastLabel = labelStart..<index
        guard dots > 0, !lastLabel.isEmpty, lastLabel.count <= 6 else { return (index, false) }
        // A word continuing with non-ASCII letters ("ine.méxico") or an e-mail's @ is not a domain.
        if index < bytes.count, bytes[index] >= 0x80 || bytes[index] == UInt8(ascii: "@") { return (index, false) }
        let tld = String(decoding: bytes[lastLabel], as: UTF8.self).lowercased()
        guard topLevelDomains.contains(tld) else { return (index, false) }
        if index < bytes.count, bytes[index] == UInt8(ascii: "/") { return (urlEnd(bytes, from: index), true) }
        return (index, true)
    }

    @inline(__always)
    private static func isURLTerminator(_ byte: UInt8) -> Bool {
        byte <= 0x20 || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\"")
            || byte == UInt8(ascii: "'")
    }

    /// « » “ ” end a URL.
    private static func isQuoteMark(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        if bytes[index] == 0xC2, index + 1 < bytes.count { return bytes[index + 1] == 0xAB || bytes[index + 1] == 0xBB }
        if bytes[index] == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80 {
            return bytes[index + 2] == 0x9C || bytes[index + 2] == 0x9D
        }
        return false
    }

    /// Drops sentence punctuation a link cannot end with, and a closing parenthesis it did not open.
    private static func trimTrailingPunctuation(_ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var end = range.upperBound
        while end > range.lowerBound {
            let last = bytes[end - 1]
            switch last {
            case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "!"),
                UInt8(ascii: "?"), UInt8(ascii: "*"), UInt8(ascii: "_"):
                end -= 1
            case UInt8(ascii: ")"), UInt8(ascii: "]"):
                let opener = last == UInt8(ascii: ")") ? UInt8(ascii: "(") : UInt8(ascii: "[")
                let opens = bytes[range.lowerBound..<end].filter { $0 == opener }.count
                let closes = bytes[range.lowerBound..<end].filter { $0 == last }.count
                if closes > opens { end -= 1 } else { return range.lowerBound..<end }
            default:
                if last >= 0x80 {
                    // A non-ASCII closing mark: step back over the whole character.
                    var start = end - 1
                    while start > range.lowerBound, bytes[start] & 0xC0 == 0x80 { start -= 1 }
                    let scalar = String(decoding: bytes[start..<end], as: UTF8.self).unicodeScalars.first
                    if let scalar, scalar.properties.generalCategory.isPunctuation {
                        end = start
                        continue
                    }
                }
                return range.lowerBound..<end
            }
        }
        return range.lowerBound..<end
    }

    static func host(of url: String) -> String {
        var rest = Substring(url.lowercased())
        for scheme in ["https://", "http://"] where rest.hasPrefix(scheme) { rest = rest.dropFirst(scheme.count) }
        if let end = rest.firstIndex(where: { "/?#:".contains($0) }) { rest = rest[..<end] }
        if rest.hasPrefix("www.") { rest = rest.dropFirst(4) }
        return String(rest)
    }
}

extension Unicode.GeneralCategory {
    var isPunctuation: Bool {
        switch self {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation:
            true
        default:
            false
        }
    }
}
