/// Union-find over post numbers, for the near-duplicate clusters: flat arrays indexed by post.
///
/// Not dictionaries: a scan of millions of near-duplicates joins most of its posts, and dictionaries
/// keyed by post took about 30 bytes a post and a hash for every step of `find`; these take 12 bytes a
/// post (numbers up to the highest one joined), and the lowest similarity is kept only for roots.
struct DuplicateForest {
    private static let absent = UInt32.max

    /// The parent of each post, itself for a root, `absent` for a post never joined.
    private var parent: [UInt32] = []
    /// The highest similarity of the pairs each post was in.
    private var closest: [Double] = []
    /// By root: the lowest similarity of the pairs that joined its cluster.
    private var lowest: [UInt32: Double] = [:]

    /// Whether `post` was joined to another one.
    func contains(_ post: UInt32) -> Bool {
        Int(post) < parent.count && parent[Int(post)] != Self.absent
    }

    /// The root of a post that was joined (its cluster's lowest post), halving the path on the way.
    mutating func find(_ post: UInt32) -> UInt32 {
        precondition(contains(post), "solo se busca la raíz de una publicación unida")
        var current = post
        while true {
            let up = parent[Int(current)]
            guard up != current else { return current }
            let grandparent = parent[Int(up)]
            parent[Int(current)] = grandparent
            current = grandparent
        }
    }

    /// Joins the clusters of `a` and `b`, a pair at `similarity`.
    mutating func join(_ a: UInt32, _ b: UInt32, similarity: Double) {
        enter(a, similarity: similarity)
        enter(b, similarity: similarity)
        let (rootA, rootB) = (find(a), find(b))
        let low = min(similarity, lowest[rootA] ?? 1, lowest[rootB] ?? 1)
        guard rootA != rootB else {
            lowest[rootA] = low
            return
        }
        // The lower post stays the root, so that a root is the first post of its cluster.
        let (root, child) = rootA < rootB ? (rootA, rootB) : (rootB, rootA)
        parent[Int(child)] = root
        lowest[child] = nil
        lowest[root] = low
    }

    /// Makes `post` a member (its own root the first time), in a pair at `similarity`.
    private mutating func enter(_ post: UInt32, similarity: Double) {
        let index = Int(post)
        if index >= parent.count {
            let grown = index + 1 - parent.count
            parent.append(contentsOf: repeatElement(Self.absent, count: grown))
            closest.append(contentsOf: repeatElement(0, count: grown))
        }
        if parent[index] == Self.absent { parent[index] = post }
        closest[index] = max(closest[index], similarity)
    }

    /// The clusters in the order of their first post, each with its members ascending, the lowest
    /// similarity that joined it, and the closest similarity of each member.
    mutating func clusters() -> [(members: [UInt32], lowest: Double, closest: [Double])] {
        var clusters: [(members: [UInt32], lowest: Double, closest: [Double])] = []
        var clusterOfRoot: [UInt32: Int] = [:]
        for index in parent.indices where parent[index] != Self.absent {
            let post = UInt32(index)
            let root = find(post)
            // Posts come in ascending order and a root is its cluster's lowest post: it comes first.
            if root == post {
                clusterOfRoot[root] = clusters.count
                clusters.append(([], lowest[root] ?? 1, []))
            }
            let cluster = clusterOfRoot[root]!
            clusters[cluster].members.append(post)
            clusters[cluster].closest.append(closest[index])
        }
        return clusters
    }
}
