/// A hash table from byte strings to small integers that looks keys up from a buffer without
/// building a String or an Array: the hot path of lexicon matching, once per word of every post.
struct ByteKeyTable: Sendable {
    /// Open addressing over plain structs; an empty slot has a negative `keyLength`.
    private struct Slot: Sendable {
        var hash: UInt64
        var keyStart: Int32
        var keyLength: Int32
        var value: Int32

        static let empty = Slot(hash: 0, keyStart: 0, keyLength: -1, value: -1)
        var isEmpty: Bool { keyLength < 0 }
    }

    private var slots: [Slot]
    private var keys: [UInt8] = []
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: .empty, count: size)
        mask = size - 1
    }

    /// The value stored for `key`, if any. `hash` must be `FoldedHash.hash(key)`.
    func value<Key: Collection>(for key: Key, hash: UInt64) -> Int32? where Key.Element == UInt8 {
        var index = Int(truncatingIfNeeded: hash) & mask
        while !slots[index].isEmpty {
            let slot = slots[index]
            if slot.hash == hash && Int(slot.keyLength) == key.count && equalKey(slot, key) {
                return slot.value
            }
            index = (index + 1) & mask
        }
        return nil
    }

    /// Stores `value` for `key` unless the key is already there; returns the stored value.
    @discardableResult
    mutating func insert(_ key: String, value: Int32) -> Int32 {
        let bytes = Array(key.utf8)
        let hash = FoldedHash.hash(bytes)
        if let existing = self.value(for: bytes, hash: hash) { return existing }
        if (count + 1) * 2 > slots.count { grow() }
        let slot = Slot(hash: hash, keyStart: Int32(keys.count), keyLength: Int32(bytes.count), value: value)
        keys.append(contentsOf: bytes)
        place(slot)
        count += 1
        return value
    }

    private func equalKey<Key: Collection>(_ slot: Slot, _ key: Key) -> Bool where Key.Element == UInt8 {
        var position = Int(slot.keyStart)
        for byte in key {
            if keys[position] != byte { return false }
            position += 1
        }
        return true
    }

    private mutating func place(_ slot: Slot) {
        var index = Int(truncatingIfNeeded: slot.hash) & mask
        while !slots[index].isEmpty { index = (index + 1) & mask }
        slots[index] = slot
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: .empty, count: old.count * 2)
        mask = slots.count - 1
        for slot in old where !slot.isEmpty { place(slot) }
    }

    /// Writes the keys and their values only; reading places them again.
    func write(to writer: inout BinaryWriter) {
        var lengths: [Int32] = []
        var values: [Int32] = []
        var bytes: [UInt8] = []
        for slot in slots where !slot.isEmpty {
            lengths.append(slot.keyLength)
            values.append(slot.value)
            bytes.append(contentsOf: keys[Int(slot.keyStart)..<Int(slot.keyStart + slot.keyLength)])
        }
        writer.write(lengths)
        writer.write(values)
        writer.write(bytes)
    }

    /// Reads a table whose values are all below `values`.
    init(from reader: inout BinaryReader, values limit: Int32) throws(BinaryCodingError) {
        let lengths: [Int32] = try reader.read()
        let values: [Int32] = try reader.read()
        let bytes: [UInt8] = try reader.read()
        guard lengths.count == values.count, lengths.allSatisfy({ $0 >= 0 }), values.allSatisfy({ (0..<limit).contains($0) }),
            lengths.reduce(0, { $0 + Int($1) }) == bytes.count
        else { throw BinaryCodingError() }
        self.init(capacity: lengths.count)
        keys = bytes
        var start: Int32 = 0
        for index in lengths.indices {
            let range = Int(start)..<Int(start + lengths[index])
            let slot = Slot(hash: FoldedHash.hash(bytes[range]), keyStart: start, keyLength: lengths[index], value: values[index])
            place(slot)
            start += lengths[index]
        }
        count = lengths.count
    }
}
