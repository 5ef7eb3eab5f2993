import CriterioCore
import CriterioDrafts
import CriterioGit

/// Lints what the user named: expands paths, reads each draft, runs the rules, and collects the
/// findings and the drafts that could not be read. One bad file never stops the others.
public struct LintRunner: Sendable {
    public let linter: Linter
    public let loader: DraftLoader

    public init(linter: Linter, loader: DraftLoader = DraftLoader()) {
        self.linter = linter
        self.loader = loader
    }

    /// Lints the drafts named by `arguments`, leaving out the absolute paths `isIgnored` accepts.
    public func run(_ arguments: [String], isIgnored: (String) -> Bool = { _ in false }) -> LintReport {
        let (sources, expansionErrors) = loader.expand(arguments) { isIgnored(DraftLoader.absolute($0)) }
        var report = LintReport(errors: expansionErrors)
        for source in sources {
            do {
                let draft = try loader.load(source)
                let absolute: String? = if case .file(let path) = source { DraftLoader.absolute(path) } else { nil }
                report.files.append(lint(draft, absolutePath: absolute))
            } catch {
                report.errors.append(error)
            }
        }
        if sources.isEmpty && expansionErrors.isEmpty {
            report.errors.append(
                DraftInputError(path: arguments.joined(separator: " "), message: "no hay borradores (.md, .txt o .json) que revisar"))
        }
        return report
    }

    /// Lints the staged (index) content of the drafts added or modified in `repository`, with
    /// repository-relative paths, as the pre-commit hook does.
    public func runStaged(in repository: GitRepository, isIgnored: (String) -> Bool = { _ in false }) throws(GitError) -> LintReport {
        let (drafts, errors) = try StagedDrafts(repository: repository).load(maximumBytes: loader.maximumBytes, isIgnored: isIgnored)
        return LintReport(files: drafts.map { lint($0, absolutePath: repository.root + "/" + $0.path) }, errors: errors)
    }

    public func lint(_ draft: Draft, absolutePath: String? = nil) -> FileReport {
        FileReport(draft: draft, findings: linter.lint(draft), absolutePath: absolutePath)
    }
}

/// When a run fails (SPEC §4).
public struct FailPolicy: Sendable {
    /// Findings at or above this severity fail the run (`--fail-level`).
    public var failLevel: Severity
    /// More warnings than this fail the run (`--max-warnings`).
    public var maxWarnings: Int?

    public init(failLevel: Severity = .error, maxWarnings: Int? = nil) {
        self.failLevel = failLevel
        self.maxWarnings = maxWarnings
    }
}

/// The process exit codes of SPEC §4.
public enum ExitStatus: Int32, Sendable {
    /// Publishable.
    case publishable = 0
    /// At least one finding at or above the fail level, or too many warnings.
    case failing = 1
    /// Usage or input error.
    case inputError = 2
    /// Nothing blocks, but a `consult` finding has no approved consultation for this exact text.
    case needsConsultation = 3
}

extension LintReport {
    /// The exit status of the run. `isApproved` says whether an approved CNCS consultation covers
    /// a draft's exact text, which lets its `consult` findings through.
    public func exitStatus(policy: FailPolicy = FailPolicy(), isApproved: (FileReport) -> Bool = { _ in false }) -> ExitStatus {
        if !errors.isEmpty { return .inputError }
        let findings = files.flatMap(\.findings)
        if findings.contains(where: { $0.severity >= policy.failLevel }) { return .failing }
        if let maximum = policy.maxWarnings, findings.filter({ $0.severity == .warning }).count > maximum { return .failing }
        let waiting = files.contains { file in
            file.findings.contains { $0.severity == .consult } && !isApproved(file)
        }
        return waiting ? .needsConsultation : .publishable
    }
}
