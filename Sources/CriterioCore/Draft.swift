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

/// What the draft loader found at a local media path (the core reads no file: it is told).
public struct MediaInspection: Hashable, Sendable {
    /// What the path holds.
    public enum Content: Hashable, Sendable {
        /// A regular file of this audiovisual type, by its first bytes ("imagen PNG", "video MP4").
        case audiovisual(String)
        /// A regular file whose content is not an image, video or audio.
        case notAudiovisual
        /// Nothing exists there.
        case missing
        /// A folder, a device or anything else that is not a regular file.
        case notRegularFile
        /// It exists but could not be read (the reason, in Spanish).
        case unreadable(String)
        /// It is in the commit (the index of git); its content was not read.
        case staged
    }

    public var content: Content
    /// The draft's repository (or folder, outside a repository) when the file lies outside it,
    /// symbolic links resolved; nil when it is inside.
    public var outside: String?

    public init(_ content: Content, outside: String? = nil) {
        self.content = content
        self.outside = outside
    }

    /// Whether the path holds audiovisual material as far as the loader could tell.
    public var isAudiovisual: Bool {
        switch content {
        case .audiovisual, .staged: true
        default: false
        }
    }
}

/// One attachment listed in a draft's `media` / `multimedia`.
public struct MediaReference: Hashable, Sendable {
    /// The path or URL as written.
    public var value: String
    /// Whether it is a URL (`https://…`) rather than a local file.
    public var isRemote: Bool
    /// What the loader found at the local path; nil when nobody looked (a URL, or an archived post).
    public var inspection: MediaInspection?
    /// Where the entry is written in the draft text, when it is.
    public var range: Range<Int>?

    public init(value: String, isRemote: Bool? = nil, inspection: MediaInspection? = nil, range: Range<Int>? = nil) {
        self.value = value
        self.isRemote = isRemote ?? MediaReference.looksRemote(value)
        self.inspection = inspection
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
/// Two steps, each optional. The linted text is normalised (`TextNormalizer`): `normalization` maps
/// it back to the text before normalisation. For Markdown and plain-text drafts that text *is* the
/// file; for a JSON draft it is the decoded `text` value, and each of its bytes maps to the byte of
/// the file where the (possibly escaped) character is written.
public struct SourceMap: Sendable {
    private let storedFile: SourceText?
    private let fileOffsets: [Int]
    private let normalization: OffsetMap

    /// The linted text is the file itself.
    public static let identity = SourceMap(file: nil, fileOffsets: [])

    /// `fileOffsets[i]` is the offset in `file` of text byte `i`; it has one extra entry for the end.
    public init(file: SourceText?, fileOffsets: [Int]) {
        self.init(file: file, fileOffsets: fileOffsets, normalization: .identity)
    }

    private init(file: SourceText?, fileOffsets: [Int], normalization: OffsetMap) {
        self.storedFile = file
        self.fileOffsets = fileOffsets
        self.normalization = normalization
    }

    /// This map after the text it starts from was normalised from `original` with `map`.
    func normalized(from original: SourceText, by map: OffsetMap) -> SourceMap {
        SourceMap(file: storedFile ?? original, fileOffsets: fileOffsets, normalization: map)
    }

    /// The file the draft was read from, when it is not the linted text byte for byte (JSON drafts,
    /// and any draft whose text normalisation changed).
    var file: SourceText? { storedFile }

    /// Whether the file writes the linted text as a JSON string literal (escapes included), so
    /// that a replacement must be written the same way.
    public var encodesJSONString: Bool { storedFile != nil && !fileOffsets.isEmpty }

    /// Whether the linted text is the file itself, byte for byte.
    public var isIdentity: Bool { storedFile == nil || (fileOffsets.isEmpty && normalization.isIdentity) }

    /// Where a range of the linted text is written in the file: for a JSON draft, the bytes of the
    /// string literal that encode it (escapes included); characters that normalisation removed
    /// around it are left out, and a character it replaced is covered whole.
    public func fileRange(of range: Range<Int>) -> Range<Int> {
        let lower = fileOffset(ofStart: range.lowerBound)
        return lower..<max(lower, fileOffset(ofEnd: range.upperBound))
    }

    /// The file offset where a range that starts at `offset` of the linted text starts.
    func fileOffset(ofStart offset: Int) -> Int {
        encoded(normalization.originalStart(of: offset))
    }

    /// The file offset where a range that ends at `offset` of the linted text ends.
    func fileOffset(ofEnd offset: Int) -> Int {
        encoded(normalization.originalEnd(of: offset))
    }

    private func encoded(_ offset: Int) -> Int {
        guard !fileOffsets.isEmpty else { return offset }
        return fileOffsets[max(0, min(offset, fileOffsets.count - 1))]
    }

    func position(ofStart offset: Int, in text: SourceText) -> SourcePosition {
        guard let file = storedFile else { return text.position(of: offset) }
        return file.position(of: fileOffset(ofStart: offset))
    }

    func positions(of range: Range<Int>, in text: SourceText) -> (start: SourcePosition, end: SourcePosition) {
        guard let file = storedFile else { return (text.position(of: range.lowerBound), text.position(of: range.upperBound)) }
        let inFile = fileRange(of: range)
        return (file.position(of: inFile.lowerBound), file.position(of: inFile.upperBound))
    }
}

/// A part of a draft's text that is not plain prose, found when the draft is read.
public struct TextRegion: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// YAML between `---` lines: metadata, not published.
        case frontMatter
        /// A closed HTML comment (`<!-- … -->`), where suppressions live: not published.
        case comment
        /// A suppression written on a line of its own: not published.
        case directive
        /// A closed code span or fenced code block: published as written, so only some rules read it
        /// (`RuleDescription.skips`).
        case code
    }

    public var kind: Kind
    public var range: Range<Int>

    public init(_ kind: Kind, _ range: Range<Int>) {
        self.kind = kind
        self.range = range
    }

    /// Whether the region is part of the published post.
    public var isPublished: Bool { kind == .code }
}

/// One post to lint: its text, which parts of it are prose, and its metadata.
///
/// Its text is normalised once, here, for every rule (`TextNormalizer`, SPEC §2); every offset of a
/// draft (regions, suppressions, media, findings) is an offset of the normalised text, and
/// `sourceMap` takes it back to the file.
public struct Draft: Sendable {
    /// The path shown in reports (as the user gave it, or as in the repository).
    public var path: String
    /// The text that is linted, normalised.
    public private(set) var text: SourceText
    /// Parts of `text` that are not plain prose: front matter, comments, suppression lines, code;
    /// in text order, not overlapping. URLs are found by the analysis.
    public private(set) var regions: [TextRegion]
    public var metadata: PostMetadata
    /// Where the front matter is, if the draft has one; findings about metadata point there.
    public private(set) var frontMatterRange: Range<Int>?
    public private(set) var sourceMap: SourceMap
    /// Inline suppressions written in the draft (`criterio-disable…`), in order.
    public private(set) var suppressions: [SuppressionDirective]

    /// A draft from its text as read and what was found in it, all in offsets of that text: the
    /// text is normalised and every range moved to the normalised text.
    public init(
        path: String, text: SourceText, regions: [TextRegion] = [], metadata: PostMetadata = PostMetadata(),
        frontMatterRange: Range<Int>? = nil, sourceMap: SourceMap = .identity, suppressions: [SuppressionDirective] = []
    ) {
        self.path = path
        self.text = text
        self.regions = regions.sorted { $0.range.lowerBound < $1.range.lowerBound }
        self.metadata = metadata
        self.frontMatterRange = frontMatterRange
        self.sourceMap = sourceMap
        self.suppressions = suppressions
        if let (bytes, map) = TextNormalizer.normalize(text.bytes) {
            self.text = SourceText(validatedBytes: bytes)
            self.sourceMap = sourceMap.normalized(from: text, by: map)
            self.regions = self.regions.map { TextRegion($0.kind, map.normalizedRange(of: $0.range)) }
            self.frontMatterRange = frontMatterRange.map(map.normalizedRange(of:))
            self.suppressions = suppressions.map { $0.moved(to: map.normalizedRange(of: $0.range)) }
            for index in self.metadata.media.indices {
                self.metadata.media[index].range = self.metadata.media[index].range.map(map.normalizedRange(of:))
            }
        }
    }

    /// A post from memory (an archive record, a test): the whole string is prose.
    public init(path: String, text: String, metadata: PostMetadata = PostMetadata()) {
        self.init(path: path, text: SourceText(text), metadata: metadata)
    }

    /// The bytes of the file as it was read: what an approved consultation's content hash covers.
    public var fileBytes: [UInt8] { sourceMap.file?.bytes ?? text.bytes }

    /// Line and column, in the original file, where a range starting at `offset` of `text` starts.
    public func position(of offset: Int) -> SourcePosition {
        sourceMap.position(ofStart: offset, in: text)
    }

    /// Lines and columns, in the original file, where a range of `text` starts and ends (its
    /// place in the file: characters that normalisation removed around it are left out).
    public func positions(of range: Range<Int>) -> (start: SourcePosition, end: SourcePosition) {
        sourceMap.positions(of: range, in: text)
    }

    /// The region that contains the byte at `offset`, if any (one binary search).
    public func region(containing offset: Int) -> TextRegion? {
        var low = 0
        var high = regions.count
        while low < high {
            let middle = (low + high) / 2
            if regions[middle].range.upperBound <= offset { low = middle + 1 } else { high = middle }
        }
        return low < regions.count && regions[low].range.contains(offset) ? regions[low] : nil
    }
}

extension StringProtocol {
    /// Whether nothing is left once the whitespace is trimmed (`trimmingSpaces.isEmpty`), found
    /// without copying the text: most texts end the search at their first character. Asked of every
    /// post a scan reads.
    public var isBlank: Bool {
        unicodeScalars.allSatisfy { $0.properties.isWhitespace }
    }

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

extension String {
    /// Every occurrence of `target` replaced (nothing when it is empty), byte by byte: no Unicode
    /// equivalence, and far faster than Foundation's `replacingOccurrences(of:with:)`.
    public func replacingAll(_ target: String, with replacement: String) -> String {
        let needle = Array(target.utf8)
        guard let first = needle.first, utf8.count >= needle.count else { return self }
        let source = Array(utf8)
        var result: [UInt8] = []
        var copied = 0
        var index = 0
        while index + needle.count <= source.count {
            if source[index] == first, source[index..<(index + needle.count)].elementsEqual(needle) {
                if result.isEmpty { result.reserveCapacity(source.count) }
                result += source[copied..<index]
                result += replacement.utf8
                index += needle.count
                copied = index
            } else {
                index += 1
            }
        }
        guard copied > 0 else { return self }
        result += source[copied...]
        return String(decoding: result, as: UTF8.self)
    }
}
