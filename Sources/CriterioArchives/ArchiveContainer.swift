import Foundation
import ZIPFoundation

/// Limits that keep a hostile or broken archive from exhausting memory.
public struct ArchiveLimits: Sendable {
    /// The largest part (an X `tweets.js`, a Facebook JSON file) decoded at once.
    public var maximumPartBytes: Int64
    /// The most a zip entry may expand over its compressed size (beyond its first MiB): a zip bomb.
    public var maximumCompressionRatio: Double

    public init(maximumPartBytes: Int64 = 1 << 30, maximumCompressionRatio: Double = 200) {
        self.maximumPartBytes = maximumPartBytes
        self.maximumCompressionRatio = maximumCompressionRatio
    }
}

/// Files inside an archive, whether it is a zip (read entry by entry, never unpacked), a folder, or
/// a single file. Paths are relative and use `/`.
protocol ArchiveContainer {
    var name: String { get }
    var paths: [String] { get }
    func size(of path: String) -> Int64
    func contents(of path: String) throws(ArchiveError) -> Data
}

extension ArchiveContainer {
    func contains(_ path: String) -> Bool { paths.contains(path) }
}

/// One file standing alone (a `tweets.js`, a `your_posts_1.json`).
struct SingleFileContainer: ArchiveContainer {
    let name: String
    let path: String
    let limits: ArchiveLimits

    var paths: [String] { [(path as NSString).lastPathComponent] }

    func size(of path: String) -> Int64 { (try? ArchiveFiles.size(of: self.path, name: name)) ?? 0 }

    func contents(of path: String) throws(ArchiveError) -> Data {
        try ArchiveFiles.read(self.path, limit: limits.maximumPartBytes, name: name)
    }
}

/// An unpacked archive: the files under a folder (hidden ones skipped).
struct FolderContainer: ArchiveContainer {
    let name: String
    let root: String
    let limits: ArchiveLimits
    let paths: [String]

    init(name: String, root: String, limits: ArchiveLimits) {
        self.name = name
        self.root = root
        self.limits = limits
        var found: [String] = []
        Self.walk(root, prefix: "", depth: 0, into: &found)
        paths = found.sorted()
    }

    /// Regular files, at most four folders deep (an X archive keeps its parts in `data/`).
    private static func walk(_ folder: String, prefix: String, depth: Int, into found: inout [String]) {
        guard depth <= 4, let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where !name.hasPrefix(".") {
            let path = folder + "/" + name
            if ArchiveFiles.isDirectory(path) {
                walk(path, prefix: prefix + name + "/", depth: depth + 1, into: &found)
            } else if ArchiveFiles.isFile(path) {
                found.append(prefix + name)
            }
        }
    }

    func size(of path: String) -> Int64 { (try? ArchiveFiles.size(of: root + "/" + path, name: name)) ?? 0 }

    func contents(of path: String) throws(ArchiveError) -> Data {
        try ArchiveFiles.read(root + "/" + path, limit: limits.maximumPartBytes, name: "\(name)/\(path)")
    }
}

/// A zip, read with ZIPFoundation one entry at a time. Opening it refuses entries whose names leave
/// the archive (`../`, absolute paths); reading an entry stops at the size limit and at a zip bomb's
/// compression ratio, whatever its header claims.
final class ZipContainer: ArchiveContainer {
    let name: String
    let limits: ArchiveLimits
    private let archive: Archive
    private let entries: [String: Entry]
    let paths: [String]
    private let path: String

    init(name: String, path: String, limits: ArchiveLimits) throws(ArchiveError) {
        self.name = name
        self.path = path
        self.limits = limits
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw ArchiveError(archive: name, message: "no es un zip válido o está dañado")
        }
        var entries: [String: Entry] = [:]
        for entry in archive where entry.type == .file {
            let path = entry.path
            if Self.leavesArchive(path) {
                throw ArchiveError(archive: name, message: "el zip contiene la entrada «\(path)», que sale de su carpeta; por seguridad no se lee")
            }
            if entries[path] == nil { entries[path] = entry }
        }
        self.entries = entries
        paths = entries.keys.sorted()
    }

    static func leavesArchive(_ path: String) -> Bool {
        let normalized = path.replacingOccurrences(of: "\\", with: "/")
        if normalized.hasPrefix("/") || (normalized.count >= 2 && Array(normalized)[1] == ":") { return true }
        return normalized.split(separator: "/", omittingEmptySubsequences: false).contains("..")
    }

    func size(of path: String) -> Int64 { entries[path].map { Int64(clamping: $0.uncompressedSize) } ?? 0 }

    private struct Expanded: Error {}

    func contents(of path: String) throws(ArchiveError) -> Data {
        guard let entry = entries[path] else { throw ArchiveError(archive: name, message: "no contiene «\(path)»") }
        let where_ = "\(name)/\(path)"
        let compressed = max(Double(entry.compressedSize), 1)
        let limit = limits.maximumPartBytes
        let ratio = limits.maximumCompressionRatio
        func isBomb(_ size: Double) -> Bool { size > Double(1 << 20) && size / compressed > ratio }
        if Double(entry.uncompressedSize) > Double(limit) {
            throw ArchiveError(archive: where_, message: "se descomprime a \(entry.uncompressedSize) bytes; el límite para una parte es \(limit)")
        }
        if isBomb(Double(entry.uncompressedSize)) {
            throw ArchiveError(archive: where_, message: Self.bombMessage(ratio))
        }
        var data = Data()
        data.reserveCapacity(Int(min(entry.uncompressedSize, UInt64(limit))))
        let consume: Consumer = { chunk in
            data.append(chunk)
            if Int64(data.count) > limit || isBomb(Double(data.count)) { throw Expanded() }
        }
        do {
            if entry.isCompressed, let start = dataOffset(of: entry) {
                guard try inflate(entry, from: start, consumer: consume) == entry.checksum else { throw Damaged() }
            } else {
                _ = try archive.extract(entry, skipCRC32: false, consumer: consume)
            }
        } catch is Expanded {
            throw ArchiveError(archive: where_, message: Int64(data.count) > limit
                ? "se descomprime a más de \(limit) bytes, el límite para una parte; no se lee"
                : Self.bombMessage(ratio))
        } catch {
            throw ArchiveError(archive: where_, message: "la entrada está dañada en el zip (no se pudo descomprimir)")
        }
        return data
    }

    private struct Damaged: Error {}

    /// Inflates a deflated entry from its own bytes only, through ZIPFoundation's `Data.decompress`.
    /// `Archive.extract` is not used for them: on Linux, ZIPFoundation 0.9.20 reads on past an entry
    /// whose deflate stream does not end within it and, at the end of the file, loops for ever
    /// (weichsel/ZIPFoundation#389, found by fuzz-archives: `criterio scan` hung on a damaged zip).
    /// It also tells zlib every chunk is full-sized, so the last chunk is padded with zeros, which
    /// inflate reads as a damaged block if the stream goes on.
    private func inflate(_ entry: Entry, from start: UInt64, consumer: Consumer) throws -> CRC32 {
        let file = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? file.close() }
        try file.seek(toOffset: start)
        var remaining = Int64(clamping: entry.compressedSize)
        return try Data.decompress(size: remaining, bufferSize: Self.chunkSize, skipCRC32: false, provider: { _, size in
            guard remaining > 0 else { throw Damaged() }
            var chunk = try file.read(upToCount: Int(min(Int64(size), remaining))) ?? Data()
            guard !chunk.isEmpty else { throw Damaged() }
            remaining -= Int64(chunk.count)
            if chunk.count < size { chunk.append(Data(count: size - chunk.count)) }
            return chunk
        }, consumer: consumer)
    }

    private static let chunkSize = 64 * 1024

    /// Where an entry's data starts: after its local header, whose place only the central directory
    /// knows (ZIPFoundation keeps it internal, hence the mirror). Nil for a ZIP64 offset or a header
    /// that cannot be read; ZIPFoundation then reads the entry itself.
    private func dataOffset(of entry: Entry) -> UInt64? {
        guard let directory = Mirror(reflecting: entry).descendant("centralDirectoryStructure"),
            let offset = Mirror(reflecting: directory).descendant("relativeOffsetOfLocalHeader") as? UInt32, offset != .max,
            let file = FileHandle(forReadingAtPath: path)
        else { return nil }
        defer { try? file.close() }
        guard (try? file.seek(toOffset: UInt64(offset))) != nil, let header = try? file.read(upToCount: 30), header.count == 30,
            header.prefix(4) == Data([0x50, 0x4b, 0x03, 0x04])
        else { return nil }
        let nameLength = UInt64(header[26]) | UInt64(header[27]) << 8
        let extraLength = UInt64(header[28]) | UInt64(header[29]) << 8
        return UInt64(offset) + 30 + nameLength + extraLength
    }

    static func bombMessage(_ ratio: Double) -> String {
        "se descomprime a más de \(Int(ratio)) veces su tamaño: parece una bomba zip; no se lee"
    }
}
