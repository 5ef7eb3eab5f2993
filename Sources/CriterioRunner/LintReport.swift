import CriterioCore
import CriterioDrafts

/// What one lint run found: per draft, its findings; and the drafts that could not be read.
public struct LintReport: Sendable {
    public var files: [FileReport]
    public var errors: [DraftInputError]
    /// Findings a baseline already knew, left out of `files`.
    public var baselined = 0

    public init(files: [FileReport] = [], errors: [DraftInputError] = []) {
        self.files = files
        self.errors = errors
    }

    /// Findings by severity, over every file.
    public var summary: [Severity: Int] {
        var counts: [Severity: Int] = [.error: 0, .warning: 0, .consult: 0]
        for file in files {
            for finding in file.findings { counts[finding.severity, default: 0] += 1 }
        }
        return counts
    }

    public var findingCount: Int { files.reduce(0) { $0 + $1.findings.count } }
}

/// One linted draft and its findings.
public struct FileReport: Sendable {
    public let draft: Draft
    public var findings: [Finding]
    /// The draft's absolute path (its display path for standard input), for baselines and ignores.
    public let absolutePath: String

    public init(draft: Draft, findings: [Finding], absolutePath: String? = nil) {
        self.draft = draft
        self.findings = findings
        self.absolutePath = absolutePath ?? draft.path
    }

    public var path: String { draft.path }

    /// The findings as reports show them: positions resolved and, when `redact` is set, every piece
    /// of personal data masked, also where it appears inside another rule's excerpt or fix.
    public func presented(redact: Bool) -> [PresentedFinding] {
        let personal = redact ? findings.filter(\.isPersonalData) : []
        return findings.map { finding in
            var excerpt = finding.shownExcerpt(redact: redact)
            var fix = finding.fix
            if !finding.isPersonalData {
                for data in personal where data.range.overlaps(finding.range) {
                    excerpt = excerpt.replacingAll(data.excerpt, with: data.redactedExcerpt ?? "")
                    fix = fix?.replacingAll(data.excerpt, with: data.redactedExcerpt ?? "")
                }
            }
            return PresentedFinding(
                finding: finding, start: draft.position(of: finding.range.lowerBound),
                end: draft.position(of: finding.range.upperBound), excerpt: excerpt, fix: fix)
        }
    }
}

/// A finding ready to print: where it starts and ends in the file, and what may be shown of it.
public struct PresentedFinding: Sendable {
    public let finding: Finding
    public let start: SourcePosition
    public let end: SourcePosition
    public let excerpt: String
    public let fix: String?

    public var ruleID: String { finding.ruleID }
    public var severity: Severity { finding.severity }
    public var message: String { finding.message }
}

extension String {
    /// Every occurrence of `target` replaced (nothing when it is empty).
    package func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        return split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
