import CriterioCore
import CriterioFoundation
import CriterioRunner

/// `--format json`: the stable machine format of SPEC §4.
public struct JSONReporter: Reporter {
    public static let identifier = "json"

    public init() {}

    struct Document: Encodable {
        let version = 1
        let files: [File]
        let summary: Summary
        let errors: [InputError]
    }

    struct File: Encodable {
        let path: String
        let findings: [Item]
    }

    struct Item: Encodable {
        let rule: String
        let kind: String?
        let severity: String
        let criterion: String
        let message: String
        let line: Int
        let column: Int
        let endLine: Int
        let endColumn: Int
        let excerpt: String
        let fix: String?

        enum CodingKeys: String, CodingKey {
            case rule, kind, severity, criterion, message, line, column, endLine, endColumn, excerpt, fix
        }

        // `kind` and `fix` are always present (null when there is none): a stable schema for scripts.
        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(rule, forKey: .rule)
            try container.encode(kind, forKey: .kind)
            try container.encode(severity, forKey: .severity)
            try container.encode(criterion, forKey: .criterion)
            try container.encode(message, forKey: .message)
            try container.encode(line, forKey: .line)
            try container.encode(column, forKey: .column)
            try container.encode(endLine, forKey: .endLine)
            try container.encode(endColumn, forKey: .endColumn)
            try container.encode(excerpt, forKey: .excerpt)
            try container.encode(fix, forKey: .fix)
        }
    }

    struct Summary: Encodable {
        let error: Int
        let warning: Int
        let consult: Int
    }

    struct InputError: Encodable {
        let path: String
        let line: Int?
        let message: String
    }

    /// One draft's object of the document (`files[0]`) with the summary of its own findings: what
    /// the server's `POST /api/v1/lint` answers.
    public struct SingleFile: Encodable, Sendable {
        let path: String
        let findings: [Item]
        let summary: Summary
    }

    public static func singleFile(_ file: FileReport, options: ReportOptions) -> SingleFile {
        let entry = self.file(file, options: options)
        return SingleFile(path: entry.path, findings: entry.findings, summary: summary(LintReport(files: [file])))
    }

    static func file(_ file: FileReport, options: ReportOptions) -> File {
        File(
            path: file.path,
            findings: file.presented(redact: options.redact).map { item in
                Item(
                    rule: item.ruleID, kind: item.finding.kind, severity: item.severity.rawValue,
                    criterion: item.finding.criterion.description, message: item.message,
                    line: item.start.line, column: item.start.column, endLine: item.end.line,
                    endColumn: item.end.column, excerpt: item.excerpt, fix: item.fix)
            })
    }

    static func summary(_ report: LintReport) -> Summary {
        let summary = report.summary
        return Summary(error: summary[.error] ?? 0, warning: summary[.warning] ?? 0, consult: summary[.consult] ?? 0)
    }

    public func render(_ report: LintReport, options: ReportOptions) -> String {
        let document = Document(
            files: report.files.map { Self.file($0, options: options) }, summary: Self.summary(report),
            errors: report.errors.map { InputError(path: $0.path, line: $0.line, message: $0.message) })
        return JSONOutput.document(document, fallback: "{}")
    }
}
