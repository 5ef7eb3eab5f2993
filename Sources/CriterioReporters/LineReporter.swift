import CriterioCore
import CriterioRunner

/// `--format line`: one finding per line, `path:line:col: severity rule: message`, for editors and grep.
public struct LineReporter: Reporter {
    public static let identifier = "line"

    public init() {}

    public func render(_ report: LintReport, options: ReportOptions) -> String {
        var output = ""
        for file in report.files {
            for item in file.presented(redact: options.redact) {
                let rule = item.finding.kind.map { "\(item.ruleID)/\($0)" } ?? item.ruleID
                // One finding per line, whatever the message holds.
                let message = item.message.split(whereSeparator: \.isNewline).joined(separator: " ")
                output += "\(file.path):\(item.start.line):\(item.start.column): \(item.severity.rawValue) \(rule): \(message)\n"
            }
        }
        return output
    }
}
