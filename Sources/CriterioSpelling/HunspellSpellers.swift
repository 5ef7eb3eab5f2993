import CriterioCore
import CriterioFoundation
import Foundation

/// The `SpellerSource` of the command-line tool and the server: Hunspell dictionaries found on the
/// machine (`HunspellDictionary.locate`), one speller per language and added vocabulary, whose
/// answers are kept in `cacheDirectory` between runs. Call `save()` when a run ends.
public final class HunspellSpellers: SpellerSource {
    private let environment: [String: String]
    private let cacheDirectory: URL?
    private let spellers = Locked<[String: HunspellSpeller]>([:])

    /// - Parameters:
    ///   - environment: where `DICPATH` and `HOME` are read from.
    ///   - cacheDirectory: where answers are kept between runs (the compiled lexicons' folder); nil keeps none.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment, cacheDirectory: URL?) {
        self.environment = environment
        self.cacheDirectory = cacheDirectory
    }

    public func speller(for language: String, adding words: [String]) throws -> any Speller {
        let key = language + "\u{1}" + String(FoldedHash.hash(words.joined(separator: "\n").utf8), radix: 16)
        if let known = spellers.withLock({ $0[key] }) { return known }
        let speller = try HunspellSpeller(
            dictionary: try HunspellDictionary.locate(language, environment: environment), adding: words, cacheDirectory: cacheDirectory)
        return spellers.withLock { spellers in
            if let known = spellers[key] { return known }
            spellers[key] = speller
            return speller
        }
    }

    /// Saves every speller's new answers for the next run.
    public func save() {
        for speller in spellers.withLock({ Array($0.values) }) { speller.save() }
    }
}
