import CriterioCore
import CriterioFoundation
import Dispatch
import Foundation

/// Where a draft comes from.
public enum DraftSource: Hashable, Sendable {
    case file(String)
    case standardInput
}

/// Reads drafts from disk and standard input: expands directories and globs, refuses what cannot
/// be linted with a Spanish message naming the file, and looks at the media they list.
public struct DraftLoader: Sendable {
    /// Files above this size are refused (a post is a few kilobytes; this catches a wrong path).
    public var maximumBytes: Int
    /// The name shown for standard input, and whose extension chooses its format.
    public var standardInputName: String

    public init(maximumBytes: Int = 1 << 20, standardInputName: String = "<stdin>") {
        self.maximumBytes = maximumBytes
        self.standardInputName = standardInputName
    }

    /// The drafts named by command-line arguments, in order, each file once however it is named
    /// (`a.md`, `./a.md`, a symbolic link to it): files as given, directories walked for `.md`,
    /// `.txt` and `.json` (hidden folders skipped), globs expanded. Paths matching an `ignore`
    /// pattern are left out. A folder that cannot be read is an error, not an empty folder.
    /// (Two hard links to one file in the one folder given are two drafts, as they are two files to git.)
    public func expand(_ arguments: [String], ignoring isIgnored: (String) -> Bool = { _ in false }) -> (sources: [DraftSource], errors: [DraftInputError]) {
        var sources: [DraftSource] = []
        var errors: [DraftInputError] = []
        var seen = Set<FileSystem.Identity>()
        var readsStandardInput = false
        // One folder or pattern, walked once, names each file once: its files need not be identified
        // (a `stat` for each of thousands of drafts) unless other arguments may name them again.
        let identifying = arguments.count > 1
        /// `identity`: nil when the file need not be identified, or cannot be (it vanished: it is
        /// added as named, and reading it says why).
        func add(_ path: String, identity: FileSystem.Identity?) {
            if isIgnored(path) { return }
            if let identity, !seen.insert(identity).inserted { return }
            sources.append(.file(path))
        }
        for argument in arguments {
            if argument == "-" {
                if !readsStandardInput { sources.append(.standardInput) }
                readsStandardInput = true
                continue
            }
            switch FileSystem.kind(of: argument) {
            case .file:
                add(argument, identity: FileSystem.identity(of: argument))
            case .directory:
                let (files, problems) = FileSystem.files(under: argument, identifying: identifying)
                errors += problems
                for file in files where DraftFormat(path: file.path) != nil { add(file.path, identity: file.identity) }
            case .missing where GlobPattern.isPattern(argument):
                do {
                    let glob = try GlobPattern(argument)
                    let (files, problems) = FileSystem.files(under: glob.baseDirectory, identifying: identifying)
                    errors += problems
                    let matches = files.filter { glob.matches($0.path) }
                    if matches.isEmpty && !argument.isEmpty && problems.isEmpty {
                        errors.append(DraftInputError(path: argument, message: "el patrón no coincide con ningún archivo"))
                    }
                    for file in matches { add(file.path, identity: file.identity) }
                } catch {
                    errors.append(error)
                }
            case .missing:
                errors.append(DraftInputError(path: argument, message: "no existe el archivo o la carpeta"))
            case .inaccessible(let reason):
                errors.append(DraftInputError(path: argument, message: reason))
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
            let folder = path.utf8.lastIndex(of: UInt8(ascii: "/")).map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? ""
            return try parse(bytes, path: path, format: format, folder: folder)
        case .standardInput:
            let input = readStandardInput()
            if let error = input.error { throw error }
            return try parseStandardInput(input.bytes)
        }
    }

    /// Standard input, up to the size limit: what was read, and why it stopped early, if it did
    /// (`--fix -` gives back what it read, unchanged, whatever happens).
    public func readStandardInput() -> (bytes: [UInt8], error: DraftInputError?) {
        FileSystem.readStandardInput(limit: maximumBytes, name: standardInputName)
    }

    /// The draft read from standard input, parsed by the format of `standardInputName`; its media
    /// are looked for from the working directory.
    public func parseStandardInput(_ bytes: [UInt8]) throws(DraftInputError) -> Draft {
        try parse(bytes, path: standardInputName, format: DraftFormat(path: standardInputName) ?? .markdown, folder: ".")
    }

    private func parse(_ bytes: [UInt8], path: String, format: DraftFormat, folder: String) throws(DraftInputError) -> Draft {
        let folder = folder.isEmpty ? "." : folder
        // Looked for on the first local media path only: most drafts name none, or only URLs.
        var root: String?
        var inspected = 0
        return try DraftParser.parse(bytes, path: path, format: format) { media in
            // No network takes more attachments; a list of thousands is not looked at past them.
            inspected += 1
            guard inspected <= MediaLocation.maximumInspected else { return nil }
            let found = root ?? MediaLocation.root(of: folder)
            root = found
            return MediaLocation.inspect(media, from: folder, root: found)
        }
    }

    /// `path` made absolute from the working directory, without `.`, `..` and empty components
    /// (as `URL.standardizedFileURL` writes it, without its cost: it is asked for every draft).
    /// `workingDirectory` is asked of the system on every call unless given.
    public static func absolute(_ path: String, workingDirectory: @autoclosure () -> String = FileManager.default.currentDirectoryPath) -> String {
        let full = path.hasPrefix("/") ? path : workingDirectory() + "/" + path
        guard hasComponentsToDrop(full) else { return full }
        var components: [Substring] = []
        for component in full.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": _ = components.popLast()
            default: components.append(component)
            }
        }
        return "/" + components.joined(separator: "/")
    }

    /// Whether an absolute path has an empty, `.` or `..` component, or ends in `/` (but is not `/`).
    private static func hasComponentsToDrop(_ path: String) -> Bool {
        var length = 0  // of the component so far
        var onlyDots = true
        func droppable() -> Bool { length == 0 || (onlyDots && length <= 2) }
        for (offset, byte) in path.utf8.enumerated() {
            if byte == UInt8(ascii: "/") {
                if offset > 0 && droppable() { return true }
                length = 0
                onlyDots = true
            } else {
                length += 1
                onlyDots = onlyDots && byte == UInt8(ascii: ".")
            }
        }
        return path.utf8.count > 1 && droppable()
    }
}

/// Where a draft's local media are, and what they hold: the loader's side of `sin-multimedia`.
enum MediaLocation {
    /// The entries of a draft's `media` the loader looks at.
    static let maximumInspected = 100

    /// The folder a draft's media must be inside: its git repository (the nearest folder above it
    /// with a `.git`), or its own folder outside a repository; symbolic links resolved.
    static func root(of folder: String) -> String {
        let start = FileSystem.realPath(folder) ?? DraftLoader.absolute(folder)
        var candidate = start
        while true {
            if FileSystem.kind(of: candidate + "/.git") != .missing { return candidate }
            let parent = (candidate as NSString).deletingLastPathComponent
            if parent == candidate || parent.isEmpty { return start }
            candidate = parent
        }
    }

    /// What the media path `media` (as written in a draft in `folder`) holds, and whether it lies
    /// outside `root`.
    static func inspect(_ media: String, from folder: String, root: String) -> MediaInspection {
        let path = media.hasPrefix("/") ? media : folder + "/" + media
        let content: MediaInspection.Content
        switch FileSystem.kind(of: path) {
        case .missing: content = .missing
        case .inaccessible(let reason): content = .unreadable(reason)
        case .directory, .other: content = .notRegularFile
        case .file:
            switch FileSystem.header(of: path, length: MediaSignature.headerLength) {
            case .success(let header): content = MediaSignature.type(of: header).map { .audiovisual($0) } ?? .notAudiovisual
            case .failure(let error): content = .unreadable(error.message)
            }
        }
        // Where it really is (links resolved), or where its path points when nothing is there.
        let real = FileSystem.realPath(path) ?? DraftLoader.absolute(path)
        let inside = real == root || real.hasPrefix(root.hasSuffix("/") ? root : root + "/")
        return MediaInspection(content, outside: inside ? nil : root)
    }
}

/// The few file-system operations drafts need, with errors in Spanish.
public enum FileSystem {
    public enum Kind: Equatable {
        case file, directory, missing, other
        /// It may exist, but a folder on the way cannot be entered (the reason, in Spanish).
        case inaccessible(String)
    }

    /// A file's identity (device and inode): the same file however its path is written.
    public struct Identity: Hashable, Sendable {
        let device: UInt64
        let inode: UInt64

        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        }
    }

    public static func kind(of path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else {
            switch errno {
            case EACCES, EPERM: return .inaccessible(blockedFolder(of: path))
            case ELOOP: return .inaccessible("es un enlace simbólico circular")
            case ENAMETOOLONG: return .inaccessible("la ruta es demasiado larga")
            default: return .missing
            }
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    /// Why a path cannot be reached: the first folder on it that cannot be entered.
    private static func blockedFolder(of path: String) -> String {
        var folder = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/").dropLast() {
            folder = folder.isEmpty ? String(component) : (folder == "/" ? "/" : folder + "/") + component
            if access(folder, X_OK) != 0 { return "no hay permiso para entrar en la carpeta «\(folder)»" }
        }
        return "no hay permiso para entrar en la carpeta que lo contiene"
    }

    /// The file's identity, following links; nil when it cannot be read.
    public static func identity(of path: String) -> Identity? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Identity(info)
    }

    /// The path with symbolic links, `.` and `..` resolved; nil when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// A regular file found in a folder, with the identity its `lstat` (or, through a link, its
    /// `stat`) gave, when the walk identified it: the expansion need not ask again.
    public struct FoundFile: Sendable {
        public let path: String
        public let identity: Identity?
    }

    /// Regular files under `folder`, recursively and sorted; folders whose names start with `.`
    /// (such as `.git`) are skipped. Paths are `folder/…` as given. A folder that cannot be read is
    /// reported, not taken for an empty one. The folders inside `folder` are walked on every core.
    ///
    /// - Parameter identifying: whether every file is identified. Otherwise the folder's own entry
    ///   types tell files from folders, with no `stat` for each file, and files are identified only
    ///   when the walk follows a link to a file (it may point at one found by its own name).
    public static func files(under folder: String, identifying: Bool = true) -> (files: [FoundFile], errors: [DraftInputError]) {
        var errors: [DraftInputError] = []
        let entries = entries(of: folder, identifying: identifying, errors: &errors)
        let subfolders = entries.compactMap { if case .folder(let path) = $0 { path } else { nil } }
        let walked = [(files: [FoundFile], errors: [DraftInputError])](unsafeUninitializedCapacity: subfolders.count) { buffer, initialized in
            nonisolated(unsafe) let output = buffer.baseAddress
            DispatchQueue.concurrentPerform(iterations: subfolders.count) { index in
                var files: [FoundFile] = []
                var problems: [DraftInputError] = []
                collect(under: subfolders[index], identifying: identifying, into: &files, errors: &problems)
                (output! + index).initialize(to: (files, problems))
            }
            initialized = subfolders.count
        }
        var result: [FoundFile] = []
        result.reserveCapacity(entries.count + walked.reduce(0) { $0 + $1.files.count })
        var next = walked.makeIterator()
        for entry in entries {
            switch entry {
            case .file(let file):
                result.append(file)
            case .folder:
                let found = next.next()!
                result += found.files
                errors += found.errors
            }
        }
        // Unidentified, only the files reached through a link have an identity.
        if !identifying && result.contains(where: { $0.identity != nil }) {
            result = result.map { FoundFile(path: $0.path, identity: $0.identity ?? identity(of: $0.path)) }
        }
        return (result, errors)
    }

    private static func collect(under folder: String, identifying: Bool, into result: inout [FoundFile], errors: inout [DraftInputError]) {
        for entry in entries(of: folder, identifying: identifying, errors: &errors) {
            switch entry {
            case .file(let file): result.append(file)
            case .folder(let path): collect(under: path, identifying: identifying, into: &result, errors: &errors)
            }
        }
    }

    private enum Entry {
        case file(FoundFile)
        case folder(String)
    }

    /// The regular files (and links to them) and the folders in one folder, in name order; files
    /// identified when `identifying` (see `files(under:identifying:)`).
    private static func entries(of folder: String, identifying: Bool, errors: inout [DraftInputError]) -> [Entry] {
        guard let directory = opendir(folder) else {
            let reason = errno == EACCES || errno == EPERM ? "no hay permiso para leer la carpeta" : explain(errno)
            errors.append(DraftInputError(path: folder, message: reason))
            return []
        }
        defer { closedir(directory) }
        var names: [(name: String, type: Int32)] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if !name.hasPrefix(".") { names.append((name, Int32(entry.pointee.d_type))) }
        }
        // Each entry is looked up by its name in the open folder, not by its whole path: the kernel
        // walks one component, not every folder from the root, for each of thousands of drafts.
        let descriptor = dirfd(directory)
        var entries: [Entry] = []
        entries.reserveCapacity(names.count)
        for (name, type) in names.sorted(by: { $0.name < $1.name }) {
            let path = folder == "." ? name : (folder.hasSuffix("/") ? folder + name : folder + "/" + name)
            // The folder says what most entries are; a file system that does not is asked per entry.
            switch type {
            case Int32(DT_DIR):
                entries.append(.folder(path))
                continue
            case Int32(DT_REG) where !identifying:
                entries.append(.file(FoundFile(path: path, identity: nil)))
                continue
            case Int32(DT_REG), Int32(DT_LNK), Int32(DT_UNKNOWN):
                break
            default:
                continue
            }
            var info = stat()
            guard fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: entries.append(.folder(path))
            case S_IFREG: entries.append(.file(FoundFile(path: path, identity: identifying ? Identity(info) : nil)))
            case S_IFLNK:
                // A link counts as the file it points to, when that is a regular file.
                guard fstatat(descriptor, name, &info, 0) == 0, info.st_mode & S_IFMT == S_IFREG else { break }
                entries.append(.file(FoundFile(path: path, identity: Identity(info))))
            default: break
            }
        }
        return entries
    }

    /// The first `length` bytes of a regular file.
    static func header(of path: String, length: Int) -> Result<[UInt8], DraftInputError> {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK)
        guard descriptor >= 0 else { return .failure(DraftInputError(path: path, message: explain(errno))) }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: length)
        let count = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, length) }
        guard count >= 0 else { return .failure(DraftInputError(path: path, message: explain(errno))) }
        return .success(Array(bytes.prefix(count)))
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
        let (bytes, error) = readAll(descriptor, limit: limit, name: path, expected: Int(info.st_size), isRegularFile: info.st_mode & S_IFMT == S_IFREG)
        if let error { throw error }
        return bytes
    }

    /// Standard input up to `limit` bytes: what was read and, when it stopped early, why.
    static func readStandardInput(limit: Int, name: String) -> (bytes: [UInt8], error: DraftInputError?) {
        readAll(STDIN_FILENO, limit: limit, name: name)
    }

    /// `expected`: the size the file says it has; it is read in chunks of that size (plus one byte,
    /// to see it end), up to 64 KiB, not 64 KiB for every small draft. A regular file that gives
    /// less than a whole chunk has ended (POSIX: a short read of a regular file is its end), so a
    /// small draft takes one `read`, not a second one that returns nothing.
    private static func readAll(
        _ descriptor: Int32, limit: Int, name: String, expected: Int = 64 * 1024, isRegularFile: Bool = false
    ) -> (bytes: [UInt8], error: DraftInputError?) {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: min(max(expected, 0), 64 * 1024) + 1)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return (bytes, DraftInputError(path: name, message: explain(errno)))
            }
            if count == 0 { return (bytes, nil) }
            if bytes.isEmpty && count < chunk.count && isRegularFile {
                // The whole draft in one read: the chunk becomes the bytes, with no second copy.
                chunk.removeSubrange(count...)
                return (chunk, nil)
            }
            bytes.append(contentsOf: chunk[..<count])
            if bytes.count > limit {
                return (bytes, DraftInputError(path: name, message: "supera el límite de \(limit) bytes para un borrador"))
            }
            if count < chunk.count && isRegularFile { return (bytes, nil) }
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
