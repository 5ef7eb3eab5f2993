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
    public var marks: [UInt32: [CrossPostMark]] = [:]
    public var clusters: [DuplicateCluster] = []
    public var bursts: [Burst] = []

    public init() {}

}

/// Runs the cross-post check over a store, once every post is in.
public enum CrossPostAnalysis {
    /// A bucket is checked against at most this many representatives of the shapes it holds.
    static let representativesPerBucket = 4

    public static func run(_ store: CrossPostStore, options: CrossPostOptions) -> CrossPostResult {
        var result = CrossPostResult()
        if options.nearDuplicates { findClusters(store, threshold: options.similarity, into: &result) }
        if options.bursts { findBursts(store, posts: options.burstPosts, minutes: options.burstMinutes, into: &result) }
        return result
    }

    /// Union-find over the candidate pairs of each bucket, each measured on its shingles.
    static func findClusters(_ store: CrossPostStore, threshold: Double, into result: inout CrossPostResult) {
        var parent: [UInt32: UInt32] = [:]
        var closest: [UInt32: Double] = [:]
        var lowest: [UInt32: Double] = [:]  // by root, after the unions

        func find(_ post: UInt32) -> UInt32 {
            var root = post
            while let up = parent[root], up != root { root = up }
            var current = post
            while let up = parent[current], up != root {
                parent[current] = root
                current = up
            }
            return root
        }
        func join(_ a: UInt32, _ b: UInt32, _ similarity: Double) {
            if parent[a] == nil { parent[a] = a }
            if parent[b] == nil { parent[b] = b }
            let (ra, rb) = (find(a), find(b))
            closest[a] = max(closest[a] ?? 0, similarity)
            closest[b] = max(closest[b] ?? 0, similarity)
            let low = min(similarity, lowest[ra] ?? 1, lowest[rb] ?? 1)
            guard ra != rb else {
                lowest[ra] = low
                return
            }
            let (root, child) = ra < rb ? (ra, rb) : (rb, ra)
            parent[child] = root
            lowest[child] = nil
            lowest[root] = low
        }

        store.forEachBucket { bucket in
            var representatives: [(post: UInt32, shingles: [UInt32])] = []
            for post in bucket {
                if parent[post] != nil {
                    let root = find(post)
                    if representatives.contains(where: { find($0.post) == root }) { continue }
                }
                let shingles = store.shingles(of: post)
                var matched = false
                for representative in representatives {
                    let similarity = NearDuplicateSketcher.similarity(shingles, representative.shingles)
                    if similarity >= threshold {
                        join(representative.post, post, similarity)
                        matched = true
                        break
                    }
                }
                if !matched && representatives.count < representativesPerBucket { representatives.append((post, shingles)) }
            }
        }

        var members: [UInt32: [UInt32]] = [:]
        for post in parent.keys { members[find(post), default: []].append(post) }
        let roots = members.keys.sorted()
        for (offset, root) in roots.enumerated() {
            let cluster = DuplicateCluster(number: offset + 1, members: members[root]!.sorted(), similarity: lowest[root] ?? 1)
            result.clusters.append(cluster)
            for post in cluster.members {
                result.marks[post, default: []].append(.nearDuplicate(cluster: offset, similarity: closest[post] ?? 1, post: post))
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
                for post in burst.members { result.marks[post, default: []].append(.burst(index)) }
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
