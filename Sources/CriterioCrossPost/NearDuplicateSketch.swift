import CriterioCore

/// What the near-duplicate check keeps of a post: the smallest hashes of its word shingles (to
/// measure similarity) and its locality-sensitive hashes (to find the few posts worth measuring against).
public struct PostSketch: Sendable, Equatable {
    /// The `NearDuplicateSketcher.kept` smallest hashes of its runs of three words (hashtags and
    /// numbers count as words), sorted, each once: all of them for a post of up to 50 words.
    public var shingles: [UInt32]
    /// One key per LSH band: posts that share a key are candidates.
    public var bandKeys: [UInt64]

    public init(shingles: [UInt32], bandKeys: [UInt64]) {
        self.shingles = shingles
        self.bandKeys = bandKeys
    }
}

/// MinHash over word shingles, banded for locality-sensitive hashing.
///
/// A post's signature is the minimum of each of 45 hash functions (permutations of the 32-bit shingle
/// hashes) over its shingles; two posts agree on one minimum with probability equal to their Jaccard
/// similarity. The signature is cut into 9 bands of 5: posts that agree on a whole band are
/// candidates, which catches a pair at similarity 0.8 with probability 1 − (1 − 0.8⁵)⁹ ≈ 97 % (0.85:
/// 99.3 %, 0.9: 99.9 %) and few pairs below (0.6: 52 %, 0.5: 25 %), and the candidates' similarity is
/// then measured on their shingles (`similarity`): exactly when both have at most `kept` of them
/// (posts of up to 50 words), else on the smallest `kept` hashes of the union (a bottom-k estimate).
/// The owner of the posts (an account) is mixed into the keys, so only posts of one owner are compared.
public struct NearDuplicateSketcher: Sendable {
    public static let bands = 9
    public static let rows = 5
    public static let shingleLength = 3
    /// Shorter posts ("¡Gracias!") are not compared: a few words say little about repetition.
    public static let minimumWords = 5
    /// Shingle hashes kept per post (a fixed-size record in a scan's temporary file).
    public static let kept = 48

    /// Odd multipliers and offsets of the 32 hash functions `a·x + b mod 2³²` (each a permutation of
    /// the 32-bit shingle hashes), eight to a SIMD vector.
    private static let functions: [(multiplier: SIMD8<UInt32>, offset: SIMD8<UInt32>)] = {
        var state: UInt64 = 0x5DEE_CE66_D1CE_5EED
        func next() -> UInt32 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt32(truncatingIfNeeded: state >> 32)
        }
        return (0..<((bands * rows + 7) / 8)).map { _ in
            var multiplier = SIMD8<UInt32>()
            var offset = SIMD8<UInt32>()
            for lane in 0..<8 {
                multiplier[lane] = next() | 1
                offset[lane] = next()
            }
            return (multiplier, offset)
        }
    }()

    public init() {}

    /// The sketch of a post written by `owner`, or nil when it has too few words.
    public func sketch(_ post: AnalyzedPost, owner: UInt64) -> PostSketch? {
        var words: [UInt64] = []
        words.reserveCapacity(post.tokens.count)
        for token in post.tokens where token.kind == .word || token.kind == .number || token.kind == .hashtag {
            words.append(token.hash)
        }
        guard words.count >= Self.minimumWords else { return nil }
        var shingles: [UInt32] = []
        shingles.reserveCapacity(words.count)
        for start in 0...(words.count - Self.shingleLength) {
            var hash: UInt64 = 0x9E37_79B9_7F4A_7C15
            for offset in 0..<Self.shingleLength { hash = Self.mix(hash ^ words[start + offset]) }
            shingles.append(UInt32(truncatingIfNeeded: hash >> 32))
        }
        shingles.sort()
        shingles = Self.unique(shingles)
        let keys = Self.bandKeys(shingles, owner: owner)
        if shingles.count > Self.kept { shingles.removeLast(shingles.count - Self.kept) }
        return PostSketch(shingles: shingles, bandKeys: keys)
    }

    static func bandKeys(_ shingles: [UInt32], owner: UInt64) -> [UInt64] {
        let functions = Self.functions
        var minimums = [SIMD8<UInt32>](repeating: SIMD8(repeating: .max), count: functions.count)
        for shingle in shingles {
            let value = SIMD8<UInt32>(repeating: shingle)
            for index in 0..<functions.count {
                minimums[index] = pointwiseMin(minimums[index], value &* functions[index].multiplier &+ functions[index].offset)
            }
        }
        return (0..<bands).map { band in
            var key = mix(owner ^ (UInt64(band) &* 0x9E37_79B9_7F4A_7C15))
            for row in 0..<rows {
                let position = band * rows + row
                key = mix(key ^ UInt64(minimums[position / 8][position % 8]))
            }
            return key
        }
    }

    static func unique(_ sorted: [UInt32]) -> [UInt32] {
        var result: [UInt32] = []
        result.reserveCapacity(sorted.count)
        for value in sorted where result.last != value { result.append(value) }
        return result
    }

    /// A 64-bit finaliser (SplitMix64's).
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The owner key of an account name (or of whatever stands for it).
    public static func ownerKey(_ owner: String) -> UInt64 {
        var hash = FoldedHash.seed
        for byte in owner.utf8 { hash = FoldedHash.combine(hash, byte) }
        return mix(hash)
    }

    /// The Jaccard similarity |A ∩ B| / |A ∪ B| of two posts from their kept shingles: over the
    /// smallest `kept` hashes of the union, which is the whole union when neither post has more.
    /// (Each of those is among the smallest `kept` of its own post too, so both sketches say whether
    /// it is in both posts.)
    public static func similarity(_ a: [UInt32], _ b: [UInt32]) -> Double {
        guard !a.isEmpty || !b.isEmpty else { return 1 }
        var i = 0, j = 0, common = 0, seen = 0
        while seen < kept && (i < a.count || j < b.count) {
            if i < a.count && j < b.count && a[i] == b[j] {
                common += 1
                i += 1
                j += 1
            } else if j >= b.count || (i < a.count && a[i] < b[j]) {
                i += 1
            } else {
                j += 1
            }
            seen += 1
        }
        return Double(common) / Double(seen)
    }
}
