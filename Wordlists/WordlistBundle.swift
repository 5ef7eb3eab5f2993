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

    /// Where the built-in lists are on disk.
    public static var directory: URL {
        Bundle.module.resourceURL!.appendingPathComponent("data", isDirectory: true)
    }

    /// Whether a built-in list called `name` exists.
    public static func exists(_ name: String) -> Bool {
        !name.contains("..") && FileManager.default.fileExists(atPath: directory.appendingPathComponent(fileName(name)).path)
    }

    /// The file of a list: its name plus `.txt`, unless the name already has an extension.
    static func fileName(_ name: String) -> String {
        (name.split(separator: "/").last?.contains(".") ?? false) ? name : name + ".txt"
    }

    public func wordlists(named name: String) throws -> [Wordlist] {
        let file = Self.fileName(name)
        let url = Self.directory.appendingPathComponent(file)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw RuleConfigurationError("falta la lista de palabras incorporada «\(name)» (\(url.path)); reinstala Criterio")
        }
        return [Wordlist(origin: "Wordlists/data/\(file)", contents: String(decoding: data, as: UTF8.self))]
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
        return FileManager.default.contents(atPath: file.path).map { Array($0) }
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
        FileManager.default.contents(atPath: directory.appendingPathComponent(relativePath).path)
            .map { String(decoding: $0, as: UTF8.self) }
    }
}
