import CriterioCore
import CriterioCrossPost
import CriterioDrafts
import CriterioGit
import Foundation

/// Lints what the user named: expands paths, reads each draft, runs the rules, and collects the
/// findings and the drafts that could not be read. One bad file never stops the others.
public struct LintRunner: Sendable {
    public let linter: Linter
    public let loader: DraftLoader

    public init(linter: Linter, loader: DraftLoader = DraftLoader()) {
        self.linter = linter
        self.loader = loader
    }

    /// The drafts that paths, folders and patterns name, found before any is read.
    public struct Expansion: Sendable {
        public let arguments: [String]
        public let sources: [DraftSource]
        public let errors: [DraftInputError]
        /// Every relative path is made absolute from it (asked once).
        public let workingDirectory: String

        /// The error of a run that was given paths but found no draft in them and no problem either.
        var nothingToLint: DraftInputError? {
            guard sources.isEmpty && errors.isEmpty else { return nil }
            return DraftInputError(path: arguments.joined(separator: " "), message: "no hay borradores (.md, .txt o .json) que revisar")
        }
    }

    /// The drafts named by `arguments`, leaving out the absolute paths `isIgnored` accepts. It needs
    /// no linter, so a command may look for the drafts while its rules are built (`LintSetup.expanding`).
    public static func expand(_ arguments: [String], loader: DraftLoader, isIgnored: (String) -> Bool = { _ in false }) -> Expansion {
        let workingDirectory = FileManager.default.currentDirectoryPath
        let (sources, errors) = loader.expand(arguments) { isIgnored(DraftLoader.absolute($0, workingDirectory: workingDirectory)) }
        return Expansion(arguments: arguments, sources: sources, errors: errors, workingDirectory: workingDirectory)
    }

    /// Lints the drafts named by `arguments`, leaving out the absolute paths `isIgnored` accepts.
    public func run(_ arguments: [String], isIgnored: (String) -> Bool = { _ in false }) -> LintReport {
        run(Self.expand(arguments, loader: loader, isIgnored: isIgnored))
    }

    /// Lints the drafts an expansion found.
    public func run(_ expansion: Expansion) -> LintReport {
        let sources = expansion.sources
        let workingDirectory = expansion.workingDirectory
        var report = LintReport(errors: expansion.errors)
        // Every draft is read, parsed, analysed and linted on every core; the errors keep the drafts' order.
        let crossPostRule = sources.count > 1 ? CrossPostCheck.rule(of: linter) : nil
        let loaded = ParallelWork.map(sources) { source -> Result<Loaded, DraftInputError> in
            do throws(DraftInputError) {
                let draft = try loader.load(source)
                let absolute: String? = if case .file(let path) = source { DraftLoader.absolute(path, workingDirectory: workingDirectory) } else { nil }
                return .success(prepare(draft, absolutePath: absolute, crossPost: crossPostRule))
            } catch {
                return .failure(error)
            }
        }
        var drafts: [Loaded] = []
        drafts.reserveCapacity(loaded.count)
        for item in loaded {
            switch item {
            case .success(let draft): drafts.append(draft)
            case .failure(let error): report.errors.append(error)
            }
        }
        report.files = lintTogether(drafts)
        // What only this run held (the loaded drafts' own findings, their sketches) is freed meanwhile.
        ParallelWork.release((consume loaded, consume drafts))
        if let nothing = expansion.nothingToLint { report.errors.append(nothing) }
        return report
    }

    /// Lints the staged (index) content of the drafts added or modified in `repository`, with
    /// repository-relative paths, as the pre-commit hook does.
    public func runStaged(in repository: GitRepository, isIgnored: (String) -> Bool = { _ in false }) throws(GitError) -> LintReport {
        let (drafts, errors) = try StagedDrafts(repository: repository).load(maximumBytes: loader.maximumBytes, isIgnored: isIgnored)
        let crossPostRule = drafts.count > 1 ? CrossPostCheck.rule(of: linter) : nil
        let prepared = ParallelWork.map(drafts) { prepare($0, absolutePath: repository.root + "/" + $0.path, crossPost: crossPostRule) }
        return LintReport(files: lintTogether(prepared), errors: errors)
    }

    public func lint(_ draft: Draft, absolutePath: String? = nil, adding extra: [Finding] = []) -> FileReport {
        FileReport(draft: draft, findings: linter.lint(AnalyzedPost(draft), adding: extra), absolutePath: absolutePath)
    }

    /// A draft read, analysed and linted on its own, waiting for the findings across posts. The
    /// analysis (the tokenising and link finding every rule shares) is not kept: ten thousand
    /// analysed posts held until the cross-post check would cost more memory than linting them.
    /// A class, like `CrossPostCheck.Prepared`, so that passing it on retains one reference.
    final class Loaded: Sendable {
        let prepared: CrossPostCheck.Prepared
        /// `Linter.ownFindings` of the draft.
        let own: [Finding]
        let absolutePath: String?

        init(prepared: CrossPostCheck.Prepared, own: [Finding], absolutePath: String?) {
            self.prepared = prepared
            self.own = own
            self.absolutePath = absolutePath
        }
    }

    /// `crossPost`: the linter's cross-post rule when the drafts are more than one (it sketches them).
    func prepare(_ draft: Draft, absolutePath: String?, crossPost: (any CrossPostRule)?) -> Loaded {
        let post = AnalyzedPost(draft)
        let sketch = crossPost.flatMap { CrossPostCheck.sketch(post, rule: $0, sketcher: NearDuplicateSketcher()) }
        return Loaded(
            prepared: CrossPostCheck.Prepared(draft: draft, sketch: sketch, anchor: post.firstProseOffset),
            own: linter.ownFindings(post), absolutePath: absolutePath)
    }

    /// The reports of drafts read together: each one's own findings and those across all of them
    /// (near-duplicates and bursts of `spam`), on every core.
    func lintTogether(_ drafts: [Loaded]) -> [FileReport] {
        let crossPost = CrossPostCheck.run(drafts.map(\.prepared), linter: linter)
        return ParallelWork.map(Array(drafts.indices)) { index in
            let item = drafts[index]
            let draft = item.prepared.draft
            return FileReport(
                draft: draft, findings: linter.finish(item.own, of: draft, adding: crossPost.findings(of: index)), absolutePath: item.absolutePath)
        }
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
        let waiting = files.contains { file in
            file.findings.contains { $0.severity == .consult } && !isApproved(file)
        }
        return policy.status(counts: summary, consultationsWaiting: waiting)
    }
}

extension FailPolicy {
    /// The status of a run whose findings, by severity, are `counts` (SPEC §4): failing when one is at
    /// or above the fail level or warnings exceed the maximum; else waiting when a consultation is
    /// missing; else publishable. (Input errors are the caller's to weigh.)
    public func status(counts: [Severity: Int], consultationsWaiting: Bool) -> ExitStatus {
        if Severity.allCases.contains(where: { $0 >= failLevel && (counts[$0] ?? 0) > 0 }) { return .failing }
        if let maxWarnings, (counts[.warning] ?? 0) > maxWarnings { return .failing }
        return consultationsWaiting ? .needsConsultation : .publishable
    }
}
