import CriterioArchives
import CriterioCore
import CriterioCrossPost
import CriterioRunner
import Foundation

/// How far a scan is, for a progress bar.
public struct ScanProgress: Sendable {
    public let posts: Int
    public let bytesRead: Int64
    /// 0 while unknown.
    public let totalBytes: Int64
    public let seconds: Double
}

/// What a scan tells its caller while it runs (on the caller's thread).
public struct ScanEvents {
    public var badRecord: (BadRecord) -> Void
    public var archiveError: (ArchiveError) -> Void
    /// About ten times a second.
    public var progress: (ScanProgress) -> Void

    public init(
        badRecord: @escaping (BadRecord) -> Void = { _ in }, archiveError: @escaping (ArchiveError) -> Void = { _ in },
        progress: @escaping (ScanProgress) -> Void = { _ in }
    ) {
        self.badRecord = badRecord
        self.archiveError = archiveError
        self.progress = progress
    }
}

/// The outcome of a scan.
public struct ScanRun: Sendable {
    public var summary: ScanSummary
    /// Every finding, when the configuration collects a baseline.
    public var baseline: Baseline?

    /// SPEC §9: as `lint`, except that input errors give 2 only when no post could be read.
    public func exitStatus(policy: FailPolicy) -> ExitStatus {
        guard summary.posts > 0 else { return .inputError }
        let counts: [Severity: Int] = [.error: summary.bySeverity.error, .warning: summary.bySeverity.warning, .consult: summary.bySeverity.consult]
        return policy.status(counts: counts, consultationsWaiting: summary.bySeverity.consult > 0)
    }
}

/// `criterio scan`: reads archives of published posts, lints every post on every core, runs the
/// cross-post checks once every post is in, and writes the output and the summary (SPEC §9).
///
/// Readers → a bounded queue → one linter per core → an ordered writer (`BoundedPipeline`). What
/// grows with the archive goes to temporary files: the output of each post (a spool, so that the
/// cross-post findings, known only at the end, join its line), and the posts' sketches.
public struct Scanner: Sendable {
    public let linter: Linter
    public let configuration: ScanConfiguration

    public init(linter: Linter, configuration: ScanConfiguration) {
        self.linter = linter
        self.configuration = configuration
    }

    /// Runs the scan, handing the output (jsonl or sarif; nothing for text) to `write` in chunks.
    public func run(write: @escaping ([UInt8]) -> Void, events: ScanEvents = ScanEvents()) throws(ScanError) -> ScanRun {
        let started = Date()
        let folder = try ScratchFolder(under: configuration.temporaryDirectory)
        let crossPost = CrossPostCheck.rule(of: linter)
        let writer = try ScanWriter(
            configuration: configuration, folder: folder, crossPost: crossPost, events: events, started: started)
        let configuration = self.configuration
        let linter = self.linter
        let nearDuplicates = crossPost?.crossPostOptions.nearDuplicates ?? false
        do {
            try BoundedPipeline.run(
                workers: configuration.jobs, batchSize: configuration.batchSize, inFlight: configuration.jobs * 4,
                read: { emit in Self.read(configuration, emit: emit) },
                makeWorker: {
                    let processor = PostProcessor(linter: linter, configuration: configuration, nearDuplicates: nearDuplicates)
                    return { processor.process($0) }
                },
                write: { outcome throws(ScanError) in try writer.handle(outcome) })
        } catch let error as ScanError {
            throw error
        } catch {
            throw ScanError("\(error)")
        }
        var run = try ScanFinisher(writer: writer, linter: linter, crossPost: crossPost).finish(write: write)
        run.summary.seconds = Date().timeIntervalSince(started)
        return run
    }

    private struct Stop: Error {}

    /// The reader thread: opens every archive (so the progress bar knows the total), then reads them in turn.
    static func read(_ configuration: ScanConfiguration, emit: (ScanInput) -> Bool) {
        var readers: [(Int, any ArchiveReader)] = []
        for (index, path) in configuration.archives.enumerated() {
            do {
                let (format, reader) = try Archives.open(path, options: configuration.archiveOptions)
                readers.append((index, reader))
                guard emit(.opened(archive: index, format: format, totalBytes: reader.totalBytes)) else { return }
            } catch {
                guard emit(.opened(archive: index, format: nil, totalBytes: 0)), emit(.archiveError(archive: index, error)) else { return }
            }
        }
        for (index, reader) in readers {
            do {
                var stopped = false
                try reader.read(problem: { problem in
                    if !emit(.archiveError(archive: index, problem)) { stopped = true }
                }) { record in
                    guard !stopped, emit(.record(archive: index, record)) else { throw Stop() }
                }
            } catch is Stop {
                return
            } catch let error as ArchiveError {
                guard emit(.archiveError(archive: index, error)) else { return }
            } catch {
                guard emit(.archiveError(archive: index, ArchiveError(archive: reader.name, message: "\(error)"))) else { return }
            }
        }
    }
}

/// The writer thread's half: takes each post in order, applies the baseline, counts it into the
/// summary, keeps the worst posts, feeds the cross-post store and writes the post to the spool.
final class ScanWriter {
    let configuration: ScanConfiguration
    let events: ScanEvents
    let started: Date
    let folder: ScratchFolder
    let spool: SpillFile
    let store: FileCrossPostStore?
    var summary = ScanSummary()
    var worst: WorstPostsList
    private(set) var posts: UInt32 = 0
    private var owners: [String: UInt32] = [:]
    private var baselineRemaining: [String: Int]
    var baselineEntries: [String: Baseline.Entry] = [:]
    private var spoolBuffer: [UInt8] = []
    private var totalBytes: [Int64]
    private var bytesRead: [Int64]
    private var lastProgress = Date.distantPast

    init(configuration: ScanConfiguration, folder: ScratchFolder, crossPost: (any CrossPostRule)?, events: ScanEvents, started: Date) throws(ScanError) {
        self.configuration = configuration
        self.events = events
        self.started = started
        self.folder = folder
        spool = try SpillFile(folder.file("spool"))
        store = crossPost == nil ? nil : try FileCrossPostStore(folder: folder)
        worst = WorstPostsList(capacity: configuration.listed)
        baselineRemaining = configuration.baseline?.counts ?? [:]
        summary.archives = configuration.archives.map { ArchiveSummary(name: $0) }
        totalBytes = Array(repeating: 0, count: configuration.archives.count)
        bytesRead = totalBytes
    }

    func handle(_ outcome: ScanOutcome) throws(ScanError) {
        switch outcome {
        case .opened(let archive, let format, let total):
            summary.archives[archive].format = format
            totalBytes[archive] = total
        case .archiveError(_, let error):
            summary.errors.append(error)
            events.archiveError(error)
        case .bad(let archive, let record, let read):
            summary.badRecords += 1
            summary.archives[archive].badRecords += 1
            if summary.badRecordSamples.count < 100 { summary.badRecordSamples.append(record) }
            events.badRecord(record)
            bytesRead[archive] = read
        case .outOfPeriod(let archive, let read):
            summary.outOfPeriod += 1
            summary.archives[archive].outOfPeriod += 1
            bytesRead[archive] = read
        case .post(let archive, let processed):
            try add(processed)
            summary.archives[archive].posts += 1
            bytesRead[archive] = processed.bytesRead
        }
        reportProgress()
    }

    private func reportProgress(force: Bool = false) {
        let now = Date()
        guard force || now.timeIntervalSince(lastProgress) >= 0.1 else { return }
        lastProgress = now
        events.progress(ScanProgress(
            posts: summary.posts, bytesRead: bytesRead.reduce(0, +), totalBytes: totalBytes.reduce(0, +),
            seconds: now.timeIntervalSince(started)))
    }

    func owner(named name: String) -> UInt32 {
        if let known = owners[name] { return known }
        let next = UInt32(owners.count)
        owners[name] = next
        return next
    }

    /// Whether the baseline knows the finding (by its post's stable key, rule, kind and text), which
    /// then counts as used; collects it when a baseline is being written.
    func knownByBaseline(_ finding: Finding, key: String) -> Bool {
        guard configuration.baseline != nil || configuration.collectsBaseline else { return false }
        return knownByBaseline(finding, key: key, fingerprint: Baseline.fingerprint(path: key, finding: finding))
    }

    func knownByBaseline(_ finding: Finding, key: String, fingerprint: String) -> Bool {
        if configuration.collectsBaseline {
            baselineEntries[fingerprint, default: Baseline.Entry(
                path: key, rule: finding.ruleID, kind: finding.kind, fingerprint: fingerprint, count: 0,
                preview: String(finding.shownExcerpt(redact: true).prefix(80)))].count += 1
        }
        guard let remaining = baselineRemaining[fingerprint], remaining > 0 else { return false }
        baselineRemaining[fingerprint] = remaining - 1
        summary.baselined += 1
        return true
    }

    /// Counts findings of one post into the summary.
    func count(_ findings: [Finding], account: String, month: String, postHadFindings: Bool) {
        guard !findings.isEmpty else { return }
        if !postHadFindings {
            summary.postsWithFindings += 1
            summary.byAccount[account, default: PostTally()].postsWithFindings += 1
            summary.byMonth[month, default: PostTally()].postsWithFindings += 1
        }
        for finding in findings {
            summary.bySeverity.add(finding.severity)
            summary.byRule[finding.ruleID, default: SeverityTally()].add(finding.severity)
            summary.byAccount[account, default: PostTally()].findings.add(finding.severity)
            summary.byMonth[month, default: PostTally()].findings.add(finding.severity)
        }
    }

    private func add(_ processed: ProcessedPost) throws(ScanError) {
        let post = processed.post
        let kept = processed.findings.indices.filter { !knownByBaseline(processed.findings[$0], key: processed.stableKey) }
        let account = post.account ?? ""
        let month = processed.month
        summary.posts += 1
        summary.byAccount[account, default: PostTally()].posts += 1
        summary.byMonth[month, default: PostTally()].posts += 1
        let findings = kept.count == processed.findings.count ? processed.findings : kept.map { processed.findings[$0] }
        count(findings, account: account, month: month, postHadFindings: false)
        if let date = post.date {
            summary.firstDate = min(summary.firstDate ?? date, date)
            summary.lastDate = max(summary.lastDate ?? date, date)
        }
        var tally = SeverityTally()
        for finding in findings { tally.add(finding.severity) }
        let score = WorstPostsList.score(tally)
        if worst.admits(score) {
            worst.add(
                score: score, order: Int(posts),
                WorstPostsList.make(processed, findings: kept, score: score, tally: tally, redact: configuration.redact))
        }
        store?.add(posts, sketch: processed.sketch, owner: owner(named: processed.owner), date: post.date)
        if let failure = store?.failure { throw failure }
        spoolBuffer.removeAll(keepingCapacity: true)
        SpoolRecord(
            header: processed.header, stableKey: processed.stableKey, anchor: processed.anchor, preview: processed.preview,
            month: month, findingCount: kept.count,
            encoded: configuration.format == .text ? [] : kept.map { processed.encoded[$0] }
        ).encode(into: &spoolBuffer)
        try spool.append(spoolBuffer)
        posts += 1
    }
}

/// Months of Mexico City, with the zone looked up once a day of posts.
struct MonthCache {
    private var day: Int64 = .min
    private var offset = 0

    mutating func key(_ date: PublicationDate) -> String {
        let today = date.secondsSince1970 / 86_400
        if today != day {
            day = today
            offset = ScanCalendar.offset(at: date)
        }
        return date.monthKey(offset: offset)
    }
}
