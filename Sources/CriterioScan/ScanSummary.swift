import CriterioArchives
import CriterioCore

/// Findings of one kind of group (a rule, an account, a month) by severity.
public struct SeverityTally: Sendable, Equatable {
    public var error = 0
    public var warning = 0
    public var consult = 0

    public init() {}

    public var total: Int { error + warning + consult }

    mutating func add(_ severity: Severity, _ count: Int = 1) {
        switch severity {
        case .error: error += count
        case .warning: warning += count
        case .consult: consult += count
        }
    }

    subscript(_ severity: Severity) -> Int {
        switch severity {
        case .error: error
        case .warning: warning
        case .consult: consult
        }
    }
}

/// Posts and findings of an account or a month.
public struct PostTally: Sendable, Equatable {
    public var posts = 0
    public var postsWithFindings = 0
    public var findings = SeverityTally()

    public init() {}
}

/// A post as the summary names it.
public struct PostLabel: Sendable, Equatable {
    public let archive: String
    public let record: Int
    public let id: String?
    public let account: String?
    public let createdAt: String?

    init(_ header: PostHeader) {
        archive = header.archive
        record = header.record
        id = header.id
        account = header.account
        createdAt = header.createdAt
    }

    /// `ine.jsonl, registro 12 (id 1234)`.
    public var description: String {
        "\(archive), registro \(record)" + (id.map { " (id \($0))" } ?? "")
    }
}

/// One of the worst posts: its text, personal data masked, cut where its findings are.
public struct WorstPost: Sendable {
    public struct Segment: Sendable {
        public let text: String
        /// Indices into `findings` of the findings that cover this text.
        public let findings: [Int]
    }
    public struct Item: Sendable {
        public let rule: String
        public let kind: String?
        public let severity: Severity
        public let criterion: Criterion
        public let message: String
        public let excerpt: String
    }

    public let label: PostLabel
    public let score: Int
    public let tally: SeverityTally
    public let segments: [Segment]
    public let findings: [Item]
}

/// A cluster of near-duplicates as the summary shows it.
public struct ClusterSummary: Sendable {
    public let number: Int
    public let size: Int
    public let similarity: Double
    /// The first members (in archive order), and the text of the first one.
    public var members: [PostLabel]
    public var preview: String?
}

/// A burst as the summary shows it.
public struct BurstSummary: Sendable {
    public let posts: Int
    public let start: Int64
    public let end: Int64
    public var account: String?
    public var members: [PostLabel]
}

/// An archive read.
public struct ArchiveSummary: Sendable {
    public let name: String
    public var format: ArchiveFormat?
    public var posts = 0
    public var badRecords = 0
    public var outOfPeriod = 0
}

/// Everything a scan ends with (SPEC §9): posts scanned, findings by rule and severity, by account
/// and by month, the worst posts and the near-duplicate clusters.
public struct ScanSummary: Sendable {
    public var archives: [ArchiveSummary] = []
    /// Archives and parts that could not be read.
    public var errors: [ArchiveError] = []
    public var posts = 0
    public var postsWithFindings = 0
    public var badRecords = 0
    /// The first bad records (all are counted in `badRecords`).
    public var badRecordSamples: [BadRecord] = []
    public var outOfPeriod = 0
    /// Findings a baseline already knew, left out.
    public var baselined = 0
    public var bySeverity = SeverityTally()
    public var byRule: [String: SeverityTally] = [:]
    /// By account ("" for posts without one).
    public var byAccount: [String: PostTally] = [:]
    /// By month in Mexico City (`2024-05`; "" for undated posts).
    public var byMonth: [String: PostTally] = [:]
    public var worst: [WorstPost] = []
    public var duplicateClusters = 0
    public var postsInClusters = 0
    public var clusters: [ClusterSummary] = []
    public var burstCount = 0
    public var bursts: [BurstSummary] = []
    /// The first and last publication dates scanned.
    public var firstDate: PublicationDate?
    public var lastDate: PublicationDate?
    public var seconds: Double = 0

    public init() {}

    public var findings: Int { bySeverity.total }

    /// Rules by how many findings they have (most first), then by name.
    public var rulesByCount: [(String, SeverityTally)] {
        byRule.sorted { ($1.value.total, $0.key) < ($0.value.total, $1.key) }
    }
}

/// The posts with the most serious findings: errors weigh more than consultations, which weigh
/// more than warnings. Keeps `capacity` of them; ties go to the earlier post.
struct WorstPostsList {
    let capacity: Int
    private(set) var entries: [(score: Int, order: Int, post: WorstPost)] = []

    init(capacity: Int) { self.capacity = capacity }

    static func score(_ tally: SeverityTally) -> Int {
        tally.error * 10_000 + tally.consult * 100 + tally.warning
    }

    /// Whether a post of this score would enter the list.
    func admits(_ score: Int) -> Bool {
        guard score > 0 else { return false }
        return entries.count < capacity || score > entries.last!.score
    }

    mutating func add(score: Int, order: Int, _ post: WorstPost) {
        entries.append((score, order, post))
        entries.sort { ($1.score, $0.order) < ($0.score, $1.order) }
        if entries.count > capacity { entries.removeLast() }
    }

    var posts: [WorstPost] { entries.map(\.post) }

    /// The post's text in pieces: each piece of personal data masked and kept whole, every other
    /// piece cut where a finding starts or ends, with the findings that cover it.
    static func make(_ processed: ProcessedPost, findings: [Int], score: Int, tally: SeverityTally, redact: Bool) -> WorstPost {
        let bytes = processed.draft.text.bytes
        let kept = findings.map { processed.findings[$0] }
        let presented = findings.map { processed.presented[$0] }
        let personal = redact ? kept.filter(\.isPersonalData).map(\.range).sorted { $0.lowerBound < $1.lowerBound } : []
        var merged: [Range<Int>] = []
        for range in personal {
            if let last = merged.last, range.lowerBound < last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        func snapped(_ offset: Int) -> Int {
            for range in merged where range.lowerBound < offset && offset < range.upperBound { return range.lowerBound }
            return offset
        }
        var cuts = Set([0, bytes.count])
        for finding in kept where !finding.range.isEmpty {
            cuts.insert(snapped(max(0, min(finding.range.lowerBound, bytes.count))))
            cuts.insert(snapped(max(0, min(finding.range.upperBound, bytes.count))))
        }
        for range in merged {
            cuts.insert(range.lowerBound)
            cuts.insert(range.upperBound)
        }
        let points = cuts.sorted()
        var segments: [WorstPost.Segment] = []
        for index in 0..<(points.count - 1) {
            let piece = points[index]..<points[index + 1]
            guard !piece.isEmpty else { continue }
            let covering = kept.indices.filter { kept[$0].range.overlaps(piece) }
            let text: String
            if let data = merged.first(where: { $0 == piece }) {
                let masks = kept.filter { $0.isPersonalData && data.contains($0.range.lowerBound) }
                text = masks.count == 1 && masks[0].range == data ? (masks[0].redactedExcerpt ?? "") : String(repeating: "•", count: String(decoding: bytes[data], as: UTF8.self).count)
            } else {
                text = String(decoding: bytes[piece], as: UTF8.self)
            }
            segments.append(WorstPost.Segment(text: text, findings: covering))
        }
        let items = presented.map { item in
            WorstPost.Item(
                rule: item.ruleID, kind: item.finding.kind, severity: item.severity, criterion: item.finding.criterion,
                message: item.message, excerpt: item.excerpt)
        }
        return WorstPost(label: PostLabel(processed.post.header), score: score, tally: tally, segments: segments, findings: items)
    }
}
