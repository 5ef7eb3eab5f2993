import CriterioCore
import CriterioRunner

/// `--format text` (the default): findings grouped by file, aligned, with the excerpt and the
/// criterion, and a summary line. Coloured on a terminal.
public struct TextReporter: Reporter {
    public static let identifier = "text"

    public init() {}

    public func render(_ report: LintReport, options: ReportOptions) -> String {
        let paint = Paint(enabled: options.color)
        var output = ""
        for file in report.files where !file.findings.isEmpty {
            output += paint.bold(file.path) + "\n"
            let items = file.presented(redact: options.redact)
            let positionWidth = items.map { "\($0.start.line):\($0.start.column)".count }.max() ?? 0
            let severityWidth = items.map(\.severity.label.count).max() ?? 0
            for item in items {
                let position = "\(item.start.line):\(item.start.column)"
                let rule = item.finding.kind.map { "\(item.ruleID)/\($0)" } ?? item.ruleID
                output += "  " + paint.dim(position.padding(to: positionWidth)) + "  "
                output += paint.severity(item.severity, item.severity.label.padding(to: severityWidth)) + "  "
                output += item.message + "  " + paint.dim("\(rule) [\(item.finding.criterion)]") + "\n"
                let excerpt = Self.shortened(item.excerpt)
                if !excerpt.isEmpty {
                    output += String(repeating: " ", count: positionWidth + severityWidth + 6) + paint.dim("«\(excerpt)»") + "\n"
                }
            }
            output += "\n"
        }
        for error in report.errors {
            output += paint.severity(.error, "no se pudo revisar") + " " + error.description + "\n"
        }
        output += Self.summaryLine(report, paint: paint) + "\n"
        return output
    }

    static func summaryLine(_ report: LintReport, paint: Paint) -> String {
        let counts = report.summary
        let total = report.findingCount
        let withFindings = report.files.filter { !$0.findings.isEmpty }.count
        let files = report.files.count
        var line: String
        if total == 0 {
            line = paint.success("✔ Sin hallazgos") + " en \(plural(files, "borrador", "borradores"))"
        } else {
            let parts = [
                plural(counts[.error] ?? 0, "error", "errores"),
                plural(counts[.warning] ?? 0, "advertencia", "advertencias"),
                plural(counts[.consult] ?? 0, "consulta", "consultas"),
            ]
            line = paint.severity((counts[.error] ?? 0) > 0 ? .error : .warning, "✖ \(plural(total, "hallazgo", "hallazgos"))")
            line += " (\(parts.joined(separator: ", "))) en \(withFindings) de \(plural(files, "borrador", "borradores"))"
        }
        if !report.errors.isEmpty {
            line += "; \(plural(report.errors.count, "archivo no se pudo revisar", "archivos no se pudieron revisar"))"
        }
        if report.baselined > 0 {
            line += "; \(plural(report.baselined, "hallazgo conocido omitido", "hallazgos conocidos omitidos")) por la línea base"
        }
        return line
    }

    static func plural(_ count: Int, _ singular: String, _ plural: String) -> String {
        "\(count) \(count == 1 ? singular : plural)"
    }

    /// One line, at most 80 characters.
    static func shortened(_ text: String) -> String {
        let oneLine = text.split(whereSeparator: \.isNewline).joined(separator: " ⏎ ")
        return oneLine.count > 80 ? String(oneLine.prefix(79)) + "…" : oneLine
    }
}

/// ANSI colours, or nothing.
struct Paint {
    let enabled: Bool

    func bold(_ text: String) -> String { wrap(text, "1") }
    func dim(_ text: String) -> String { wrap(text, "2") }
    func success(_ text: String) -> String { wrap(text, "32") }

    func severity(_ severity: Severity, _ text: String) -> String {
        switch severity {
        case .error: wrap(text, "31")
        case .warning: wrap(text, "33")
        case .consult: wrap(text, "36")
        }
    }

    private func wrap(_ text: String, _ code: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}

extension String {
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
