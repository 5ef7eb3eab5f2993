import CriterioCore
import CriterioRules
import CriterioWordlists

/// Builds the linter the commands use from the built-in rules and word lists.
enum LinterFactory {
    static func make(settings: [String: RuleSettings] = [:], wordlists: [String: [Wordlist]] = [:]) throws(CommandFailure) -> Linter {
        do {
            return try Linter(ruleTypes: BuiltInRules.all, settings: settings, wordlists: BundledWordlists(additions: wordlists))
        } catch let error as RuleConfigurationError {
            throw CommandFailure(message: "configuración inválida: \(error)")
        } catch {
            throw CommandFailure(message: "no se pudieron cargar las reglas: \(error)")
        }
    }
}
