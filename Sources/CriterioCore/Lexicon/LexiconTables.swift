// The tables a compiled lexicon is made of, each in one allocation and looked up without
// `Dictionary`'s seeded hashing: per-node and per-word lists (`FlatLists`) and the trie's edges
// (`TrieEdgeTable`). `ByteKeyTable` holds the vocabulary.

/// A list of integers for each index, stored back to back: one allocation for all of them rather
/// than one per trie node or per word.
struct FlatLists: Sendable {
    /// `offsets[i]..<offsets[i + 1]` is list `i` in `values`.
    private let offsets: [Int32]
    private let values: [Int32]

    init(_ lists: [[Int32]]) {
        var offsets: [Int32] = [0]
        offsets.reserveCapacity(lists.count + 1)
        var values: [Int32] = []
        for list in lists {
            values.append(contentsOf: list)
            offsets.append(Int32(values.count))
        }
        self.offsets = offsets
        self.values = values
    }

    subscript(index: Int) -> ArraySlice<Int32> {
        values[Int(offsets[index])..<Int(offsets[index + 1])]
    }

    func write(to writer: inout BinaryWriter) {
        writer.write(offsets)
        writer.write(values)
    }

    /// Reads `count` lists, checking that the offsets rise within the values.
    init(from reader: inout BinaryReader, count: Int) throws(BinaryCodingError) {
        offsets = try reader.read()
        values = try reader.read()
        guard offsets.count == count + 1, offsets.first == 0, offsets.last == Int32(values.count),
            zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 })
        else { throw BinaryCodingError() }
    }
}

/// The trie's edges, (node, word) → child, in an open-addressing table: looked up for every
/// lexicon word of every post and filled once per edge while a lexicon is built, so it avoids
/// `Dictionary`'s per-lookup seeded hashing.
struct TrieEdgeTable: Sendable {
    private var keys: [UInt64]
    private var values: [Int32]
    private var mask: Int
    private var count = 0
    private static let empty = UInt64.max

    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = Array(repeating: Self.empty, count: size)
        values = Array(repeating: -1, count: size)
        mask = size - 1
    }

    static func key(_ node: Int32, _ word: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: node)) << 32 | UInt64(UInt32(bitPattern: word))
    }

    private static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    func child(of node: Int32, word: Int32) -> Int32? {
        let key = Self.key(node, word)
        var index = Self.slot(key, mask)
        while keys[index] != Self.empty {
            if keys[index] == key { return values[index] }
            index = (index + 1) & mask
        }
        return nil
    }

    /// Adds an edge that is not there yet.
    mutating func insert(_ node: Int32, _ word: Int32, child: Int32) {
        if (count + 1) * 2 > keys.count { grow() }
        place(Self.key(node, word), child)
        count += 1
    }

    /// Writes the edges only; reading places them again (a few instructions each, and a file a
    /// third of the table's size).
    func write(to writer: inout BinaryWriter) {
        var edges: [UInt64] = []
        var children: [Int32] = []
        edges.reserveCapacity(count)
        children.reserveCapacity(count)
        for index in keys.indices where keys[index] != Self.empty {
            edges.append(keys[index])
            children.append(values[index])
        }
        writer.write(edges)
        writer.write(children)
    }

    /// Reads a table whose children are all below `nodes`.
    init(from reader: inout BinaryReader, nodes: Int) throws(BinaryCodingError) {
        let edges: [UInt64] = try reader.read()
        let children: [Int32] = try reader.read()
        guard edges.count == children.count, children.allSatisfy({ (0..<Int32(nodes)).contains($0) }),
            !edges.contains(Self.empty)
        else { throw BinaryCodingError() }
        self.init(capacity: edges.count)
        for index in edges.indices { place(edges[index], children[index]) }
        count = edges.count
    }

    /// Calls `body` with the parent node and word of every edge.
    func forEachEdge(_ body: (Int32, Int32) -> Void) {
        for key in keys where key != Self.empty {
            body(Int32(bitPattern: UInt32(key >> 32)), Int32(bitPattern: UInt32(key & 0xFFFF_FFFF)))
        }
    }

    private mutating func place(_ key: UInt64, _ value: Int32) {
        var index = Self.slot(key, mask)
        while keys[index] != Self.empty { index = (index + 1) & mask }
        keys[index] = key
        values[index] = value
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        keys = Array(repeating: Self.empty, count: oldKeys.count * 2)
        values = Array(repeating: -1, count: oldKeys.count * 2)
        mask = keys.count - 1
        for index in oldKeys.indices where oldKeys[index] != Self.empty { place(oldKeys[index], oldValues[index]) }
    }
}
