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

    /// Findings by severity, over every file (those folded into another counted too).
    public var summary: [Severity: Int] {
        var error = 0, warning = 0, consult = 0
        // Read in place: a loop over the findings would copy each one (its strings retained and released).
        for file in files.indices {
            for index in files[file].findings.indices {
                let weight = files[file].findings[index].weight
                switch files[file].findings[index].severity {
                case .error: error += weight
                case .warning: warning += weight
                case .consult: consult += weight
                }
            }
        }
        return [.error: error, .warning: warning, .consult: consult]
    }

    /// How many findings there are, those folded into another included.
    public var findingCount: Int { files.reduce(0) { $0 + $1.findings.reduce(0) { $0 + $1.weight } } }
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
        let personal = redact ? findings.filter(\.isPersonalData).sorted { $0.range.lowerBound < $1.range.lowerBound } : []
        return findings.map { finding in
            var excerpt = finding.shownExcerpt(redact: redact)
            var fix = finding.fix
            if !finding.isPersonalData {
                let overlapping = personal.filter { $0.range.overlaps(finding.range) }
                if !overlapping.isEmpty {
                    excerpt = Self.masking(finding, with: overlapping)
                    for data in overlapping { fix = fix?.replacingAll(data.excerpt, with: data.redactedExcerpt ?? "") }
                }
            }
            let (start, end) = draft.positions(of: finding.range)
            return PresentedFinding(finding: finding, start: start, end: end, excerpt: excerpt, fix: fix)
        }
    }

    /// The excerpt of `finding` (the text of its range) with the personal data in it masked where
    /// it is: a piece of data inside it by its redacted form, the part of one that reaches into it
    /// by bullets.
    static func masking(_ finding: Finding, with personal: [Finding]) -> String {
        let bytes = Array(finding.excerpt.utf8)
        let range = finding.range
        guard bytes.count == range.count else {
            // An excerpt that is not the text of its range: mask what it contains.
            return personal.reduce(finding.excerpt) { $0.replacingAll($1.excerpt, with: $1.redactedExcerpt ?? "") }
        }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var cursor = range.lowerBound
        for data in personal {
            let part = data.range.clamped(to: range)
            guard part.lowerBound >= cursor, !part.isEmpty else { continue }
            result += bytes[(cursor - range.lowerBound)..<(part.lowerBound - range.lowerBound)]
            let inside = bytes[(part.lowerBound - range.lowerBound)..<(part.upperBound - range.lowerBound)]
            if part == data.range, let redacted = data.redactedExcerpt {
                result += Array(redacted.utf8)
            } else {
                let characters = String(decoding: inside, as: UTF8.self).count
                result += Array(String(repeating: "•", count: characters).utf8)
            }
            cursor = part.upperBound
        }
        result += bytes[(cursor - range.lowerBound)...]
        return String(decoding: result, as: UTF8.self)
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
    /// The rule's message, and how many findings like it are folded into this one, if any: every
    /// format shows it.
    public var message: String {
        // A message may quote the draft; a quote of a whole post says nothing more than its start.
        var message = finding.message
        // A message has no more characters than bytes: most are not counted one character at a time.
        let bytes = message.utf8.count
        if bytes > Self.longestMessage, bytes > Self.longestMessage * 4 || message.count > Self.longestMessage {
            message = String(message.prefix(Self.longestMessage - 1)) + "…"
        }
        guard finding.omitted > 0 else { return message }
        return message + " (y \(PresentedFinding.count(finding.omitted)) más de «\(finding.ruleID)» en este borrador, que no se listan)"
    }

    /// The characters of a message reports show.
    static let longestMessage = 300

    /// 41,893: thousands grouped with commas, as Mexican Spanish writes them.
    static func count(_ number: Int) -> String {
        let digits = String(number)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return grouped
    }
}
