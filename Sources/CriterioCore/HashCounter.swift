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

    public init<Hashes: Sequence>(_ hashes: Hashes) where Hashes.Element == UInt64 {
        let unique = Array(Set(hashes))
        var size = 16
        while size < unique.count * 2 { size <<= 1 }
        var slots = Array(repeating: UInt64(0), count: size)
        for hash in unique where hash != 0 {
            var index = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & (size - 1)
            while slots[index] != 0 { index = (index + 1) & (size - 1) }
            slots[index] = hash
        }
        self.slots = slots
        self.mask = size - 1
        self.containsZero = unique.contains(0)
    }

    public func contains(_ hash: UInt64) -> Bool {
        if hash == 0 { return containsZero }
        var index = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
        while slots[index] != 0 {
            if slots[index] == hash { return true }
            index = (index + 1) & mask
        }
        return false
    }
}
