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
    private var sketches: [PostSketch?] = []
    private var dated: [(owner: UInt32, seconds: Int64, index: UInt32)] = []

    public init() {}

    public func add(_ index: UInt32, sketch: PostSketch?, owner: UInt32, date: PublicationDate?) {
        precondition(Int(index) == sketches.count, "los índices se agregan en orden")
        sketches.append(sketch)
        if let date { dated.append((owner, date.secondsSince1970, index)) }
    }

    /// Every (band key, post) pair in one array sorted by key, then post: a bucket is a run of one
    /// key (a dictionary of arrays cost an allocation for each of the many keys only one post has).
    public func forEachBucket(_ body: ([UInt32]) -> Void) {
        var pairs: [(key: UInt64, post: UInt32)] = []
        pairs.reserveCapacity(sketches.count * NearDuplicateSketcher.bands)
        for (index, sketch) in sketches.enumerated() {
            for key in sketch?.bandKeys ?? [] { pairs.append((key, UInt32(index))) }
        }
        // By key only: the sort is stable and the pairs went in by post, so each key's posts stay ascending.
        pairs.sort { $0.key < $1.key }
        var bucket: [UInt32] = []
        var start = 0
        while start < pairs.count {
            var end = start + 1
            while end < pairs.count && pairs[end].key == pairs[start].key { end += 1 }
            if end - start > 1 {
                bucket.removeAll(keepingCapacity: true)
                for pair in pairs[start..<end] where bucket.last != pair.post { bucket.append(pair.post) }
                if bucket.count > 1 { body(bucket) }
            }
            start = end
        }
    }

    public func forEachDatedPost(_ body: (UInt32, Int64, UInt32) -> Void) {
        for post in dated.sorted(by: { ($0.owner, $0.seconds, $0.index) < ($1.owner, $1.seconds, $1.index) }) {
            body(post.owner, post.seconds, post.index)
        }
    }

    public func shingles(of index: UInt32) -> [UInt32] {
        sketches[Int(index)]?.shingles ?? []
    }
}
