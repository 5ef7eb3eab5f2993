import CriterioCore
import Foundation

/// The lexicons and allow-lists in `Wordlists/data/`, shipped beside the binary as a resource
/// bundle, plus the additions a configuration makes to them.
///
/// A list is named by its path under `data/` without `.txt`: "siglas", "discurso-odio/lexico".
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
        !name.contains("..") && FileManager.default.fileExists(atPath: directory.appendingPathComponent(name + ".txt").path)
    }

    public func wordlists(named name: String) throws -> [Wordlist] {
        let url = Self.directory.appendingPathComponent(name + ".txt")
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw RuleConfigurationError("falta la lista de palabras incorporada «\(name)» (\(url.path)); reinstala Criterio")
        }
        return [Wordlist(origin: "Wordlists/data/\(name).txt", contents: String(decoding: data, as: UTF8.self))]
            + (additions[name] ?? [])
    }

    /// The text of a file shipped with the lists (for example the unmodified misogyny list).
    public static func file(_ relativePath: String) -> String? {
        FileManager.default.contents(atPath: directory.appendingPathComponent(relativePath).path)
            .map { String(decoding: $0, as: UTF8.self) }
    }
}
