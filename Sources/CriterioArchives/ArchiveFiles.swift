import CriterioFoundation
import Foundation

/// The few file operations the readers share, with errors in Spanish naming the archive.
enum ArchiveFiles {
    static func size(of path: String, name: String) throws(ArchiveError) -> Int64 {
        var info = stat()
        guard stat(path, &info) == 0 else { throw ArchiveError(archive: name, message: explain(errno)) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw ArchiveError(archive: name, message: "no es un archivo regular") }
        return Int64(info.st_size)
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    static func isFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }

    static func open(_ path: String, name: String) throws(ArchiveError) -> Int32 {
        let descriptor = Glibc.open(path, O_RDONLY)
        guard descriptor >= 0 else { throw ArchiveError(archive: name, message: explain(errno)) }
        return descriptor
    }

    /// The first `count` bytes of a file (fewer if it is shorter).
    static func head(_ path: String, count: Int, name: String) throws(ArchiveError) -> [UInt8] {
        let descriptor = try open(path, name: name)
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let read = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + filled, count - filled) }
            if read < 0 {
                if errno == EINTR { continue }
                throw ArchiveError(archive: name, message: explain(errno))
            }
            if read == 0 { break }
            filled += read
        }
        return Array(bytes[..<filled])
    }

    /// A whole file, refused above `limit` bytes (parts of an archive that are decoded at once).
    static func read(_ path: String, limit: Int64, name: String) throws(ArchiveError) -> Data {
        let size = try size(of: path, name: name)
        guard size <= limit else {
            throw ArchiveError(archive: name, message: "mide \(size) bytes; el límite para una parte es \(limit)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ArchiveError(archive: name, message: "no se pudo leer")
        }
        return data
    }

    static func explain(_ code: Int32) -> String {
        FoundationErrors.posix(code)
    }
}
