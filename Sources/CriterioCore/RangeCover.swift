/// Ranges, to ask whether one of them contains or overlaps a given range: sorted by start, with
/// the furthest end so far, so each question is one binary search however many ranges there are
/// (a post may have thousands of matches, and a question per match must not cost them all).
public struct RangeCover: Sendable {
    private let starts: [Int]
    private let furthestEnds: [Int]

    public init(_ ranges: [Range<Int>]) {
        let sorted = ranges.sorted { $0.lowerBound < $1.lowerBound }
        starts = sorted.map(\.lowerBound)
        var furthest = Int.min
        furthestEnds = sorted.map { range in
            furthest = max(furthest, range.upperBound)
            return furthest
        }
    }

    public var isEmpty: Bool { starts.isEmpty }

    /// How many ranges start at or before `offset` (`strictly`: before it).
    private func count(startingBefore offset: Int, strictly: Bool) -> Int {
        var low = 0
        var high = starts.count
        while low < high {
            let middle = (low + high) / 2
            if strictly ? starts[middle] < offset : starts[middle] <= offset { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Whether one of the ranges contains `range`.
    public func contains(_ range: Range<Int>) -> Bool {
        let count = count(startingBefore: range.lowerBound, strictly: false)
        return count > 0 && furthestEnds[count - 1] >= range.upperBound
    }

    /// Whether one of the ranges contains the byte at `offset`.
    public func contains(_ offset: Int) -> Bool {
        let count = count(startingBefore: offset, strictly: false)
        return count > 0 && furthestEnds[count - 1] > offset
    }

    /// Whether one of the ranges overlaps `range`.
    public func overlaps(_ range: Range<Int>) -> Bool {
        let count = count(startingBefore: range.upperBound, strictly: true)
        return count > 0 && furthestEnds[count - 1] > range.lowerBound
    }
}
