import CriterioCore
import CriterioFoundation
import CriterioRunner

/// Options every output format honours.
public struct ReportOptions: Sendable {
    /// Mask personal data (the default; `--no-redact` turns it off).
    public var redact: Bool
    /// ANSI colours, for a terminal.
    public var color: Bool
    /// The rules that ran, for formats that describe them (SARIF).
    public var rules: [RuleDescription]
    /// A fingerprint per finding, stable across line moves (SARIF `partialFingerprints`).
    public var fingerprint: @Sendable (FileReport, Finding) -> String?

    public init(
        redact: Bool = true, color: Bool = false, rules: [RuleDescription] = [],
        fingerprint: @escaping @Sendable (FileReport, Finding) -> String? = { _, _ in nil }
    ) {
        self.redact = redact
        self.color = color
        self.rules = rules
        self.fingerprint = fingerprint
    }
}

/// An output format.
public protocol Reporter: Sendable {
    /// The `--format` name.
    static var identifier: String { get }
    init()
    func render(_ report: LintReport, options: ReportOptions) -> String
    /// Writes what `render` gives to `output`. A format whose report can be megabytes made of
    /// thousands of pieces (JSON, for a folder of drafts) writes the pieces as they are, without
    /// joining them into one String first.
    func write(_ report: LintReport, options: ReportOptions, to output: inout BufferedOutput)
}

extension Reporter {
    public var identifier: String { Self.identifier }

    public func write(_ report: LintReport, options: ReportOptions, to output: inout BufferedOutput) {
        output.append(render(report, options: options))
    }
}

/// Every output format, by its `--format` name: the one list the command line (and the server and
/// `scan`) read. A new format is a `Reporter` added here.
public enum ReporterRegistry {
    /// In the order the help lists them; the first is the default.
    public static let all: [any Reporter.Type] = [
        TextReporter.self, LineReporter.self, JSONReporter.self, SARIFReporter.self, JUnitReporter.self, GitHubReporter.self,
    ]

    public static var identifiers: [String] { all.map { $0.identifier } }

    /// The format named `identifier`, or nil.
    public static func reporter(named identifier: String) -> (any Reporter)? {
        all.first { $0.identifier == identifier }.map { $0.init() }
    }
}

