import CriterioArchives
import CriterioCore
import CriterioFoundation
import CriterioReporters
import CriterioRunner
import Foundation

/// `criterio scan --format sarif`: SARIF 2.1.0 with Criterio's rules, one result per finding. A
/// result's location is the archive, and the post as a logical location (`archivo#registro`);
/// positions inside the post's text go in its properties.
enum ScanSARIF {
    struct Text: Encodable { let text: String }
    struct Result: Encodable {
        let ruleId: String
        let level: String
        let message: Text
        let locations: [Location]
        let partialFingerprints: [String: String]
        let properties: Properties
    }
    struct Location: Encodable {
        let physicalLocation: PhysicalLocation
        let logicalLocations: [LogicalLocation]
    }
    struct PhysicalLocation: Encodable { let artifactLocation: ArtifactLocation }
    struct ArtifactLocation: Encodable { let uri: String }
    struct LogicalLocation: Encodable {
        let name: String
        let fullyQualifiedName: String
        let kind = "publicación"
    }
    struct Properties: Encodable {
        let severity: String
        let kind: String
        let record: Int
        let id: String?
        let account: String?
        let created_at: String?
        let line: Int
        let column: Int
        let excerpt: String
    }

    static func result(_ item: PresentedFinding, of post: ArchivedPost, rule: RuleDescription?) -> [UInt8] {
        result(
            ruleID: item.ruleID, kind: item.finding.kind, severity: item.severity, message: item.message,
            criterion: item.finding.criterion, position: item.start, excerpt: item.excerpt, post: post.header,
            fingerprint: Baseline.fingerprint(path: post.stableKey, finding: item.finding))
    }

    static func result(
        ruleID: String, kind: String?, severity: Severity, message: String, criterion: Criterion, position: SourcePosition,
        excerpt: String, post: PostHeader, fingerprint: String
    ) -> [UInt8] {
        let value = Result(
            ruleId: ruleID, level: SARIFReporter.level(severity), message: Text(text: message + " [criterio \(criterion)]"),
            locations: [
                Location(
                    physicalLocation: PhysicalLocation(artifactLocation: ArtifactLocation(uri: uri(post.archive))),
                    logicalLocations: [LogicalLocation(name: post.id ?? "registro \(post.record)", fullyQualifiedName: "\(post.archive)#\(post.record)")])
            ],
            partialFingerprints: ["criterio/v1": fingerprint],
            properties: Properties(
                severity: severity.rawValue, kind: kind ?? "", record: post.record, id: post.id, account: post.account,
                created_at: post.createdAt, line: position.line, column: position.column, excerpt: excerpt))
        return Array(JSONOutput.data(value, .compact, fallback: "{}"))
    }

    static func uri(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ":")
        let trimmed = path.hasPrefix("./") ? String(path.dropFirst(2)) : path
        return trimmed.addingPercentEncoding(withAllowedCharacters: allowed) ?? trimmed
    }

    /// The log around the results: `prefix`, then the results separated by commas, then `suffix`.
    static func prefix(rules: [RuleDescription]) -> [UInt8] {
        Array(#"{"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0","runs":[{"tool":"#.utf8)
            + SARIFReporter.toolJSON(rules: rules) + Array(#","columnKind":"unicodeCodePoints","results":["#.utf8)
    }

    static func suffix(errors: [String]) -> [UInt8] {
        struct Notification: Encodable {
            let level = "error"
            let message: Text
        }
        struct Invocation: Encodable {
            let executionSuccessful: Bool
            let toolExecutionNotifications: [Notification]
        }
        let invocation = Invocation(executionSuccessful: errors.isEmpty, toolExecutionNotifications: errors.map { Notification(message: Text(text: $0)) })
        return Array(#"],"invocations":["#.utf8) + Array(JSONOutput.data(invocation, .compact, fallback: "{}")) + Array("]}]}\n".utf8)
    }
}

/// What output lines say about a post.
struct PostHeader: Sendable, Equatable {
    let archive: String
    let record: Int
    let id: String?
    let account: String?
    /// ISO 8601 in UTC when the date could be read; else as the archive writes it.
    let createdAt: String?
}

extension ArchivedPost {
    var header: PostHeader {
        PostHeader(archive: archive, record: record, id: id, account: account, createdAt: date?.iso8601 ?? createdAt)
    }
}
