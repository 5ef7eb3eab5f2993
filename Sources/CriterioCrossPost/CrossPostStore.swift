/// Where the cross-post check keeps what it knows about each post until every post is in: in memory
/// for a lint run (`MemoryCrossPostStore`), in temporary files for a scan of millions of posts.
/// Posts are numbered 0, 1, 2… in the order they are added.
public protocol CrossPostStore: AnyObject {
    /// Adds the next post: its sketch (nil when it is too short to compare), its owner (an account,
    /// as a small number) and when it was published.
    func add(_ index: UInt32, sketch: PostSketch?, owner: UInt32, date: PublicationDate?)
    /// Calls `body` with every set of two or more posts that share a band key, in ascending order.
    func forEachBucket(_ body: ([UInt32]) -> Void)
    /// Calls `body` with every dated post, ordered by owner, then time, then number.
    func forEachDatedPost(_ body: (_ owner: UInt32, _ seconds: Int64, _ index: UInt32) -> Void)
    /// The shingles of a post added with a sketch.
    func shingles(of index: UInt32) -> [UInt32]
}

import CriterioCore

/// The store of a lint run: everything in arrays.
public final class MemoryCrossPostStore: CrossPostStore {
    /// Each post's shingles (empty without a sketch), and a (band key, post) pair for each of its
    /// `bands` keys (none without a sketch), in the order the posts came: the analysis reads them
    /// without copying a sketch for every look.
    private var shingles: [[UInt32]] = []
    private var pairs: [BandPair] = []
    private var dated: [(owner: UInt32, seconds: Int64, index: UInt32)] = []

    /// A band key and the post that has it.
    struct BandPair {
        var key: UInt64
        var post: UInt32
    }

    /// - Parameter capacity: how many posts will be added, when it is known (their arrays are made
    ///   that big at once, not grown again and again).
    public init(capacity: Int = 0) {
        shingles.reserveCapacity(capacity)
        pairs.reserveCapacity(capacity * NearDuplicateSketcher.bands)
    }

    public func add(_ index: UInt32, sketch: PostSketch?, owner: UInt32, date: PublicationDate?) {
        precondition(Int(index) == shingles.count, "los índices se agregan en orden")
        shingles.append(sketch?.shingles ?? [])
        for key in sketch?.bandKeys ?? [] { pairs.append(BandPair(key: key, post: index)) }
        if let date { dated.append((owner, date.secondsSince1970, index)) }
    }

    /// Every (band key, post) pair in one array sorted by key, then post: a bucket is a run of one
    /// key (a dictionary of arrays cost an allocation for each of the many keys only one post has).
    public func forEachBucket(_ body: ([UInt32]) -> Void) {
        // The pairs went in by post, and the radix sort is stable: each key's posts stay ascending.
        let sorted = Self.sortedByKey(pairs)
        var bucket: [UInt32] = []
        var start = 0
        while start < sorted.count {
            var end = start + 1
            while end < sorted.count && sorted[end].key == sorted[start].key { end += 1 }
            if end - start > 1 {
                bucket.removeAll(keepingCapacity: true)
                for pair in sorted[start..<end] where bucket.last != pair.post { bucket.append(pair.post) }
                if bucket.count > 1 { body(bucket) }
            }
            start = end
        }
    }

    /// `pairs` ordered by key, pairs of one key in the order given: a least-significant-digit radix
    /// sort, eight passes of a byte over the 64-bit keys, linear in the pairs (a folder of drafts has
    /// nine for each draft), where a sort that compares is not.
    static func sortedByKey(_ pairs: [BandPair]) -> [BandPair] {
        guard pairs.count > 1 else { return pairs }
        var source = pairs
        var target = pairs
        var counts = [Int](repeating: 0, count: 256)
        for shift in stride(from: UInt64(0), to: 64, by: 8) {
            source.withUnsafeBufferPointer { source in
                target.withUnsafeMutableBufferPointer { target in
                    counts.withUnsafeMutableBufferPointer { counts in
                        counts.update(repeating: 0)
                        for pair in source { counts[Int(truncatingIfNeeded: pair.key >> shift) & 0xFF] += 1 }
                        var offset = 0
                        for digit in counts.indices {
                            let count = counts[digit]
                            counts[digit] = offset
                            offset += count
                        }
                        for pair in source {
                            let digit = Int(truncatingIfNeeded: pair.key >> shift) & 0xFF
                            target[counts[digit]] = pair
                            counts[digit] += 1
                        }
                    }
                }
            }
            swap(&source, &target)
        }
        return source
    }

    public func forEachDatedPost(_ body: (UInt32, Int64, UInt32) -> Void) {
        for post in dated.sorted(by: { ($0.owner, $0.seconds, $0.index) < ($1.owner, $1.seconds, $1.index) }) {
            body(post.owner, post.seconds, post.index)
        }
    }

    public func shingles(of index: UInt32) -> [UInt32] {
        shingles[Int(index)]
    }
}
