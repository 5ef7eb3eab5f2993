import CriterioCore
import CriterioRunner

/// `--format junit`: JUnit XML for CI dashboards. One test suite per draft; each finding is a failed
/// test case, a draft without findings one passing case, and a draft that could not be read an error.
public struct JUnitReporter: Reporter {
    public static let identifier = "junit"

    public init() {}

    public func render(_ report: LintReport, options: ReportOptions) -> String {
        let failures = report.findingCount
        let tests = report.files.reduce(0) { $0 + max($1.findings.count, 1) } + report.errors.count
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"criterio\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(report.errors.count)\">\n"
        for file in report.files {
            let path = Self.escape(file.path)
            xml += "  <testsuite name=\"\(path)\" tests=\"\(max(file.findings.count, 1))\" failures=\"\(file.findings.count)\" errors=\"0\">\n"
            if file.findings.isEmpty {
                xml += "    <testcase classname=\"\(path)\" name=\"cumple los criterios\"/>\n"
            }
            for item in file.presented(redact: options.redact) {
                let name = "\(item.start.line):\(item.start.column) \(item.finding.kind.map { "\(item.ruleID)/\($0)" } ?? item.ruleID)"
                var detail = "\(file.path):\(item.start.line):\(item.start.column) [criterio \(item.finding.criterion)]"
                if !item.excerpt.isEmpty { detail += "\n«\(item.excerpt)»" }
                xml += "    <testcase classname=\"\(path)\" name=\"\(Self.escape(name))\">\n"
                xml += "      <failure type=\"\(item.severity.rawValue)\" message=\"\(Self.escape(item.message))\">\(Self.escape(detail))</failure>\n"
                xml += "    </testcase>\n"
            }
            xml += "  </testsuite>\n"
        }
        for error in report.errors {
            let path = Self.escape(error.path)
            xml += "  <testsuite name=\"\(path)\" tests=\"1\" failures=\"0\" errors=\"1\">\n"
            xml += "    <testcase classname=\"\(path)\" name=\"lectura\">\n"
            xml += "      <error message=\"\(Self.escape(error.message))\">\(Self.escape(error.description))</error>\n"
            xml += "    </testcase>\n  </testsuite>\n"
        }
        return xml + "</testsuites>\n"
    }

    /// XML character data and attribute values; control characters XML 1.0 forbids are dropped.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            case "\n": escaped += "&#10;"
            case "\t": escaped += "&#9;"
            default:
                if scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) { continue }
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
