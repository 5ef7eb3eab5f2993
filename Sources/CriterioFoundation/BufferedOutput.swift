import Foundation

/// Bytes on their way to a file descriptor (standard output, for a report), gathered in a buffer
/// and written when it fills: a report of megabytes made of thousands of pieces goes out in a few
/// `write`s, without a copy of the whole of it in memory first.
///
/// A write that fails (the reader closed the pipe) ends the output: what follows is dropped, and
/// `failure` says why.
public struct BufferedOutput {
    public let descriptor: Int32
    private var buffer: [UInt8] = []
    private let capacity: Int
    /// The `errno` of the write that failed, if one did.
    public private(set) var failure: Int32?

    public init(descriptor: Int32, capacity: Int = 256 * 1024) {
        self.descriptor = descriptor
        self.capacity = max(capacity, 1)
        buffer.reserveCapacity(self.capacity)
    }

    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        if buffer.count + bytes.count > capacity { flush() }
        // What would fill the buffer on its own goes out as it is.
        if bytes.count >= capacity {
            send(bytes)
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    public mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    public mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { append(UnsafeRawBufferPointer($0)) }
    }

    public mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    /// Writes what the buffer holds.
    public mutating func flush() {
        guard !buffer.isEmpty else { return }
        let descriptor = descriptor
        let failed = failure == nil ? buffer.withUnsafeBytes { Self.write($0, to: descriptor) } : nil
        failure = failure ?? failed
        buffer.removeAll(keepingCapacity: true)
    }

    private mutating func send(_ bytes: UnsafeRawBufferPointer) {
        guard failure == nil else { return }
        failure = Self.write(bytes, to: descriptor)
    }

    /// Writes all of `bytes`; the `errno` of the write that failed, if one did.
    private static func write(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Int32? {
        guard let base = bytes.baseAddress else { return nil }
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, base + offset, bytes.count - offset)
            if written >= 0 {
                offset += written
                continue
            }
            switch errno {
            case EINTR:
                continue
            case EAGAIN:
                // A descriptor left non-blocking (by whoever started the process) is waited on.
                var ready = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                _ = poll(&ready, 1, -1)
            default:
                return errno
            }
        }
        return nil
    }
}
