/// What the cross-post check found on one post.
public enum CrossPostMark: Sendable, Equatable {
    /// In the cluster `cluster` (an index into `CrossPostResult.clusters`), at this similarity to the
    /// closest member measured.
    case nearDuplicate(cluster: Int, similarity: Double, post: UInt32)
    /// One of the posts of the burst `burst` (an index into `CrossPostResult.bursts`).
    case burst(Int)

    /// The finding's kind.
    public var kind: String {
        switch self {
        case .nearDuplicate: "casi-duplicado"
        case .burst: "rafaga"
        }
    }
}

/// Posts that are near-duplicates of each other (linked by pairs at or above the threshold).
public struct DuplicateCluster: Sendable, Equatable {
    /// 1, 2, 3… in the order of each cluster's first post.
    public let number: Int
    /// Ascending post numbers.
    public let members: [UInt32]
    /// The lowest similarity of the pairs that joined it.
    public let similarity: Double
}

/// More than N posts of one owner within M minutes.
public struct Burst: Sendable, Equatable {
    public let owner: UInt32
    /// In time order.
    public let members: [UInt32]
    public let start: Int64
    public let end: Int64
}

/// The outcome of the cross-post check: the marks on the posts concerned, and the clusters and
/// bursts for the summary.
public struct CrossPostResult: Sendable {
    public var marks = CrossPostMarks()
    public var clusters: [DuplicateCluster] = []
    public var bursts: [Burst] = []

    public init() {}

}

/// The marks of a check, by post: one flat array ordered by post, a post's marks in the order they
/// were found. Not a dictionary of arrays: a scan of millions of near-duplicates marks most of its
/// posts, and a small array for each was a sixth of the scan's memory. An entry is 24 bytes, not
/// the 32 a `CrossPostMark` beside two numbers would take: the mark is kept as its fields.
public struct CrossPostMarks: Sendable, Equatable {
    private struct Entry: Sendable {
        let post: UInt32
        /// The order it was found in.
        let sequence: UInt32
        /// The cluster's index, or the burst's with `burstBit` set.
        let index: UInt32
        /// For a near-duplicate, the closest member measured; 0 for a burst.
        let other: UInt32
        /// For a near-duplicate, the similarity to `other`; 0 for a burst.
        let similarity: Double

        static let burstBit: UInt32 = 1 << 31

        init(post: UInt32, sequence: UInt32, mark: CrossPostMark) {
            self.post = post
            self.sequence = sequence
            switch mark {
            case .nearDuplicate(let cluster, let similarity, let other):
                precondition(cluster >= 0 && cluster < Int(Self.burstBit), "un índice de grupo cabe en 31 bits")
                index = UInt32(cluster)
                self.other = other
                self.similarity = similarity
            case .burst(let burst):
                precondition(burst >= 0 && burst < Int(Self.burstBit), "un índice de ráfaga cabe en 31 bits")
                index = UInt32(burst) | Self.burstBit
                other = 0
                similarity = 0
            }
        }

        var mark: CrossPostMark {
            index & Self.burstBit != 0
                ? .burst(Int(index & ~Self.burstBit))
                : .nearDuplicate(cluster: Int(index), similarity: similarity, post: other)
        }
    }

    private var entries: [Entry] = []
    private var ordered = true

    public init() {}

    public var isEmpty: Bool { entries.isEmpty }

    /// The posts with at least one mark, ascending.
    public var posts: [UInt32] {
        precondition(ordered, "las marcas se ordenan antes de leerse")
        var posts: [UInt32] = []
        for entry in entries where posts.last != entry.post { posts.append(entry.post) }
        return posts
    }

    /// The marks of `post`, or nil when it has none.
    public subscript(post: UInt32) -> [CrossPostMark]? {
        precondition(ordered, "las marcas se ordenan antes de leerse")
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].post < post { low = middle + 1 } else { high = middle }
        }
        var marks: [CrossPostMark] = []
        while low < entries.count, entries[low].post == post {
            marks.append(entries[low].mark)
            low += 1
        }
        return marks.isEmpty ? nil : marks
    }

    mutating func add(_ mark: CrossPostMark, to post: UInt32) {
        if let last = entries.last, last.post > post { ordered = false }
        entries.append(Entry(post: post, sequence: UInt32(truncatingIfNeeded: entries.count), mark: mark))
    }

    /// Orders the marks by post once all are in (`CrossPostAnalysis.run` does it).
    mutating func order() {
        guard !ordered else { return }
        entries.sort { ($0.post, $0.sequence) < ($1.post, $1.sequence) }
        ordered = true
    }

    /// The same marks on the same posts, in the same order (however they were found).
    public static func == (a: CrossPostMarks, b: CrossPostMarks) -> Bool {
        a.entries.count == b.entries.count && zip(a.entries, b.entries).allSatisfy { $0.post == $1.post && $0.mark == $1.mark }
    }
}

/// Runs the cross-post check over a store, once every post is in.
public enum CrossPostAnalysis {
    /// A bucket is checked against at most this many representatives of the shapes it holds.
    static let representativesPerBucket = 4

    public static func run(_ store: CrossPostStore, options: CrossPostOptions) -> CrossPostResult {
        var result = CrossPostResult()
        if options.nearDuplicates { findClusters(store, threshold: options.similarity, into: &result) }
        if options.bursts { findBursts(store, posts: options.burstPosts, minutes: options.burstMinutes, into: &result) }
        result.marks.order()
        return result
    }

    /// Union-find over the candidate pairs of each bucket, each measured on its shingles.
    static func findClusters(_ store: CrossPostStore, threshold: Double, into result: inout CrossPostResult) {
        var forest = DuplicateForest()
        // One buffer for every bucket's representatives: there are as many buckets as posts, or more.
        var representatives: [(post: UInt32, shingles: [UInt32]?)] = []
        representatives.reserveCapacity(representativesPerBucket)
        // Shingles are read from the store (a file, for a scan) only to measure a pair: a bucket whose
        // posts are already one cluster, the common case in an archive of repeated posts, reads none.
        store.forEachBucket { bucket in
            representatives.removeAll(keepingCapacity: true)
            for post in bucket {
                if forest.contains(post) {
                    let root = forest.find(post)
                    if representatives.contains(where: { forest.contains($0.post) && forest.find($0.post) == root }) { continue }
                }
                var shingles: [UInt32]?
                var matched = false
                for index in representatives.indices {
                    let mine = shingles ?? store.shingles(of: post)
                    shingles = mine
                    let theirs = representatives[index].shingles ?? store.shingles(of: representatives[index].post)
                    representatives[index].shingles = theirs
                    let similarity = NearDuplicateSketcher.similarity(mine, theirs)
                    if similarity >= threshold {
                        forest.join(representatives[index].post, post, similarity: similarity)
                        matched = true
                        break
                    }
                }
                if !matched && representatives.count < representativesPerBucket { representatives.append((post, shingles)) }
            }
        }

        for (offset, cluster) in forest.clusters().enumerated() {
            result.clusters.append(DuplicateCluster(number: offset + 1, members: cluster.members, similarity: cluster.lowest))
            for (post, closest) in zip(cluster.members, cluster.closest) {
                result.marks.add(.nearDuplicate(cluster: offset, similarity: closest, post: post), to: post)
            }
        }
    }

    /// A sliding window over each owner's posts in time order: while it holds more than `posts`
    /// posts within `minutes`, they are one burst.
    static func findBursts(_ store: CrossPostStore, posts limit: Int, minutes: Int, into result: inout CrossPostResult) {
        let span = Int64(minutes) * 60
        var window: [(seconds: Int64, index: UInt32)] = []
        var windowStart = 0  // first live element of `window`
        var currentOwner: UInt32?
        var open: (owner: UInt32, members: [UInt32], start: Int64, end: Int64, lastPosition: Int)?
        var position = 0  // of the post in the owner's timeline

        func close() {
            if let burst = open {
                let index = result.bursts.count
                result.bursts.append(Burst(owner: burst.owner, members: burst.members, start: burst.start, end: burst.end))
                for post in burst.members { result.marks.add(.burst(index), to: post) }
            }
            open = nil
        }

        store.forEachDatedPost { owner, seconds, index in
            if owner != currentOwner {
                close()
                currentOwner = owner
                window.removeAll(keepingCapacity: true)
                windowStart = 0
                position = 0
            }
            window.append((seconds, index))
            while seconds - window[windowStart].seconds >= span { windowStart += 1 }
            let firstPosition = position - (window.count - 1 - windowStart)
            if window.count - windowStart > limit {
                if var burst = open, burst.lastPosition >= firstPosition - 1 {
                    for offset in (burst.lastPosition + 1 - firstPosition)..<(window.count - windowStart) {
                        burst.members.append(window[windowStart + offset].index)
                    }
                    burst.end = seconds
                    burst.lastPosition = position
                    open = burst
                } else {
                    close()
                    let live = window[windowStart...]
                    open = (owner, live.map(\.index), live.first!.seconds, seconds, position)
                }
            }
            // Keep the window's storage from growing with the timeline.
            if windowStart > 1_024 {
                window.removeFirst(windowStart)
                windowStart = 0
            }
            position += 1
        }
        close()
    }
}
