import CriterioArchives
import CriterioCore
import CriterioCrossPost
import CriterioFoundation
import CriterioRunner

/// The end of a scan: the cross-post check over every post, then one pass over the spool that joins
/// each post's cross-post findings to its own, writes the output and completes the summary.
struct ScanFinisher {
    let writer: ScanWriter
    let linter: Linter
    let crossPost: (any CrossPostRule)?

    /// How many members of each listed cluster or burst the summary names.
    static let namedMembers = 10

    func finish(write: @escaping ([UInt8]) -> Void) throws(ScanError) -> ScanRun {
        let configuration = writer.configuration
        var summary = writer.summary
        var result = CrossPostResult()
        if let crossPost, let store = writer.store {
            result = CrossPostAnalysis.run(store, options: crossPost.crossPostOptions)
            if let failure = store.failure { throw failure }
        }
        try writer.spool.flush()

        // What the summary lists: the largest clusters and bursts, and whom to name in them.
        let shownClusters = result.clusters.indices.sorted {
            (result.clusters[$1].members.count, result.clusters[$0].number) < (result.clusters[$0].members.count, result.clusters[$1].number)
        }.prefix(configuration.listed)
        let shownBursts = result.bursts.indices.sorted {
            (result.bursts[$1].members.count, $0) < (result.bursts[$0].members.count, $1)
        }.prefix(configuration.listed)
        var named = Set<UInt32>()
        for index in shownClusters { named.formUnion(result.clusters[index].members.prefix(Self.namedMembers)) }
        for index in shownBursts { named.formUnion(result.bursts[index].members.prefix(Self.namedMembers)) }
        var labels: [UInt32: (label: PostLabel, preview: String)] = [:]

        var output = OutputBuffer(write: write)
        if configuration.format == .sarif {
            output.append(ScanSARIF.prefix(rules: linter.rules.map { type(of: $0).description }))
        }
        var firstResult = true
        var reader = SpoolRecord.Reader(writer.spool)
        var index: UInt32 = 0
        while let (length, findingCount) = reader.next() {
            defer { index += 1 }
            let marks = result.marks[index] ?? []
            let needed = !marks.isEmpty || named.contains(index) || (configuration.format != .text && findingCount > 0)
            guard needed else {
                reader.skip(length)
                continue
            }
            guard let record = reader.record(length, findingCount: findingCount) else {
                throw ScanError("el archivo temporal de la revisión está dañado")
            }
            if named.contains(index) { labels[index] = (PostLabel(record.header), record.preview) }
            let cross = crossFindings(marks, result: result, record: record)
            writer.count(cross.map(\.finding), account: record.header.account ?? "", month: record.month, postHadFindings: record.findingCount > 0)
            switch configuration.format {
            case .text:
                break
            case .jsonl:
                guard record.findingCount + cross.count > 0 else { continue }
                output.append(Self.jsonLine(record, cross: cross.map(\.json)))
            case .sarif:
                for item in record.encoded + cross.map(\.sarif) {
                    if !firstResult { output.append([UInt8(ascii: ",")]) }
                    output.append(item)
                    firstResult = false
                }
            }
        }
        summary = writer.summary
        summary.worst = writer.worst.posts
        summary.duplicateClusters = result.clusters.count
        summary.postsInClusters = result.clusters.reduce(0) { $0 + $1.members.count }
        summary.burstCount = result.bursts.count
        summary.clusters = shownClusters.map { index in
            let cluster = result.clusters[index]
            return ClusterSummary(
                number: cluster.number, size: cluster.members.count, similarity: cluster.similarity,
                members: cluster.members.prefix(Self.namedMembers).compactMap { labels[$0]?.label },
                preview: cluster.members.first.flatMap { labels[$0]?.preview })
        }
        summary.bursts = shownBursts.map { index in
            let burst = result.bursts[index]
            let members = burst.members.prefix(Self.namedMembers).compactMap { labels[$0]?.label }
            return BurstSummary(posts: burst.members.count, start: burst.start, end: burst.end, account: members.first?.account, members: members)
        }
        switch configuration.format {
        case .text: break
        case .jsonl: output.append(Self.summaryLine(summary))
        case .sarif: output.append(ScanSARIF.suffix(errors: summary.errors.map(\.description)))
        }
        output.flush()
        var run = ScanRun(summary: summary)
        if configuration.collectsBaseline {
            run.baseline = Baseline(findings: writer.baselineEntries.values.sorted { ($0.path, $0.rule, $0.fingerprint) < ($1.path, $1.rule, $1.fingerprint) })
        }
        return run
    }

    /// The cross-post findings of a post, after the baseline, as the summary and the output need them.
    private func crossFindings(_ marks: [CrossPostMark], result: CrossPostResult, record: SpoolRecord) -> [(finding: Finding, json: [UInt8], sarif: [UInt8])] {
        guard let crossPost, !marks.isEmpty else { return [] }
        var found: [(Finding, [UInt8], [UInt8])] = []
        for mark in marks {
            var finding = crossPost.finding(for: mark, in: result, anchor: 0..<0)
            if let severity = linter.severityOverride(forRule: finding.ruleID) { finding.severity = severity }
            let needsFingerprint = writer.configuration.baseline != nil || writer.configuration.collectsBaseline
                || writer.configuration.format == .sarif
            let fingerprint = needsFingerprint ? Baseline.fingerprint(path: record.stableKey, finding: finding) : ""
            if writer.configuration.baseline != nil || writer.configuration.collectsBaseline,
                writer.knownByBaseline(finding, key: record.stableKey, fingerprint: fingerprint)
            {
                continue
            }
            let json = writer.configuration.format == .jsonl
                ? FindingJSON.object(
                    rule: finding.ruleID, kind: finding.kind, severity: finding.severity, criterion: finding.criterion,
                    message: finding.message, start: record.anchor, end: record.anchor, excerpt: "", fix: nil)
                : []
            let sarif = writer.configuration.format == .sarif
                ? ScanSARIF.result(
                    ruleID: finding.ruleID, kind: finding.kind, severity: finding.severity, message: finding.message,
                    criterion: finding.criterion, position: record.anchor, excerpt: "", post: record.header, fingerprint: fingerprint)
                : []
            found.append((finding, json, sarif))
        }
        return found
    }

    /// `{"archive", "record", "id", "account", "created_at", "findings": [...]}`.
    static func jsonLine(_ record: SpoolRecord, cross: [[UInt8]]) -> [UInt8] {
        var json = JSONWriter(capacity: 512)
        json.raw("{")
        json.field("archive", record.header.archive)
        json.field("record", record.header.record)
        json.field("id", record.header.id)
        json.field("account", record.header.account)
        json.field("created_at", record.header.createdAt)
        json.key("findings")
        json.raw("[")
        for (offset, item) in (record.encoded + cross).enumerated() {
            if offset > 0 { json.raw(",") }
            json.raw(item)
        }
        json.raw("]}\n")
        return json.bytes
    }

    /// The last line: `{"summary": {"posts", "error", "warning", "consult", "by_rule", "bad_records", "duplicate_clusters"}}`.
    static func summaryLine(_ summary: ScanSummary) -> [UInt8] {
        var json = JSONWriter(capacity: 512)
        json.raw("{")
        json.key("summary")
        json.raw("{")
        json.field("posts", summary.posts)
        json.field("error", summary.bySeverity.error)
        json.field("warning", summary.bySeverity.warning)
        json.field("consult", summary.bySeverity.consult)
        json.key("by_rule")
        json.raw("{")
        for (offset, rule) in summary.byRule.keys.sorted().enumerated() {
            if offset > 0 { json.raw(",") }
            let tally = summary.byRule[rule]!
            json.string(rule)
            json.raw(":{")
            json.field("error", tally.error)
            json.field("warning", tally.warning)
            json.field("consult", tally.consult)
            json.raw("}")
        }
        json.raw("}")
        json.field("bad_records", summary.badRecords)
        json.field("duplicate_clusters", summary.duplicateClusters)
        json.field("bursts", summary.burstCount)
        json.field("posts_with_findings", summary.postsWithFindings)
        json.field("baselined", summary.baselined)
        json.raw("}}\n")
        return json.bytes
    }
}

/// Gathers output into large writes.
struct OutputBuffer {
    let write: ([UInt8]) -> Void
    private var bytes: [UInt8] = []

    init(write: @escaping ([UInt8]) -> Void) {
        self.write = write
        bytes.reserveCapacity(1 << 20)
    }

    mutating func append(_ more: [UInt8]) {
        bytes.append(contentsOf: more)
        if bytes.count >= 1 << 20 { flush() }
    }

    mutating func flush() {
        guard !bytes.isEmpty else { return }
        write(bytes)
        bytes.removeAll(keepingCapacity: true)
    }
}
