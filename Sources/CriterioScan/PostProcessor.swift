import CriterioArchives
import CriterioCore
import CriterioCrossPost
import CriterioFoundation
import CriterioReporters
import CriterioRunner

/// What the reader thread hands over, in order.
enum ScanInput: Sendable {
    /// Archive `index` was opened (nil format: it could not be).
    case opened(archive: Int, format: ArchiveFormat?, totalBytes: Int64)
    case archiveError(archive: Int, ArchiveError)
    case record(archive: Int, ArchiveRecord)
}

/// What a worker makes of an input.
enum ScanOutcome: Sendable {
    case opened(archive: Int, format: ArchiveFormat?, totalBytes: Int64)
    case archiveError(archive: Int, ArchiveError)
    case bad(archive: Int, BadRecord, bytesRead: Int64)
    case outOfPeriod(archive: Int, bytesRead: Int64)
    case post(archive: Int, ProcessedPost)
}

/// One post, linted, with what the writer needs of it (a class: it crosses two queues, and one
/// reference is cheaper to pass than its twenty fields).
final class ProcessedPost: Sendable {
    let post: ArchivedPost
    let draft: Draft
    let findings: [Finding]
    let presented: [PresentedFinding]
    /// Each finding as the output writes it (a JSON object, or a SARIF result); empty for `text`.
    let encoded: [[UInt8]]
    let sketch: PostSketch?
    /// Where the post's prose starts: the position of its cross-post findings.
    let anchor: SourcePosition
    /// The start of the text, personal data masked, for the summary and the report.
    let preview: String
    let bytesRead: Int64
    let header: PostHeader
    let stableKey: String
    /// Whose posts it is compared with (`ScanOwners`).
    let owner: String
    /// Its month in Mexico City ("" when undated).
    let month: String

    init(
        post: ArchivedPost, draft: Draft, findings: [Finding], presented: [PresentedFinding], encoded: [[UInt8]], sketch: PostSketch?,
        anchor: SourcePosition, preview: String, bytesRead: Int64, month: String
    ) {
        self.post = post
        self.draft = draft
        self.findings = findings
        self.presented = presented
        self.encoded = encoded
        self.sketch = sketch
        self.anchor = anchor
        self.preview = preview
        self.bytesRead = bytesRead
        self.month = month
        header = post.header
        stableKey = post.stableKey
        owner = ScanOwners.name(of: post)
    }
}

/// The work of one linting thread: decode the record, keep it if it is in the period, lint it,
/// sketch it for the cross-post check and encode its findings.
final class PostProcessor {
    let linter: Linter
    let configuration: ScanConfiguration
    let nearDuplicates: Bool
    let ruleDescriptions: [String: RuleDescription]
    private let decoder = ArchiveRecordDecoder()
    private let sketcher = NearDuplicateSketcher()
    private var months = MonthCache()

    init(linter: Linter, configuration: ScanConfiguration, nearDuplicates: Bool) {
        self.linter = linter
        self.configuration = configuration
        self.nearDuplicates = nearDuplicates
        ruleDescriptions = Dictionary(linter.rules.map { (type(of: $0).description.id, type(of: $0).description) }) { first, _ in first }
    }

    func process(_ input: ScanInput) -> ScanOutcome {
        switch input {
        case .opened(let archive, let format, let total): return .opened(archive: archive, format: format, totalBytes: total)
        case .archiveError(let archive, let error): return .archiveError(archive: archive, error)
        case .record(let archive, let record):
            switch decoder.decode(record) {
            case .failure(let bad):
                return .bad(archive: archive, bad, bytesRead: record.bytesRead)
            case .success(let post):
                guard configuration.inPeriod(post.date) else { return .outOfPeriod(archive: archive, bytesRead: record.bytesRead) }
                return .post(archive: archive, lint(post, bytesRead: record.bytesRead))
            }
        }
    }

    func lint(_ post: ArchivedPost, bytesRead: Int64) -> ProcessedPost {
        let draft = post.draft()
        let analyzed = AnalyzedPost(draft)
        let findings = linter.lint(analyzed)
        let report = FileReport(draft: draft, findings: findings)
        let presented = report.presented(redact: configuration.redact)
        let sketch = nearDuplicates ? sketcher.sketch(analyzed, owner: NearDuplicateSketcher.ownerKey(ScanOwners.name(of: post))) : nil
        let month = post.date.map { months.key($0) } ?? ""
        let encoded: [[UInt8]]
        switch configuration.format {
        case .text: encoded = []
        case .jsonl: encoded = presented.map(FindingJSON.object)
        case .sarif: encoded = presented.map { ScanSARIF.result($0, of: post, rule: ruleDescriptions[$0.ruleID]) }
        }
        return ProcessedPost(
            post: post, draft: draft, findings: findings, presented: presented, encoded: encoded, sketch: sketch,
            anchor: draft.position(of: analyzed.firstProseOffset),
            preview: Redaction.preview(of: draft, findings: findings, redact: configuration.redact), bytesRead: bytesRead, month: month)
    }
}

/// Whose posts are compared with whose: an account's with its own; posts without an account with
/// the others of their archive.
enum ScanOwners {
    static func name(of post: ArchivedPost) -> String {
        post.account.map { "cuenta:" + $0.lowercased() } ?? "archivo:" + post.archive
    }
}

/// A finding as SPEC §4's JSON writes it in `files[].findings[]` (the keys of `JSONReporter`), for
/// the lines of `--format jsonl`.
enum FindingJSON {
    static func object(_ item: PresentedFinding) -> [UInt8] {
        object(
            rule: item.ruleID, kind: item.finding.kind, severity: item.severity, criterion: item.finding.criterion,
            message: item.message, start: item.start, end: item.end, excerpt: item.excerpt, fix: item.fix)
    }

    static func object(
        rule: String, kind: String?, severity: Severity, criterion: Criterion, message: String, start: SourcePosition,
        end: SourcePosition, excerpt: String, fix: String?
    ) -> [UInt8] {
        var json = JSONWriter(capacity: 256 + message.utf8.count + excerpt.utf8.count)
        json.raw("{")
        json.field("rule", rule)
        json.field("kind", kind)
        json.field("severity", severity.rawValue)
        json.field("criterion", criterion.description)
        json.field("message", message)
        json.field("line", start.line)
        json.field("column", start.column)
        json.field("endLine", end.line)
        json.field("endColumn", end.column)
        json.field("excerpt", excerpt)
        json.field("fix", fix)
        json.raw("}")
        return json.bytes
    }
}

/// Personal data masked in a post's text, for the summary and the report.
enum Redaction {
    /// The text with each piece of personal data replaced by its masked form.
    static func redactedText(of draft: Draft, findings: [Finding], redact: Bool) -> String {
        let personal = redact ? findings.filter(\.isPersonalData).sorted { $0.range.lowerBound > $1.range.lowerBound } : []
        guard !personal.isEmpty else { return String(decoding: draft.text.bytes, as: UTF8.self) }
        var bytes = draft.text.bytes
        var limit = bytes.count
        for finding in personal where finding.range.upperBound <= limit {
            bytes.replaceSubrange(finding.range, with: Array((finding.redactedExcerpt ?? "").utf8))
            limit = finding.range.lowerBound
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The first 200 characters of the redacted text, on one line.
    static func preview(of draft: Draft, findings: [Finding], redact: Bool) -> String {
        let limit = 200
        if redact && findings.contains(where: \.isPersonalData) {
            let text = redactedText(of: draft, findings: findings, redact: redact)
            return oneLine(Array(text.utf8), limit: limit)
        }
        return oneLine(draft.text.bytes, limit: limit)
    }

    /// At most `limit` characters of UTF-8 `bytes`, with line breaks as spaces (and `…` when cut).
    static func oneLine(_ bytes: [UInt8], limit: Int) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(min(bytes.count, limit * 2))
        var characters = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte & 0xC0 != 0x80 {
                if characters == limit - 1 && index < bytes.count {
                    // Is there more than this last character?
                    var end = index + 1
                    while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
                    if end < bytes.count {
                        out.append(contentsOf: "…".utf8)
                        break
                    }
                }
                characters += 1
            }
            if byte == 0x0A || byte == 0x0D {
                if out.last != 0x20 { out.append(0x20) }
            } else {
                out.append(byte)
            }
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
