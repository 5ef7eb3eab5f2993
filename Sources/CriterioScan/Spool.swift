import CriterioCore

/// One post in the spool: what its output line and the summary still need once the cross-post
/// findings are known. Framed as `length, own findings, rest`, so a post that needs nothing more is
/// skipped without being decoded.
struct SpoolRecord {
    var header: PostHeader
    var stableKey: String
    var anchor: SourcePosition
    var preview: String
    var month: String
    /// Its own findings after the baseline.
    var findingCount: Int
    /// Those findings as the output writes them.
    var encoded: [[UInt8]]

    /// Appends the record to `bytes`.
    func encode(into bytes: inout [UInt8]) {
        let start = bytes.count
        Self.put(UInt32(0), &bytes)  // the length, set below
        Self.put(UInt32(findingCount), &bytes)
        Self.put(header.archive, &bytes)
        Self.put(UInt32(header.record), &bytes)
        Self.put(header.id, &bytes)
        Self.put(header.account, &bytes)
        Self.put(header.createdAt, &bytes)
        Self.put(stableKey, &bytes)
        Self.put(UInt32(anchor.line), &bytes)
        Self.put(UInt32(anchor.column), &bytes)
        Self.put(preview, &bytes)
        Self.put(month, &bytes)
        Self.put(UInt32(encoded.count), &bytes)
        for item in encoded {
            Self.put(UInt32(item.count), &bytes)
            bytes.append(contentsOf: item)
        }
        let length = UInt32(bytes.count - start - 8)
        withUnsafeBytes(of: length.littleEndian) { bytes.replaceSubrange(start..<(start + 4), with: $0) }
    }

    private static func put(_ value: UInt32, _ bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    private static func put(_ value: String?, _ bytes: inout [UInt8]) {
        guard var text = value else { return put(UInt32.max, &bytes) }
        text.withUTF8 { utf8 in
            put(UInt32(utf8.count), &bytes)
            bytes.append(contentsOf: utf8)
        }
    }

    init(
        header: PostHeader, stableKey: String, anchor: SourcePosition, preview: String, month: String, findingCount: Int,
        encoded: [[UInt8]]
    ) {
        self.header = header
        self.stableKey = stableKey
        self.anchor = anchor
        self.preview = preview
        self.month = month
        self.findingCount = findingCount
        self.encoded = encoded
    }

    /// Decodes the part after the frame; nil when it is damaged.
    init?(findingCount: Int, payload: ArraySlice<UInt8>) {
        var reader = SpoolBytes(payload)
        guard let archive = reader.string(), let record = reader.integer(), let id = reader.optional(),
            let account = reader.optional(), let createdAt = reader.optional(), let stableKey = reader.string(),
            let line = reader.integer(), let column = reader.integer(), let preview = reader.string(), let month = reader.string(),
            let count = reader.integer()
        else { return nil }
        var encoded: [[UInt8]] = []
        encoded.reserveCapacity(count)
        for _ in 0..<count {
            guard let item = reader.bytes() else { return nil }
            encoded.append(item)
        }
        self.init(
            header: PostHeader(archive: archive, record: record, id: id, account: account, createdAt: createdAt), stableKey: stableKey,
            anchor: SourcePosition(line: line, column: column), preview: preview, month: month, findingCount: findingCount,
            encoded: encoded)
    }

    /// Reads the records of a spool in order.
    struct Reader {
        private var file: SpillReader

        init(_ spool: SpillFile) { file = SpillReader(spool) }

        /// The next record's length and own findings, or nil at the end.
        mutating func next() -> (length: Int, findingCount: Int)? {
            guard let frame = file.take(8) else { return nil }
            var reader = SpoolBytes(frame)
            guard let length = reader.integer(), let count = reader.integer() else { return nil }
            return (length, count)
        }

        mutating func skip(_ length: Int) { _ = file.skip(length) }

        mutating func record(_ length: Int, findingCount: Int) -> SpoolRecord? {
            guard let payload = file.take(length) else { return nil }
            return SpoolRecord(findingCount: findingCount, payload: payload)
        }
    }
}

/// Reads what `SpoolRecord.encode` wrote.
struct SpoolBytes {
    private let data: ArraySlice<UInt8>
    private var position: Int

    init(_ data: ArraySlice<UInt8>) {
        self.data = data
        position = data.startIndex
    }

    mutating func integer() -> Int? {
        guard position + 4 <= data.endIndex else { return nil }
        var value: UInt32 = 0
        for offset in 0..<4 { value |= UInt32(data[position + offset]) << UInt32(offset * 8) }
        position += 4
        return Int(value)
    }

    mutating func bytes() -> [UInt8]? {
        guard let count = integer(), count <= data.endIndex - position else { return nil }
        defer { position += count }
        return Array(data[position..<(position + count)])
    }

    mutating func string() -> String? {
        guard let count = integer(), count <= data.endIndex - position else { return nil }
        defer { position += count }
        return String(decoding: data[position..<(position + count)], as: UTF8.self)
    }

    /// A string that may be missing: `.some(nil)` when it was written as nil.
    mutating func optional() -> String?? {
        let start = position
        guard let count = integer() else { return nil }
        if count == Int(UInt32.max) { return .some(nil) }
        position = start
        return string().map { .some($0) }
    }
}
