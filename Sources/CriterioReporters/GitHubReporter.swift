import CriterioCore
import CriterioRunner

/// `--format github`: GitHub Actions workflow commands, which show each finding as an annotation
/// on the pull request (`::error file=…,line=…::mensaje`).
public struct GitHubReporter: Reporter {
    public static let identifier = "github"

    public init() {}

    public func render(_ report: LintReport, options: ReportOptions) -> String {
        var output = ""
        for file in report.files {
            for item in file.presented(redact: options.redact) {
                let command: String
                switch item.severity {
                case .error: command = "error"
                case .warning: command = "warning"
                case .consult: command = "warning"
                }
                var title = item.finding.kind.map { "\(item.ruleID)/\($0)" } ?? item.ruleID
                if item.severity == .consult { title += " (consulta a la CNCS)" }
                let properties = [
                    "file=\(Self.property(file.path))", "line=\(item.start.line)", "col=\(item.start.column)",
                    "endLine=\(item.end.line)", "endColumn=\(item.end.column)", "title=\(Self.property(title))",
                ]
                var message = item.message + " [criterio \(item.finding.criterion)]"
                if !item.excerpt.isEmpty { message += "\n«\(item.excerpt)»" }
                output += "::\(command) \(properties.joined(separator: ","))::\(Self.data(message))\n"
            }
        }
        for error in report.errors {
            output += "::error file=\(Self.property(error.path))\(error.line.map { ",line=\($0)" } ?? "")::\(Self.data(error.message))\n"
        }
        return output
    }

    /// Escaping of a command's message (GitHub's `escapeData`).
    static func data(_ text: String) -> String {
        text.replacingAll("%", with: "%25").replacingAll("\r", with: "%0D").replacingAll("\n", with: "%0A")
    }

    /// Escaping of a command's property value (GitHub's `escapeProperty`).
    static func property(_ text: String) -> String {
        data(text).replacingAll(":", with: "%3A").replacingAll(",", with: "%2C")
    }
}
