import CriterioCore
import Foundation

/// The lexicons and allow-lists in `Wordlists/data/`, shipped beside the binary as a resource
/// bundle, plus the additions a configuration makes to them.
///
/// A list is named by its path under `data/` without `.txt`: "siglas", "discurso-odio/lexico"; a
/// file with another extension is named with it ("discurso-odio/voces_misoginas_mx/voces-misoginas.re").
public struct BundledWordlists: WordlistSource {
    /// Extra lists per list name, read after the built-in one (from `.criterio.yml`).
    private let additions: [String: [Wordlist]]

    public init(additions: [String: [Wordlist]] = [:]) {
        self.additions = additions
    }

    /// Where the built-in lists are on disk: the resource bundle SwiftPM puts next to the executable,
    /// found from `/proc/self/exe` without Foundation's `Bundle.module` and `FileManager.default`
    /// (their first use costs every `criterio lint` a few milliseconds); `Bundle.module` otherwise.
    public static let directoryPath: String = {
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if length > 0 {
            let executable = String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let folder = executable[..<(executable.lastIndex(of: "/") ?? executable.endIndex)]
            let candidate = String(folder) + "/criterio_CriterioWordlists.resources/data"
            if isDirectory(candidate) { return candidate }
        }
        return Bundle.module.resourceURL!.appendingPathComponent("data", isDirectory: true).path
    }()

    /// Where the built-in lists are on disk, as a URL.
    public static var directory: URL { URL(fileURLWithPath: directoryPath, isDirectory: true) }

    /// Whether a built-in list called `name` exists.
    public static func exists(_ name: String) -> Bool {
        !name.contains("..") && readFile(directoryPath + "/" + fileName(name)) != nil
    }

    /// The file of a list: its name plus `.txt`, unless the name already has an extension.
    static func fileName(_ name: String) -> String {
        (name.split(separator: "/").last?.contains(".") ?? false) ? name : name + ".txt"
    }

    public func wordlists(named name: String) throws -> [Wordlist] {
        let file = Self.fileName(name)
        let path = Self.directoryPath + "/" + file
        guard let bytes = Self.readFile(path) else {
            throw RuleConfigurationError("falta la lista de palabras incorporada «\(name)» (\(path)); reinstala Criterio")
        }
        return [Wordlist(origin: "Wordlists/data/\(file)", contents: String(decoding: bytes, as: UTF8.self))]
            + (additions[name] ?? [])
    }

    /// Compiled lexicons are kept in `$CRITERIO_CACHE_DIR`, else `$XDG_CACHE_HOME/criterio`, else
    /// `~/.cache/criterio`; `CRITERIO_NO_CACHE=1` turns this off. A key names everything a lexicon
    /// was compiled from, so an edited list is compiled again; a file that cannot be read or
    /// written only means compiling, never an error.
    public static var cacheDirectory: URL? {
        let environment = ProcessInfo.processInfo.environment
        if let off = environment["CRITERIO_NO_CACHE"], !off.isEmpty, off != "0" { return nil }
        if let explicit = environment["CRITERIO_CACHE_DIR"], !explicit.isEmpty { return URL(fileURLWithPath: explicit) }
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg).appendingPathComponent("criterio")
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return URL(fileURLWithPath: home).appendingPathComponent(".cache/criterio")
    }

    public func compiled(_ key: String) -> [UInt8]? {
        guard let file = Self.cacheFile(key) else { return nil }
        return Self.readFile(file.path)
    }

    public func storeCompiled(_ key: String, _ bytes: [UInt8]) {
        guard let directory = Self.cacheDirectory, let file = Self.cacheFile(key) else { return }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(bytes).write(to: file, options: .atomic)
            // Other compilations of the same lexicon (an older list, or other options) are kept,
            // but only the few most recent: the cache does not grow with every edit.
            let prefix = String(key[..<(key.lastIndex(of: "-") ?? key.endIndex)]) + "-"
            let others = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: [.contentModificationDateKey])
                .filter { $0.lastPathComponent.hasPrefix(prefix) && $0.pathExtension == "bin" && $0.lastPathComponent != file.lastPathComponent }
                .sorted { Self.modified($0) > Self.modified($1) }
            for stale in others.dropFirst(Self.keptPerLexicon - 1) { try? FileManager.default.removeItem(at: stale) }
        } catch {
            // A read-only or full disk: the next run compiles again.
        }
    }

    /// How many compilations of one lexicon the cache keeps.
    static let keptPerLexicon = 4

    private static func modified(_ url: URL) -> Date {
        (try? url.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate) ?? .distantPast
    }

    private static func cacheFile(_ key: String) -> URL? {
        guard key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else { return nil }
        return cacheDirectory?.appendingPathComponent(key + ".bin")
    }

    /// The text of a file shipped with the lists (for example the unmodified misogyny list).
    public static func file(_ relativePath: String) -> String? {
        readFile(directoryPath + "/" + relativePath).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The bytes of a regular file, or nil (missing, unreadable, a folder).
    static func readFile(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            offset += count
        }
        return offset == bytes.count ? bytes : Array(bytes[..<offset])
    }

    private static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }
}
