/// Finds the parts of a Markdown (or plain-text) draft that are not plain prose: HTML comments (where
/// suppressions live), fenced code blocks and code spans. Offsets are bytes of the text. Only closed
/// ones count: an unclosed comment, fence or code span is prose, so that it cannot hide the rest
/// of the draft (SPEC §2).
///
/// Every closing delimiter is found once, in one pass, and each opener looks its closer up, so that
/// no text (thousands of unclosed fences, say) makes the search quadratic.
enum MarkdownExclusions {
    /// The HTML comments, and the code (fenced blocks and spans), from `start` on.
    static func ranges(in bytes: [UInt8], from start: Int) -> (comments: [Range<Int>], code: [Range<Int>]) {
        let closers = Closers(bytes, from: start)
        var ranges: [Range<Int>] = []
        var comments: [Range<Int>] = []
        var index = start
        var atLineStart = true
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if atLineStart, let fence = fenceLength(bytes, at: index),
                let end = closers.fenceEnd(after: index, marker: bytes[firstNonSpace(bytes, index)], length: fence)
            {
                ranges.append(index..<end)
                index = end
                atLineStart = true
                continue
            }
            atLineStart = byte == UInt8(ascii: "\n")
            if byte == UInt8(ascii: "<"), matches(bytes, at: index, "<!--"), let close = closers.commentEnd(from: index + 4) {
                comments.append(index..<close)
                index = close
                continue
            }
            if byte == UInt8(ascii: "`") {
                var run = 0
                while index + run < count, bytes[index + run] == UInt8(ascii: "`") { run += 1 }
                if let close = closers.spanEnd(after: index + run, length: run) {
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

    /// Where every comment, fence and code span could close, found in one pass.
    private struct Closers {
        /// Offsets just after each `-->`.
        var commentEnds: [Int] = []
        /// Lines that can close a fence: where the line starts, the end of the line (after its line
        /// break), its marker run's length and the longest run of that marker from there on.
        struct FenceLine {
            let start: Int
            let end: Int
            let length: Int
        }
        var fenceLines: [UInt8: [FenceLine]] = [:]
        var longestFenceFrom: [UInt8: [Int]] = [:]
        /// Backtick runs by length: where each starts, in order.
        var runs: [Int: [Int]] = [:]
        /// Blank lines (a line break followed by a line break or a carriage return), which end a
        /// paragraph and so every code span.
        var blankLines: [Int] = []

        init(_ bytes: [UInt8], from start: Int) {
            let count = bytes.count
            var index = start
            var lineStart = start
            while index < count {
                let byte = bytes[index]
                if index == lineStart, let line = Self.fenceLine(bytes, at: index) {
                    fenceLines[line.marker, default: []].append(FenceLine(start: index, end: line.end, length: line.length))
                }
                switch byte {
                case UInt8(ascii: "\n"):
                    if index + 1 < count, bytes[index + 1] == UInt8(ascii: "\n") || bytes[index + 1] == UInt8(ascii: "\r") {
                        blankLines.append(index)
                    }
                    lineStart = index + 1
                    index += 1
                case UInt8(ascii: "`"):
                    var run = 0
                    while index + run < count, bytes[index + run] == UInt8(ascii: "`") { run += 1 }
                    runs[run, default: []].append(index)
                    index += run
                case UInt8(ascii: ">"):
                    if index >= 2, bytes[index - 1] == UInt8(ascii: "-"), bytes[index - 2] == UInt8(ascii: "-") {
                        commentEnds.append(index + 1)
                    }
                    index += 1
                default:
                    index += 1
                }
            }
            for (marker, lines) in fenceLines {
                var longest = Array(repeating: 0, count: lines.count + 1)
                for position in stride(from: lines.count - 1, through: 0, by: -1) {
                    longest[position] = max(lines[position].length, longest[position + 1])
                }
                longestFenceFrom[marker] = longest
            }
        }

        /// A line of up to three spaces, three or more ``` ` ``` or `~`, then only spaces: its marker,
        /// the run's length and where the line ends (after its line break).
        private static func fenceLine(_ bytes: [UInt8], at lineStart: Int) -> (marker: UInt8, length: Int, end: Int)? {
            let position = firstNonSpace(bytes, lineStart)
            guard position - lineStart <= 3, position < bytes.count else { return nil }
            let marker = bytes[position]
            guard marker == UInt8(ascii: "`") || marker == UInt8(ascii: "~") else { return nil }
            var run = 0
            while position + run < bytes.count, bytes[position + run] == marker { run += 1 }
            guard run >= 3 else { return nil }
            var end = position + run
            while end < bytes.count, bytes[end] == UInt8(ascii: " ") || bytes[end] == UInt8(ascii: "\r") { end += 1 }
            guard end == bytes.count || bytes[end] == UInt8(ascii: "\n") else { return nil }
            return (marker, run, min(end + 1, bytes.count))
        }

        /// The end of the first `-->` at or after `offset` (its `--` may not start before `offset`).
        func commentEnd(from offset: Int) -> Int? {
            let index = Self.firstIndex(in: commentEnds) { $0 - 3 >= offset }
            return index < commentEnds.count ? commentEnds[index] : nil
        }

        /// The end of the fence that closes a block opened at `open` with `length` markers.
        func fenceEnd(after open: Int, marker: UInt8, length: Int) -> Int? {
            guard let lines = fenceLines[marker], let longest = longestFenceFrom[marker] else { return nil }
            var index = Self.firstIndex(in: lines) { $0.start > open }
            guard longest[index] >= length else { return nil }
            while lines[index].length < length { index += 1 }
            return lines[index].end
        }

        /// The end of the code span opened by `length` backticks just before `offset`: the next run of
        /// exactly as many, before a blank line.
        func spanEnd(after offset: Int, length: Int) -> Int? {
            guard let starts = runs[length] else { return nil }
            let index = Self.firstIndex(in: starts) { $0 >= offset }
            guard index < starts.count else { return nil }
            let close = starts[index]
            let blank = Self.firstIndex(in: blankLines) { $0 >= offset }
            if blank < blankLines.count, blankLines[blank] < close { return nil }
            return close + length
        }

        /// The first index of a sorted array whose element satisfies `isAfter` (which is false, then true).
        private static func firstIndex<Element>(in array: [Element], where isAfter: (Element) -> Bool) -> Int {
            var low = 0
            var high = array.count
            while low < high {
                let middle = (low + high) / 2
                if isAfter(array[middle]) { high = middle } else { low = middle + 1 }
            }
            return low
        }
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

    static func matches(_ bytes: [UInt8], at index: Int, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        return literal.withUTF8Buffer { bytes[index..<(index + count)].elementsEqual($0) }
    }
}
