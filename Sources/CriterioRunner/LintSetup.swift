import CriterioConfig
import CriterioCore
import CriterioDrafts
import CriterioFoundation
import CriterioRules
import CriterioSpelling
import CriterioWordlists

/// The configuration a lint runs with and the linter it builds: the built-in rules with the
/// settings of `.criterio.yml` and the built-in word lists with its additions. The one place that
/// builds a configured linter, so that every command that lints (`lint`, the hook, `consult`, the
/// server, `scan`) honours the same file.
public struct LintSetup: Sendable {
    public let configuration: Configuration
    public let linter: Linter
    /// The Hunspell dictionaries the spelling rule asks, with their answers kept beside the compiled
    /// lexicons (`finish()` saves them).
    public let spellers: HunspellSpellers

    /// Builds the linter of `configuration`.
    public init(configuration: Configuration) throws(LintSetupError) {
        self.configuration = configuration
        spellers = HunspellSpellers(cacheDirectory: BundledWordlists.cacheDirectory)
        do {
            linter = try Linter(
                ruleTypes: BuiltInRules.all, settings: configuration.rules, wordlists: BundledWordlists(additions: configuration.wordlists),
                spellers: spellers)
        } catch let error as RuleConfigurationError {
            throw LintSetupError("configuración inválida: \(error.description)")
        } catch {
            throw LintSetupError("no se pudieron cargar las reglas: \(FoundationErrors.message(for: error))")
        }
    }

    /// The configuration named by `explicit` (`--config`), or the `.criterio.yml` found from
    /// `workingDirectory` upwards, or the defaults when there is none; validated against the
    /// built-in rules and word lists.
    public static func configuration(explicit: String?, workingDirectory: String) throws(LintSetupError) -> Configuration {
        guard let path = explicit ?? ConfigurationLoader.find(from: workingDirectory) else { return Configuration() }
        let loader = ConfigurationLoader(rules: BuiltInRules.all.map { $0.description }, wordlistExists: BundledWordlists.exists)
        do {
            return try loader.load(path)
        } catch {
            throw LintSetupError("configuración inválida: \(error.description)")
        }
    }

    /// Reads the configuration (see `configuration(explicit:workingDirectory:)`) and builds its linter.
    public static func load(explicit: String?, workingDirectory: String) throws(LintSetupError) -> LintSetup {
        try LintSetup(configuration: configuration(explicit: explicit, workingDirectory: workingDirectory))
    }

    /// The linter of `configuration` and the drafts `paths` name (without those it ignores), worked
    /// out at the same time: building the rules and walking a folder of thousands of drafts each
    /// take some milliseconds, and neither needs the other.
    public static func expanding(
        _ paths: [String], configuration: Configuration
    ) throws(LintSetupError) -> (setup: LintSetup, expansion: LintRunner.Expansion) {
        let (expansion, built) = ParallelWork.both {
            // The walk reads no draft: the runner's loader, with its name for `-`, reads them later.
            LintRunner.expand(paths, loader: DraftLoader(), isIgnored: configuration.isIgnored(absolutePath:))
        } meanwhile: {
            Result { () throws(LintSetupError) in try LintSetup(configuration: configuration) }
        }
        return (try built.get(), expansion)
    }

    /// A runner with this linter; `standardInputName` names the draft read from `-`.
    public func runner(standardInputName: String = "<stdin>") -> LintRunner {
        LintRunner(linter: linter, loader: DraftLoader(standardInputName: standardInputName))
    }

    /// Keeps what this run learnt for the next one: Hunspell's answers on the words it met, so a
    /// later run over the same words need not load the dictionary. Call it when the lint is done.
    public func finish() {
        spellers.save()
    }

    /// When the run fails: the command line's `--fail-level` and `--max-warnings` over the file's.
    public func policy(failLevel: Severity?, maxWarnings: Int?) -> FailPolicy {
        FailPolicy(failLevel: failLevel ?? configuration.failLevel ?? .error, maxWarnings: maxWarnings ?? configuration.maxWarnings)
    }

    /// Whether the configuration leaves an absolute path out (`ignore:`).
    public func isIgnored(absolutePath: String) -> Bool {
        configuration.isIgnored(absolutePath: absolutePath)
    }
}

/// Why a configured linter could not be built, in Spanish, naming the file and line when it is the
/// configuration's fault.
public struct LintSetupError: ExplainedError, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
