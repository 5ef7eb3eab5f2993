import CriterioCore
import CriterioFoundation
import CriterioRunner
import Foundation

/// `--format sarif`: SARIF 2.1.0, as GitHub code scanning and other tools read it. Each rule carries
/// its metadata and its criterion as help; each result a fingerprint that survives line moves.
public struct SARIFReporter: Reporter {
    public static let identifier = "sarif"
    static let version = "0.1.0"

    public init() {}

    struct Log: Encodable {
        let schema = "https://json.schemastore.org/sarif-2.1.0.json"
        let version = "2.1.0"
        let runs: [Run]

        enum CodingKeys: String, CodingKey {
            case schema = "$schema"
            case version, runs
        }
    }

    struct Run: Encodable {
        let tool: Tool
        let columnKind = "unicodeCodePoints"
        let results: [Result]
        let invocations: [Invocation]
    }

    struct Tool: Encodable { let driver: Driver }

    struct Driver: Encodable {
        let name = "Criterio"
        let semanticVersion = SARIFReporter.version
        let rules: [RuleMetadata]
    }

    struct Text: Encodable {
        let text: String
        var markdown: String?
    }

    struct RuleMetadata: Encodable {
        let id: String
        let name: String
        let shortDescription: Text
        let fullDescription: Text
        let help: Text
        let defaultConfiguration: Configuration
        let properties: Properties

        struct Configuration: Encodable { let level: String }
        struct Properties: Encodable {
            let tags: [String]
            /// The kinds its results may have (each result's `properties.kind`).
            let kinds: [Kind]?
        }
        struct Kind: Encodable {
            let id: String
            let description: String
        }
    }

    struct Result: Encodable {
        let ruleId: String
        let ruleIndex: Int?
        let level: String
        let message: Text
        let locations: [Location]
        let partialFingerprints: [String: String]?
        let properties: [String: String]
    }

    struct Location: Encodable { let physicalLocation: PhysicalLocation }

    struct PhysicalLocation: Encodable {
        let artifactLocation: ArtifactLocation
        let region: Region
    }

    struct ArtifactLocation: Encodable { let uri: String }

    struct Region: Encodable {
        let startLine: Int
        let startColumn: Int
        let endLine: Int
        let endColumn: Int
        let snippet: Text?
    }

    struct Invocation: Encodable {
        let executionSuccessful: Bool
        let toolExecutionNotifications: [Notification]
    }

    struct Notification: Encodable {
        let level = "error"
        let message: Text
        let locations: [NotificationLocation]
    }

    struct NotificationLocation: Encodable {
        let physicalLocation: NotificationPhysicalLocation
    }

    struct NotificationPhysicalLocation: Encodable { let artifactLocation: ArtifactLocation }

    public static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning, .consult: "warning"
        }
    }

    public func render(_ report: LintReport, options: ReportOptions) -> String {
        let rules = Self.metadata(options.rules)
        var results: [Result] = []
        for file in report.files {
            for item in file.presented(redact: options.redact) {
                let fingerprint = options.fingerprint(file, item.finding)
                results.append(
                    Result(
                        ruleId: item.ruleID, ruleIndex: options.rules.firstIndex { $0.id == item.ruleID }, level: Self.level(item.severity),
                        message: Text(text: item.message + " [criterio \(item.finding.criterion)]"),
                        locations: [
                            Location(
                                physicalLocation: PhysicalLocation(
                                    artifactLocation: ArtifactLocation(uri: Self.uri(file.path)),
                                    region: Region(
                                        startLine: item.start.line, startColumn: item.start.column, endLine: item.end.line,
                                        endColumn: item.end.column, snippet: item.excerpt.isEmpty ? nil : Text(text: item.excerpt))))
                        ],
                        partialFingerprints: fingerprint.map { ["criterio/v1": $0] },
                        properties: ["severity": item.severity.rawValue, "kind": item.finding.kind ?? ""]))
            }
        }
        let notifications = report.errors.map { error in
            Notification(
                message: Text(text: error.description),
                locations: [NotificationLocation(physicalLocation: .init(artifactLocation: .init(uri: Self.uri(error.path))))])
        }
        let log = Log(runs: [
            Run(
                tool: Tool(driver: Driver(rules: rules)), results: results,
                invocations: [Invocation(executionSuccessful: report.errors.isEmpty, toolExecutionNotifications: notifications)])
        ])
        return JSONOutput.document(log, fallback: "")
    }

    static func metadata(_ rules: [RuleDescription]) -> [RuleMetadata] {
        rules.map { rule in
            let criteria = rule.criteria.map { "Criterio \($0): «\($0.text)»" }.joined(separator: "\n\n")
            return RuleMetadata(
                id: rule.id,
                name: rule.id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(),
                shortDescription: Text(text: rule.summary), fullDescription: Text(text: rule.rationale),
                help: Text(text: criteria, markdown: rule.criteria.map { "**Criterio \($0)**: \($0.text)" }.joined(separator: "\n\n")),
                defaultConfiguration: .init(level: Self.level(rule.defaultSeverity)),
                properties: .init(
                    tags: rule.criteria.map { "criterio-\($0)" },
                    kinds: rule.kinds.isEmpty ? nil : rule.kinds.map { RuleMetadata.Kind(id: $0.id, description: $0.summary) }))
        }
    }

    /// The `tool` object of a log that describes `rules`: `criterio scan` writes its own results
    /// (a post of an archive, not a line of a file) under the same tool.
    public static func toolJSON(rules: [RuleDescription]) -> [UInt8] {
        Array(JSONOutput.data(Tool(driver: Driver(rules: metadata(rules))), .compact, fallback: "{}"))
    }

    /// A relative URI with forward slashes and percent-encoding (spaces, accents).
    static func uri(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ":")
        let trimmed = path.hasPrefix("./") ? String(path.dropFirst(2)) : path
        return trimmed.addingPercentEncoding(withAllowedCharacters: allowed) ?? trimmed
    }
}
