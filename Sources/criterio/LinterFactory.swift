import CriterioCore
import CriterioRules
import CriterioSpelling
import CriterioWordlists

/// Builds the linter the commands use from the built-in rules and word lists.
enum LinterFactory {
    /// The Hunspell dictionaries of this process, with their answers kept beside the compiled
    /// lexicons; `save()` them when a run ends.
    static let spellers = HunspellSpellers(cacheDirectory: BundledWordlists.cacheDirectory)

    static func make(settings: [String: RuleSettings] = [:], wordlists: [String: [Wordlist]] = [:]) throws(CommandFailure) -> Linter {
        do {
            return try Linter(
                ruleTypes: BuiltInRules.all, settings: settings, wordlists: BundledWordlists(additions: wordlists), spellers: spellers)
        } catch let error as RuleConfigurationError {
            throw CommandFailure(message: "configuración inválida: \(error)")
        } catch {
            throw CommandFailure(message: "no se pudieron cargar las reglas: \(error)")
        }
    }
}
