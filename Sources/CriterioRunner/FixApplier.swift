import CriterioCore
import CriterioCrossPost
import CriterioDrafts
import CriterioFoundation
import Foundation

/// A draft with the fixes of its findings applied, as the bytes its file should hold.
public struct FixedDraft: Sendable {
    public let path: String
    /// The whole file after the fixes.
    public let bytes: [UInt8]
    /// The findings whose fix was applied.
    public let applied: [Finding]
    /// Findings with a fix that overlaps one applied after it in the text (applied on a next run).
    public let skipped: [Finding]
}

/// Applies the `fix` of every finding that has one to the draft's file, from the end of the text to
/// its start, so earlier offsets stay valid. Of two fixes that overlap, the later one in the text is
/// applied and the other is left for a next run.
///
/// Markdown and text drafts are the linted text, so a fix replaces its range. In a JSON draft the
/// linted text is the `text` value: a fix replaces the part of the string literal that encodes its
/// range, written as JSON (escapes included), and the rest of the file stays byte for byte.
public enum FixApplier {
    public static func apply(_ report: FileReport) -> FixedDraft? {
        apply(report.findings, to: report.draft)
    }

    /// Nil when no finding has a fix.
    public static func apply(_ findings: [Finding], to draft: Draft) -> FixedDraft? {
        let fixable = findings.filter { $0.fix != nil }.sorted { ($0.range.lowerBound, $0.range.upperBound) > ($1.range.lowerBound, $1.range.upperBound) }
        guard !fixable.isEmpty else { return nil }
        let map = draft.sourceMap
        var bytes = draft.fileBytes
        var applied: [Finding] = []
        var skipped: [Finding] = []
        var appliedFrom = Int.max  // the start of the earliest fix applied so far (in text offsets)
        for finding in fixable {
            guard let fix = finding.fix else { continue }
            guard finding.range.upperBound <= appliedFrom else {
                skipped.append(finding)
                continue
            }
            let target = map.fileRange(of: finding.range)
            let replacement = map.encodesJSONString ? jsonStringContent(fix) : Array(fix.utf8)
            bytes.replaceSubrange(target, with: replacement)
            applied.append(finding)
            appliedFrom = finding.range.lowerBound
        }
        return FixedDraft(path: draft.path, bytes: bytes, applied: applied.reversed(), skipped: skipped.reversed())
    }

    /// `text` as it is written inside a JSON string literal, without the quotes.
    static func jsonStringContent(_ text: String) -> [UInt8] {
        Array(JSONOutput.data(text, .compact, fallback: "\"\"").dropFirst().dropLast())
    }
}

/// What `lint --fix` did.
public struct FixRun: Sendable {
    /// The report after the fixes: what remains.
    public var report: LintReport
    /// The drafts that changed.
    public var fixed: [FixedDraft]
    /// The text of the draft read from standard input, corrected, if `-` was one of the inputs; as
    /// it was read when nothing had a fix or anything went wrong (standard output only ever holds
    /// the draft).
    public var standardInput: [UInt8]?
    /// Whether standard input was not read to its end (it is over the size limit, or reading it
    /// failed): the rest goes out unchanged after `standardInput`.
    public var standardInputIsPartial = false

    /// How many findings were fixed.
    public var fixedCount: Int { fixed.reduce(0) { $0 + $1.applied.count } }
}

extension LintRunner {
    /// Lints what the user named, like `run`, and applies the fixes: each fixed file is written
    /// back (atomically) and read again; the draft from standard input is kept to print. The report
    /// is of the results, so it says what remains. A file that cannot be written is an input error
    /// naming it, and its findings stay as they were.
    public func runFixing(_ arguments: [String], isIgnored: (String) -> Bool = { _ in false }) -> FixRun {
        runFixing(Self.expand(arguments, loader: loader, isIgnored: isIgnored))
    }

    /// `runFixing` of the drafts an expansion found.
    public func runFixing(_ expansion: Expansion) -> FixRun {
        let sources = expansion.sources
        let workingDirectory = expansion.workingDirectory
        var run = FixRun(report: LintReport(errors: expansion.errors), fixed: [])
        // Every draft is read first: the cross-post checks compare them with each other.
        var loaded: [(source: DraftSource, draft: Draft)] = []
        for source in sources {
            do throws(DraftInputError) {
                switch source {
                case .standardInput:
                    // Kept as read before anything can fail, so that it goes back out unchanged.
                    let input = loader.readStandardInput()
                    run.standardInput = input.bytes
                    if let error = input.error {
                        run.standardInputIsPartial = true
                        throw error
                    }
                    loaded.append((source, try loader.parseStandardInput(input.bytes)))
                case .file:
                    loaded.append((source, try loader.load(source)))
                }
            } catch {
                run.report.errors.append(error)
            }
        }
        // Each draft analysed once, for the cross-post check and for its own findings (as `run` does).
        let crossPostRule = loaded.count > 1 ? CrossPostCheck.rule(of: linter) : nil
        let prepared = loaded.map { source, draft in
            let absolute: String? = if case .file(let path) = source { DraftLoader.absolute(path, workingDirectory: workingDirectory) } else { nil }
            return prepare(draft, absolutePath: absolute, crossPost: crossPostRule)
        }
        let crossPost = CrossPostCheck.run(prepared.map(\.prepared), linter: linter)
        for (index, (source, item)) in zip(loaded.map(\.source), prepared).enumerated() {
            let absolute = item.absolutePath
            let extra = crossPost.findings(of: index)
            let original = FileReport(
                draft: item.prepared.draft, findings: linter.finish(item.own, of: item.prepared.draft, adding: extra), absolutePath: absolute)
            guard let fixed = FixApplier.apply(original) else {
                run.report.files.append(original)
                continue
            }
            do {
                let draft: Draft
                switch source {
                case .standardInput:
                    draft = try loader.parseStandardInput(fixed.bytes)
                    run.standardInput = fixed.bytes
                case .file(let path):
                    do {
                        try Data(fixed.bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
                    } catch {
                        throw DraftInputError(path: path, message: "no se pudo escribir la corrección (\(FoundationErrors.describe(error)))")
                    }
                    draft = try loader.load(source)
                }
                run.fixed.append(fixed)
                run.report.files.append(lint(draft, absolutePath: absolute, adding: extra))
            } catch let error as DraftInputError {
                run.report.errors.append(error)
                run.report.files.append(original)
            } catch {
                run.report.errors.append(DraftInputError(path: original.draft.path, message: FoundationErrors.describe(error)))
                run.report.files.append(original)
            }
        }
        if let nothing = expansion.nothingToLint { run.report.errors.append(nothing) }
        return run
    }
}
