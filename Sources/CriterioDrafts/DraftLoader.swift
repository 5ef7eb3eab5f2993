import CriterioCore
import CriterioFoundation
import Foundation

/// Where a draft comes from.
public enum DraftSource: Hashable, Sendable {
    case file(String)
    case standardInput
}

/// Reads drafts from disk and standard input: expands directories and globs, refuses what cannot
/// be linted with a Spanish message naming the file, and checks that listed media exist.
public struct DraftLoader: Sendable {
    /// Files above this size are refused (a post is a few kilobytes; this catches a wrong path).
    public var maximumBytes: Int
    /// The name shown for standard input, and whose extension chooses its format.
    public var standardInputName: String

    public init(maximumBytes: Int = 1 << 20, standardInputName: String = "<stdin>") {
        self.maximumBytes = maximumBytes
        self.standardInputName = standardInputName
    }

    /// The drafts named by command-line arguments, in order, without repeats: files as given,
    /// directories walked for `.md`, `.txt` and `.json` (hidden folders skipped), globs expanded.
    /// Paths matching an `ignore` pattern are left out.
    public func expand(_ arguments: [String], ignoring isIgnored: (String) -> Bool = { _ in false }) -> (sources: [DraftSource], errors: [DraftInputError]) {
        var sources: [DraftSource] = []
        var errors: [DraftInputError] = []
        var seen = Set<DraftSource>()
        func add(_ source: DraftSource) {
            if case .file(let path) = source, isIgnored(path) { return }
            if seen.insert(source).inserted { sources.append(source) }
        }
        for argument in arguments {
            if argument == "-" {
                add(.standardInput)
                continue
            }
            switch FileSystem.kind(of: argument) {
            case .file:
                add(.file(argument))
            case .directory:
                for path in FileSystem.files(under: argument) where DraftFormat(path: path) != nil {
                    add(.file(path))
                }
            case .missing where GlobPattern.isPattern(argument):
                do {
                    let glob = try GlobPattern(argument)
                    let matches = FileSystem.files(under: glob.baseDirectory).filter { glob.matches($0) }
                    if matches.isEmpty && !argument.isEmpty {
                        errors.append(DraftInputError(path: argument, message: "el patrón no coincide con ningún archivo"))
                    }
                    matches.forEach { add(.file($0)) }
                } catch {
                    errors.append(error)
                }
            case .missing:
                errors.append(DraftInputError(path: argument, message: "no existe el archivo o la carpeta"))
            case .other:
                errors.append(DraftInputError(path: argument, message: "no es un archivo regular ni una carpeta"))
            }
        }
        return (sources, errors)
    }

    /// Reads and parses one draft.
    public func load(_ source: DraftSource) throws(DraftInputError) -> Draft {
        switch source {
        case .file(let path):
            guard let format = DraftFormat(path: path) else {
                throw DraftInputError(path: path, message: "formato no admitido; Criterio lee borradores .md, .txt y .json")
            }
            let bytes = try FileSystem.read(path, limit: maximumBytes)
            let folder = (path as NSString).deletingLastPathComponent
            return try DraftParser.parse(bytes, path: path, format: format) { media in
                FileSystem.kind(of: Self.resolve(media, from: folder)) == .file
            }
        case .standardInput:
            let bytes = try FileSystem.readStandardInput(limit: maximumBytes, name: standardInputName)
            let format = DraftFormat(path: standardInputName) ?? .markdown
            return try DraftParser.parse(bytes, path: standardInputName, format: format) { media in
                FileSystem.kind(of: Self.resolve(media, from: ".")) == .file
            }
        }
    }

    /// `path` made absolute from the working directory, without `.` and `..` components.
    public static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// A media path as written, resolved from the draft's folder unless it is absolute.
    static func resolve(_ media: String, from folder: String) -> String {
        if media.hasPrefix("/") || folder.isEmpty { return media }
        return folder + "/" + media
    }
}

/// The few file-system operations drafts need, with errors in Spanish.
public enum FileSystem {
    public enum Kind: Equatable { case file, directory, missing, other }

    public static func kind(of path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    /// Regular files under `folder`, recursively and sorted; folders whose names start with `.`
    /// (such as `.git`) are skipped. Paths are `folder/…` as given.
    public static func files(under folder: String) -> [String] {
        var result: [String] = []
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder))?.sorted() ?? []
        for name in names where !name.hasPrefix(".") {
            let path = folder == "." ? name : (folder.hasSuffix("/") ? folder + name : folder + "/" + name)
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: result.append(contentsOf: files(under: path))
            case S_IFREG: result.append(path)
            case S_IFLNK where kind(of: path) == .file: result.append(path)
            default: break
            }
        }
        return result
    }

    /// The bytes of a file, refusing folders, unreadable files and files over `limit` bytes.
    public static func read(_ path: String, limit: Int) throws(DraftInputError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw DraftInputError(path: path, message: explain(errno)) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw DraftInputError(path: path, message: explain(errno)) }
        if info.st_mode & S_IFMT == S_IFDIR { throw DraftInputError(path: path, message: "es una carpeta, no un archivo") }
        if Int(info.st_size) > limit {
            throw DraftInputError(path: path, message: "mide \(Int(info.st_size)) bytes; el límite para un borrador es \(limit)")
        }
        return try readAll(descriptor, limit: limit, name: path)
    }

    static func readStandardInput(limit: Int, name: String) throws(DraftInputError) -> [UInt8] {
        try readAll(STDIN_FILENO, limit: limit, name: name)
    }

    private static func readAll(_ descriptor: Int32, limit: Int, name: String) throws(DraftInputError) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw DraftInputError(path: name, message: explain(errno))
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[..<count])
            if bytes.count > limit {
                throw DraftInputError(path: name, message: "supera el límite de \(limit) bytes para un borrador")
            }
        }
    }

    static func explain(_ code: Int32) -> String {
        switch code {
        case ENOENT: "no existe el archivo"
        case EACCES, EPERM: "no hay permiso para leerlo"
        case EISDIR: "es una carpeta, no un archivo"
        case ELOOP: "es un enlace simbólico circular"
        case ENAMETOOLONG: "la ruta es demasiado larga"
        default: "no se pudo leer (\(FoundationErrors.posix(code)))"
        }
    }
}
