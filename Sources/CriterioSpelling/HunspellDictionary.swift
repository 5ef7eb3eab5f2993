import CriterioCore
import Foundation

/// The two files of one Hunspell dictionary (`es_MX.aff`, `es_MX.dic`), found where Hunspell and the
/// distributions put them.
public struct HunspellDictionary: Sendable, Equatable {
    public let language: String
    public let affixPath: String
    public let wordsPath: String

    public init(language: String, affixPath: String, wordsPath: String) {
        self.language = language
        self.affixPath = affixPath
        self.wordsPath = wordsPath
    }

    /// The folders searched, in order: `$DICPATH` (Hunspell's own variable, folders separated by
    /// `:`), the user's `~/.local/share/hunspell`, then the system's (Debian's `hunspell-es`
    /// installs into `/usr/share/hunspell`).
    public static func searchPaths(environment: [String: String]) -> [String] {
        var paths: [String] = []
        if let dicpath = environment["DICPATH"] {
            paths += dicpath.split(separator: ":").map(String.init).filter { !$0.isEmpty }
        }
        if let home = environment["HOME"], !home.isEmpty {
            paths.append(home + "/.local/share/hunspell")
        }
        paths += [
            "/usr/share/hunspell", "/usr/share/myspell", "/usr/share/myspell/dicts", "/usr/local/share/hunspell",
            "/opt/homebrew/share/hunspell", "/Library/Spelling",
        ]
        return paths
    }

    /// The dictionary of `language` in the first folder of `searchPaths` that has both of its files.
    public static func locate(_ language: String, environment: [String: String]) throws(RuleConfigurationError) -> HunspellDictionary {
        guard !language.isEmpty, language.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
            throw RuleConfigurationError("«\(language)» no es el nombre de un diccionario de Hunspell (por ejemplo, es_MX)")
        }
        let paths = searchPaths(environment: environment)
        for folder in paths {
            let affix = folder + "/" + language + ".aff"
            let words = folder + "/" + language + ".dic"
            if isReadableFile(affix) && isReadableFile(words) {
                return HunspellDictionary(language: language, affixPath: affix, wordsPath: words)
            }
        }
        throw RuleConfigurationError(
            "no se encontró el diccionario de Hunspell «\(language)» (\(language).aff y \(language).dic) en "
                + paths.joined(separator: ", ")
                + ". Instala el diccionario de español y la biblioteca de Hunspell (en Debian: sudo apt-get install hunspell-es libhunspell-1.7-0, o ./scripts/install-deps), "
                + "indica su carpeta en la variable DICPATH, o desactiva la regla en .criterio.yml (rules: {ortografia: false})")
    }

    /// What identifies the dictionary's contents for a cache: its paths, sizes and modification times.
    var fingerprint: String {
        [affixPath, wordsPath].map { path in
            var info = stat()
            guard stat(path, &info) == 0 else { return path }
            return "\(path):\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
        }.joined(separator: "|")
    }

    private static func isReadableFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG && access(path, R_OK) == 0
    }
}
