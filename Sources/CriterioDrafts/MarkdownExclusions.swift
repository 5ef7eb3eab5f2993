/// Finds the parts of a Markdown (or plain-text) draft that are not prose: HTML comments (where
/// suppressions live), fenced code blocks and code spans. Offsets are bytes of the text.
enum MarkdownExclusions {
    /// The HTML comments, and the code (fenced blocks and spans), from `start` on.
    static func ranges(in bytes: [UInt8], from start: Int) -> (comments: [Range<Int>], code: [Range<Int>]) {
        var ranges: [Range<Int>] = []
        var comments: [Range<Int>] = []
        var index = start
        var atLineStart = true
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if atLineStart, let fence = fenceLength(bytes, at: index) {
                let end = closingFence(bytes, after: index, marker: bytes[firstNonSpace(bytes, index)], length: fence)
                ranges.append(index..<end)
                index = end
                atLineStart = true
                continue
            }
            atLineStart = byte == UInt8(ascii: "\n")
            if byte == UInt8(ascii: "<"), matches(bytes, at: index, "<!--") {
                let end = find(bytes, "-->", from: index + 4).map { $0 + 3 } ?? count
                comments.append(index..<end)
                index = end
                continue
            }
            if byte == UInt8(ascii: "`") {
                var run = 0
                while index + run < count, bytes[index + run] == UInt8(ascii: "`") { run += 1 }
                if let close = closingBackticks(bytes, from: index + run, length: run) {
                    ranges.append(index..<close)
                    index = close
                } else {
                    index += run
                }
                continue
            }
            index += 1
        }
        return (comments, ranges)
    }

    private static func firstNonSpace(_ bytes: [UInt8], _ index: Int) -> Int {
        var position = index
        while position < bytes.count, bytes[position] == UInt8(ascii: " ") { position += 1 }
        return position
    }

    /// The length of a ``` or ~~~ fence opening at a line start (up to three spaces of indent).
    private static func fenceLength(_ bytes: [UInt8], at index: Int) -> Int? {
        let position = firstNonSpace(bytes, index)
        guard position - index <= 3, position < bytes.count else { return nil }
        let marker = bytes[position]
        guard marker == UInt8(ascii: "`") || marker == UInt8(ascii: "~") else { return nil }
        var length = 0
        while position + length < bytes.count, bytes[position + length] == marker { length += 1 }
        return length >= 3 ? length : nil
    }

    /// The end (after its line break) of the fence closing a block, or the end of the text.
    private static func closingFence(_ bytes: [UInt8], after open: Int, marker: UInt8, length: Int) -> Int {
        var lineStart = (find(bytes, "\n", from: open).map { $0 + 1 }) ?? bytes.count
        while lineStart < bytes.count {
            let position = firstNonSpace(bytes, lineStart)
            var run = 0
            while position + run < bytes.count, bytes[position + run] == marker { run += 1 }
            let lineEnd = find(bytes, "\n", from: lineStart) ?? bytes.count
            if run >= length, position - lineStart <= 3,
                bytes[(position + run)..<lineEnd].allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") })
            {
                return min(lineEnd + 1, bytes.count)
            }
            lineStart = lineEnd + 1
        }
        return bytes.count
    }

    /// The end of a code span closed by exactly `length` backticks before a blank line.
    private static func closingBackticks(_ bytes: [UInt8], from start: Int, length: Int) -> Int? {
        var index = start
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\n"), index + 1 < bytes.count,
                bytes[index + 1] == UInt8(ascii: "\n") || (bytes[index + 1] == UInt8(ascii: "\r"))
            {
                return nil
            }
            if bytes[index] == UInt8(ascii: "`") {
                var run = 0
                while index + run < bytes.count, bytes[index + run] == UInt8(ascii: "`") { run += 1 }
                if run == length { return index + run }
                index += run
                continue
            }
            index += 1
        }
        return nil
    }

    static func matches(_ bytes: [UInt8], at index: Int, _ literal: String) -> Bool {
        let literalBytes = Array(literal.utf8)
        guard index + literalBytes.count <= bytes.count else { return false }
        return bytes[index..<(index + literalBytes.count)].elementsEqual(literalBytes)
    }

    static func find(_ bytes: [UInt8], _ literal: String, from start: Int) -> Int? {
        var index = start
        while index < bytes.count {
            if matches(bytes, at: index, literal) { return index }
            index += 1
        }
        return nil
    }
}
