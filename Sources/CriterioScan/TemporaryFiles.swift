import CriterioFoundation
import Foundation

/// A folder of temporary files for one scan, removed when the scan ends.
final class ScratchFolder {
    let path: String

    init(under parent: String) throws(ScanError) {
        let name = "criterio-scan-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        path = (parent as NSString).appendingPathComponent(name)
        guard mkdir(path, 0o700) == 0 else {
            throw ScanError("no se pudo crear la carpeta temporal «\(path)» (\(FoundationErrors.posix(errno)))")
        }
    }

    func file(_ name: String) -> String { path + "/" + name }

    deinit {
        if let names = try? FileManager.default.contentsOfDirectory(atPath: path) {
            for name in names { unlink(path + "/" + name) }
        }
        rmdir(path)
    }
}

/// A file written in large sequential chunks and read back in place (`pread`) or from the start.
final class SpillFile {
    let path: String
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private let buffered: Bool
    private(set) var size: Int64 = 0
    private static let chunk = 1 << 20

    /// `buffered`: small appends are gathered (a file written one record at a time); a file written
    /// in one piece needs no buffer.
    init(_ path: String, buffered: Bool = true) throws(ScanError) {
        self.path = path
        descriptor = open(path, O_RDWR | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else { throw ScanError("no se pudo crear el archivo temporal «\(path)» (\(FoundationErrors.posix(errno)))") }
        self.buffered = buffered
        if buffered { buffer.reserveCapacity(Self.chunk) }
    }

    deinit { close(descriptor) }

    /// The offset where `bytes` start.
    @discardableResult
    func append(_ bytes: UnsafeRawBufferPointer) throws(ScanError) -> Int64 {
        let offset = size
        if bytes.count >= Self.chunk || !buffered {
            // Large writes (a sorted run) go straight to the file: the buffer stays one chunk.
            try flush()
            try write(bytes, at: size)
            size += Int64(bytes.count)
            return offset
        }
        buffer.append(contentsOf: bytes)
        size += Int64(bytes.count)
        if buffer.count >= Self.chunk { try flush() }
        return offset
    }

    @discardableResult
    func append(_ bytes: [UInt8]) throws(ScanError) -> Int64 {
        var offset: Int64 = 0
        var failure: ScanError?
        bytes.withUnsafeBytes { raw in
            do throws(ScanError) { offset = try append(raw) } catch { failure = error }
        }
        if let failure { throw failure }
        return offset
    }

    func flush() throws(ScanError) {
        guard !buffer.isEmpty else { return }
        var failure: ScanError?
        buffer.withUnsafeBytes { raw in
            do throws(ScanError) { try write(raw, at: size - Int64(raw.count)) } catch { failure = error }
        }
        if let failure { throw failure }
        buffer.removeAll(keepingCapacity: true)
    }

    private func write(_ bytes: UnsafeRawBufferPointer, at offset: Int64) throws(ScanError) {
        var written = 0
        while written < bytes.count {
            let count = pwrite(descriptor, bytes.baseAddress! + written, bytes.count - written, off_t(offset + Int64(written)))
            if count < 0 {
                if errno == EINTR { continue }
                throw ScanError("no se pudo escribir el archivo temporal «\(path)» (\(FoundationErrors.posix(errno))); revisa el espacio libre")
            }
            written += count
        }
    }

    /// `count` bytes at `offset` (after `flush`).
    func read(at offset: Int64, count: Int, into target: UnsafeMutableRawBufferPointer) -> Bool {
        var done = 0
        while done < count {
            let result = pread(descriptor, target.baseAddress! + done, count - done, off_t(offset + Int64(done)))
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else { return false }
            done += result
        }
        return true
    }
}

/// Reads a spill file from the start in chunks.
struct SpillReader {
    private let file: SpillFile
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var offset: Int64 = 0

    init(_ file: SpillFile, chunk: Int = 1 << 20) {
        self.file = file
        buffer = [UInt8](repeating: 0, count: chunk)
    }

    /// The next `count` bytes, or nil at the end of the file.
    mutating func take(_ count: Int) -> ArraySlice<UInt8>? {
        if end - start < count {
            if start > 0 {
                buffer.replaceSubrange(0..<(end - start), with: buffer[start..<end])
                end -= start
                start = 0
            }
            if buffer.count < count { buffer += [UInt8](repeating: 0, count: count - buffer.count) }
            while end < count {
                let want = min(buffer.count - end, Int(file.size - offset))
                guard want > 0 else { return nil }
                let ok = buffer.withUnsafeMutableBytes { file.read(at: offset, count: want, into: UnsafeMutableRawBufferPointer(rebasing: $0[end..<(end + want)])) }
                guard ok else { return nil }
                offset += Int64(want)
                end += want
            }
        }
        defer { start += count }
        return buffer[start..<(start + count)]
    }

    mutating func skip(_ count: Int) -> Bool { take(count) != nil }
}

/// A scan that cannot go on (its temporary files, or no archive to read). In Spanish.
public struct ScanError: ExplainedError, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
