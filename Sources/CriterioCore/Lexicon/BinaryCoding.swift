/// A compact binary form for data built from word lists (compiled lexicons), so that a source that
/// can keep it between runs (`WordlistSource.storeCompiled`) spares the next run the compiling.
/// Length-prefixed arrays in the machine's byte order (the data never leaves the machine that
/// wrote it; the header's checksum catches anything else); a reader never trusts a length beyond
/// the bytes it has.
public struct BinaryWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public mutating func write(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    public mutating func write(_ value: Int) { write(UInt64(bitPattern: Int64(value))) }

    public mutating func write(_ value: Int32) {
        let bits = UInt32(bitPattern: value)
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: bits >> UInt32(shift))) }
    }

    public mutating func write(_ value: Bool) { bytes.append(value ? 1 : 0) }

    public mutating func write(_ value: String) { write(Array(value.utf8)) }

    public mutating func write(_ values: [UInt8]) {
        write(values.count)
        bytes.append(contentsOf: values)
    }

    public mutating func write(_ values: [UInt64]) {
        write(values.count)
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }

    public mutating func write(_ values: [Int32]) {
        write(values.count)
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }

    public mutating func write(_ values: [Bool]) {
        write(values.count)
        for value in values { write(value) }
    }

    /// A 64-bit checksum that reads eight bytes per step.
    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset + 8 <= raw.count {
                hash = (hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0x0000_0100_0000_01B3
                hash ^= hash >> 29
                offset += 8
            }
            while offset < raw.count {
                hash = (hash ^ UInt64(raw[offset])) &* 0x0000_0100_0000_01B3
                offset += 1
            }
        }
        return hash
    }

    /// The bytes with a header: a magic tag, a format version and a checksum of the rest.
    public func sealed(magic: UInt64, version: UInt64) -> [UInt8] {
        var header = BinaryWriter()
        header.write(magic)
        header.write(version)
        header.write(Self.checksum(bytes[...]))
        return header.bytes + bytes
    }
}

/// Thrown when compiled data is truncated, corrupted or from another format version: the caller
/// compiles again.
public struct BinaryCodingError: Error, Sendable {
    public init() {}
}

public struct BinaryReader {
    private let bytes: [UInt8]
    private var position: Int

    /// Checks the header written by `BinaryWriter.sealed` and reads what follows it.
    public init(sealed bytes: [UInt8], magic: UInt64, version: UInt64) throws(BinaryCodingError) {
        self.bytes = bytes
        position = 0
        guard try read() as UInt64 == magic, try read() as UInt64 == version else { throw BinaryCodingError() }
        let checksum: UInt64 = try read()
        guard BinaryWriter.checksum(bytes[position...]) == checksum else { throw BinaryCodingError() }
    }

    /// Whether every byte was read.
    public var isAtEnd: Bool { position == bytes.count }

    private mutating func take(_ count: Int) throws(BinaryCodingError) -> ArraySlice<UInt8> {
        guard count >= 0, count <= bytes.count - position else { throw BinaryCodingError() }
        defer { position += count }
        return bytes[position..<(position + count)]
    }

    public mutating func read() throws(BinaryCodingError) -> UInt64 {
        var value: UInt64 = 0
        for (index, byte) in try take(8).enumerated() { value |= UInt64(byte) << UInt64(index * 8) }
        return value
    }

    public mutating func read() throws(BinaryCodingError) -> Int {
        Int(truncatingIfNeeded: Int64(bitPattern: try read() as UInt64))
    }

    public mutating func read() throws(BinaryCodingError) -> Int32 {
        var value: UInt32 = 0
        for (index, byte) in try take(4).enumerated() { value |= UInt32(byte) << UInt32(index * 8) }
        return Int32(bitPattern: value)
    }

    public mutating func read() throws(BinaryCodingError) -> Bool {
        try take(1).first == 1
    }

    public mutating func read() throws(BinaryCodingError) -> String {
        guard let string = String(validating: try read() as [UInt8], as: UTF8.self) else { throw BinaryCodingError() }
        return string
    }

    /// A count of elements of `size` bytes each, checked against the bytes left.
    private mutating func count(of size: Int) throws(BinaryCodingError) -> Int {
        let count: Int = try read()
        guard count >= 0, count <= (bytes.count - position) / size else { throw BinaryCodingError() }
        return count
    }

    public mutating func read() throws(BinaryCodingError) -> [UInt8] {
        Array(try take(try count(of: 1)))
    }

    public mutating func read() throws(BinaryCodingError) -> [UInt64] {
        try readArray(of: UInt64.self)
    }

    public mutating func read() throws(BinaryCodingError) -> [Int32] {
        try readArray(of: Int32.self)
    }

    /// An array written with `withUnsafeBytes`, copied back in one go.
    private mutating func readArray<Element: FixedWidthInteger>(of _: Element.Type) throws(BinaryCodingError) -> [Element] {
        let count = try count(of: MemoryLayout<Element>.size)
        let slice = try take(count * MemoryLayout<Element>.size)
        return [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            slice.withUnsafeBytes { UnsafeMutableRawBufferPointer(buffer).copyMemory(from: $0) }
            initialized = count
        }
    }

    public mutating func read() throws(BinaryCodingError) -> [Bool] {
        try take(try count(of: 1)).map { $0 == 1 }
    }
}
