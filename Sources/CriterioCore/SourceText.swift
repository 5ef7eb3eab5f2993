/// A line and column in a file, both 1-based. Columns count Unicode scalars (code points), as SARIF's
/// `unicodeCodePoints` column kind does.
public struct SourcePosition: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// The UTF-8 bytes of a file, already validated, with an index of where each line starts.
public struct SourceText: Sendable {
    public let bytes: [UInt8]
    /// Byte offset of the first byte of every line; `lineStarts[0] == 0`.
    public let lineStarts: [Int]

    /// `bytes` must be valid UTF-8 (see `UTF8Validation`).
    public init(validatedBytes bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(offset + 1)
        }
        self.lineStarts = starts
    }

    public init(_ string: String) {
        self.init(validatedBytes: Array(string.utf8))
    }

    /// The index in `lineStarts` of the line that contains `offset` (clamped to the text).
    private func lineIndex(of offset: Int) -> Int {
        let clamped = max(0, min(offset, bytes.count))
        // Last line start that is <= clamped.
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= clamped { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// The 1-based number of the line that contains `offset`.
    public func lineNumber(of offset: Int) -> Int {
        lineIndex(of: offset) + 1
    }

    /// Where the line that contains `offset` starts.
    public func lineStart(containing offset: Int) -> Int {
        lineStarts[lineIndex(of: offset)]
    }

    /// The line and column of the byte at `offset` (an offset at the end maps past the last character).
    public func position(of offset: Int) -> SourcePosition {
        let clamped = max(0, min(offset, bytes.count))
        let low = lineIndex(of: clamped)
        var column = 1
        var index = lineStarts[low]
        while index < clamped {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        // A byte-order mark is not a character of the first line (editors do not show it).
        if low == 0, clamped >= 3, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { column -= 1 }
        // A continuation byte at `clamped` would mean an offset inside a character; count it as that character.
        return SourcePosition(line: low + 1, column: column)
    }

    /// The text of `range` as a String.
    public func string(_ range: Range<Int>) -> String {
        String(decoding: bytes[range.clamped(to: 0..<bytes.count)], as: UTF8.self)
    }

    /// The whole line (without its line break) that contains `offset`.
    public func line(containing offset: Int) -> String {
        let line = lineNumber(of: offset)
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] : bytes.count
        while end > start, bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r") {
            end -= 1
        }
        return string(start..<end)
    }
}

/// Checks bytes for well-formed UTF-8 and says where the first bad sequence is.
public enum UTF8Validation {
    /// The byte offset of the first invalid sequence, or nil when `bytes` are valid UTF-8.
    public static func firstInvalidOffset(in bytes: [UInt8]) -> Int? {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var minimumSecond: UInt8 = 0x80
            var maximumSecond: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; minimumSecond = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; maximumSecond = 0x9F
            case 0xF0: length = 4; minimumSecond = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; maximumSecond = 0x8F
            default: return index
            }
            guard index + length <= count else { return index }
            let second = bytes[index + 1]
            guard second >= minimumSecond, second <= maximumSecond else { return index }
            for continuation in 2..<length where bytes[index + continuation] & 0xC0 != 0x80 {
                return index
            }
            index += length
        }
        return nil
    }
}
