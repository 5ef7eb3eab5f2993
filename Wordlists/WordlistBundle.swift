import CriterioCore
import Foundation

/// The lexicons and allow-lists in `Wordlists/data/`, shipped beside the binary as a resource
/// bundle, plus any extra lists a configuration names.
///
/// A list is named by its path under `data/` without `.txt`: "siglas", "discurso-odio/lexico"; a
/// file with another extension is named with it ("discurso-odio/voces_misoginas_mx/voces-misoginas.re").
public struct BundledWordlists: WordlistSource {
    /// Extra list files per list name, read after the built-in one (from `.criterio.yml`).
    private let extra: [String: [String]]

    public init(extra: [String: [String]] = [:]) {
        self.extra = extra
    }

    /// Where the built-in lists are on disk.
    public static var directory: URL {
        Bundle.module.resourceURL!.appendingPathComponent("data", isDirectory: true)
    }

    public func wordlists(named name: String) throws -> [Wordlist] {
        let hasExtension = name.split(separator: "/").last?.contains(".") ?? false
        let file = hasExtension ? name : name + ".txt"
        let url = Self.directory.appendingPathComponent(file)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw RuleConfigurationError("falta la lista de palabras incorporada «\(name)» (\(url.path)); reinstala Criterio")
        }
        var lists = [Wordlist(origin: "Wordlists/data/\(file)", contents: String(decoding: data, as: UTF8.self))]
        for path in extra[name] ?? [] {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw RuleConfigurationError("no se puede leer la lista de palabras «\(path)»")
            }
            guard let text = String(validating: contents, as: UTF8.self) else {
                throw RuleConfigurationError("la lista de palabras «\(path)» no es UTF-8 válido")
            }
            lists.append(Wordlist(origin: path, contents: text))
        }
        return lists
    }

    /// The text of a file shipped with the lists (for example the unmodified misogyny list).
    public static func file(_ relativePath: String) -> String? {
        FileManager.default.contents(atPath: directory.appendingPathComponent(relativePath).path)
            .map { String(decoding: $0, as: UTF8.self) }
    }
}
