/// A social network a post is written for (front matter `network` / `red`).
public enum Network: String, CaseIterable, Sendable, Codable {
    case x, facebook, instagram, youtube, tiktok, threads

    /// Accepts the identifiers above, case-insensitively, and "twitter" for X.
    public init?(name: String) {
        let lowered = name.lowercased().trimmingSpaces
        if lowered == "twitter" {
            self = .x
        } else if let network = Network(rawValue: lowered) {
            self = network
        } else {
            return nil
        }
    }

    /// How people write its name.
    public var displayName: String {
        switch self {
        case .x: "X"
        case .facebook: "Facebook"
        case .instagram: "Instagram"
        case .youtube: "YouTube"
        case .tiktok: "TikTok"
        case .threads: "Threads"
        }
    }
}

/// One attachment listed in a draft's `media` / `multimedia`.
public struct MediaReference: Hashable, Sendable {
    /// The path or URL as written.
    public var value: String
    /// Whether it is a URL (`https://…`) rather than a local file.
    public var isRemote: Bool
    /// Whether the local file exists; nil when nobody checked (a URL, or an archived post).
    public var exists: Bool?
    /// Where the entry is written in the draft text, when it is.
    public var range: Range<Int>?

    public init(value: String, isRemote: Bool? = nil, exists: Bool? = nil, range: Range<Int>? = nil) {
        self.value = value
        self.isRemote = isRemote ?? MediaReference.looksRemote(value)
        self.exists = exists
        self.range = range
    }

    public static func looksRemote(_ value: String) -> Bool {
        let lowered = value.lowercased()
        return lowered.hasPrefix("http://") || lowered.hasPrefix("https://") || lowered.hasPrefix("www.")
    }

    /// The file extension in lower case, without the dot ("" when there is none).
    public var fileExtension: String {
        let bytes = Array(value.utf8)
        var end = bytes.count
        if let query = bytes.firstIndex(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) { end = query }
        var index = end - 1
        while index >= 0 {
            switch bytes[index] {
            case UInt8(ascii: "."):
                guard index > 0, bytes[index - 1] != UInt8(ascii: "/") else { return "" }
                return String(decoding: bytes[(index + 1)..<end], as: UTF8.self).lowercased()
            case UInt8(ascii: "/"):
                return ""
            default:
                index -= 1
            }
        }
        return ""
    }
}

/// What the front matter (or the JSON object) says about a post (SPEC §3).
public struct PostMetadata: Sendable {
    public var network: Network?
    public var account: String?
    public var media: [MediaReference]
    /// Set when the draft answers somebody (`reply_to` / `respuesta_a`).
    public var replyTo: String?
    public var area: String?
    public var author: String?
    /// When the post was (or will be) published, as written; archives carry it.
    public var createdAt: String?

    public init(
        network: Network? = nil, account: String? = nil, media: [MediaReference] = [], replyTo: String? = nil,
        area: String? = nil, author: String? = nil, createdAt: String? = nil
    ) {
        self.network = network
        self.account = account
        self.media = media
        self.replyTo = replyTo
        self.area = area
        self.author = author
        self.createdAt = createdAt
    }

    public var isReply: Bool { replyTo != nil }
}

/// Maps offsets in the linted text back to lines and columns of the file it came from.
///
/// For Markdown and plain-text drafts the linted text *is* the file. For a JSON draft the linted
/// text is the decoded `text` value, and each of its bytes maps to the byte of the file where the
/// (possibly escaped) character is written.
public struct SourceMap: Sendable {
    private let storedFile: SourceText?
    private let fileOffsets: [Int]

    /// The linted text is the file itself.
    public static let identity = SourceMap(file: nil, fileOffsets: [])

    /// `fileOffsets[i]` is the offset in `file` of text byte `i`; it has one extra entry for the end.
    public init(file: SourceText?, fileOffsets: [Int]) {
        self.storedFile = file
        self.fileOffsets = fileOffsets
    }

    /// The file the draft was read from, when it is not the linted text itself (JSON drafts).
    var file: SourceText? { fileOffsets.isEmpty ? nil : storedFile }

    /// Whether the linted text is the file itself (Markdown and plain-text drafts).
    public var isIdentity: Bool { storedFile == nil || fileOffsets.isEmpty }

    /// Where a range of the linted text is written in the file: the range itself for Markdown and
    /// text drafts; for a JSON draft, the bytes of the string literal that encode it (escapes included).
    public func fileRange(of range: Range<Int>) -> Range<Int> {
        guard !isIdentity else { return range }
        let last = fileOffsets.count - 1
        let lower = fileOffsets[max(0, min(range.lowerBound, last))]
        let upper = fileOffsets[max(0, min(range.upperBound, last))]
        return lower..<max(lower, upper)
    }

    func position(of offset: Int, in text: SourceText) -> SourcePosition {
        guard let file = storedFile, !fileOffsets.isEmpty else { return text.position(of: offset) }
        let index = max(0, min(offset, fileOffsets.count - 1))
        return file.position(of: fileOffsets[index])
    }
}

/// One post to lint: its text, which parts of it are prose, and its metadata.
public struct Draft: Sendable {
    /// The path shown in reports (as the user gave it, or as in the repository).
    public var path: String
    /// The text that is linted.
    public var text: SourceText
    /// Parts of `text` that are not prose: front matter, comments, code. URLs are found by the analysis.
    public var excludedRanges: [Range<Int>]
    public var metadata: PostMetadata
    /// Where the front matter is, if the draft has one; findings about metadata point there.
    public var frontMatterRange: Range<Int>?
    public var sourceMap: SourceMap
    /// Inline suppressions written in the draft (`criterio-disable…`), in order.
    public var suppressions: [SuppressionDirective]

    public init(
        path: String, text: SourceText, excludedRanges: [Range<Int>] = [], metadata: PostMetadata = PostMetadata(),
        frontMatterRange: Range<Int>? = nil, sourceMap: SourceMap = .identity, suppressions: [SuppressionDirective] = []
    ) {
        self.path = path
        self.text = text
        self.excludedRanges = excludedRanges
        self.metadata = metadata
        self.frontMatterRange = frontMatterRange
        self.sourceMap = sourceMap
        self.suppressions = suppressions
    }

    /// A post from memory (an archive record, a test): the whole string is prose.
    public init(path: String, text: String, metadata: PostMetadata = PostMetadata()) {
        self.init(path: path, text: SourceText(text), metadata: metadata)
    }

    /// The bytes of the file as it was read: what an approved consultation's content hash covers.
    public var fileBytes: [UInt8] { sourceMap.file?.bytes ?? text.bytes }

    /// Line and column, in the original file, of the byte at `offset` of `text`.
    public func position(of offset: Int) -> SourcePosition {
        sourceMap.position(of: offset, in: text)
    }
}

extension StringProtocol {
    /// Without leading and trailing whitespace (spaces, tabs, line breaks, and Unicode spaces).
    public var trimmingSpaces: String {
        let text = Substring(self)
        let utf8 = text.utf8
        var start = utf8.startIndex
        var end = utf8.endIndex
        // Fast path for ASCII whitespace; non-ASCII spaces go through Unicode properties below.
        func isASCIISpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        while start < end, isASCIISpace(utf8[start]) { start = utf8.index(after: start) }
        while start < end, isASCIISpace(utf8[utf8.index(before: end)]) { end = utf8.index(before: end) }
        // Ends in ASCII that is not a space: nothing more to trim (copying by scalars is slow).
        if start == end || (utf8[start] < 0x80 && utf8[utf8.index(before: end)] < 0x80) { return String(text[start..<end]) }
        var scalars = text[start..<end].unicodeScalars[...]
        while let first = scalars.first, first.properties.isWhitespace { scalars = scalars.dropFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
