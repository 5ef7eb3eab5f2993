/// Counts 64-bit hashes in a caller-provided buffer (open addressing, no allocation): the tool
/// rules use to find repeated words in a post without building dictionaries on the hot path.
public struct HashCounter {
    private let keys: UnsafeMutableBufferPointer<UInt64>
    private let counts: UnsafeMutableBufferPointer<Int32>
    private let mask: Int

    /// Runs `body` with a counter able to hold `capacity` distinct hashes. The storage is
    /// temporary (on the stack when small) and is gone when `body` returns.
    public static func withCounter<Result>(capacity: Int, _ body: (inout HashCounter) -> Result) -> Result {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: size) { keys in
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: size) { counts in
                counts.initialize(repeating: 0)
                var counter = HashCounter(keys: keys, counts: counts, mask: size - 1)
                return body(&counter)
            }
        }
    }

    /// Adds one occurrence of `hash` and returns how many there are now.
    @discardableResult
    public mutating func add(_ hash: UInt64) -> Int32 {
        var index = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
        while counts[index] != 0 {
            if keys[index] == hash {
                counts[index] += 1
                return counts[index]
            }
            index = (index + 1) & mask
        }
        keys[index] = hash
        counts[index] = 1
        return 1
    }

    /// How many times `hash` was added.
    public func count(_ hash: UInt64) -> Int32 {
        var index = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
        while counts[index] != 0 {
            if keys[index] == hash { return counts[index] }
            index = (index + 1) & mask
        }
        return 0
    }
}

/// An immutable set of 64-bit hashes (open addressing), for membership tests on the hot path
/// without `Set`'s seeded hashing.
public struct HashSet64: Sendable {
    private let slots: [UInt64]
    private let mask: Int
    private let containsZero: Bool
    /// One bit per member, from other bits of its hash than the table's: a hash whose bit is clear
    /// is not in the set, and the test touches a bitmap an eighth of the table's size, which stays
    /// in the processor's first cache while rules test every word of every post.
    private let filter: [UInt64]
    private let filterMask: Int

    public init<Hashes: Sequence>(_ hashes: Hashes) where Hashes.Element == UInt64 {
        let unique = Array(Set(hashes))
        var size = 16
        while size < unique.count * 2 { size <<= 1 }
        var slots = Array(repeating: UInt64(0), count: size)
        // Eight filter bits per table slot (a byte per slot): few false positives.
        var filter = Array(repeating: UInt64(0), count: size / 8)
        let filterMask = size * 8 - 1
        for hash in unique where hash != 0 {
            var index = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & (size - 1)
            while slots[index] != 0 { index = (index + 1) & (size - 1) }
            slots[index] = hash
            let bit = Self.filterBit(hash, filterMask)
            filter[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        self.slots = slots
        self.mask = size - 1
        self.containsZero = unique.contains(0)
        self.filter = filter
        self.filterMask = filterMask
    }

    @inline(__always)
    private static func filterBit(_ hash: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (hash >> 40) ^ (hash >> 11)) & mask
    }

    @inline(__always)
    public func contains(_ hash: UInt64) -> Bool {
        if hash == 0 { return containsZero }
        let bit = Self.filterBit(hash, filterMask)
        guard filter[bit >> 6] & (1 << UInt64(bit & 63)) != 0 else { return false }
        var index = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
        while slots[index] != 0 {
            if slots[index] == hash { return true }
            index = (index + 1) & mask
        }
        return false
    }
}
