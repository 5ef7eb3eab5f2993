import CriterioArchives
import CriterioCore
import CriterioRunner
import Foundation

/// What `criterio scan` writes on standard output.
public enum ScanOutputFormat: String, Sendable, CaseIterable {
    /// The summary of SPEC §9.
    case text
    /// One line per post with findings, then a summary line (SPEC §9).
    case jsonl
    /// SARIF 2.1.0, one result per finding.
    case sarif
}

/// How a scan runs.
public struct ScanConfiguration: Sendable {
    public var archives: [String]
    public var archiveOptions: ArchiveOptions
    /// Threads that lint (`--jobs`); the reader and the writer have their own.
    public var jobs: Int
    /// Only posts published in `[since, until)`; with either set, undated posts are left out.
    public var since: PublicationDate?
    public var until: PublicationDate?
    public var format: ScanOutputFormat
    public var redact: Bool
    /// Findings it already knows are left out (`--baseline`).
    public var baseline: Baseline?
    /// Collect every finding as a baseline entry (`--write-baseline`).
    public var collectsBaseline: Bool
    /// How many worst posts, clusters and bursts the summary lists.
    public var listed: Int
    /// Where the scan keeps its temporary files (removed at the end).
    public var temporaryDirectory: String
    /// Posts per batch between the threads.
    public var batchSize: Int

    public init(
        archives: [String], archiveOptions: ArchiveOptions = ArchiveOptions(), jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
        since: PublicationDate? = nil, until: PublicationDate? = nil, format: ScanOutputFormat = .text, redact: Bool = true,
        baseline: Baseline? = nil, collectsBaseline: Bool = false, listed: Int = 10,
        temporaryDirectory: String = FileManager.default.temporaryDirectory.path, batchSize: Int = 256
    ) {
        self.archives = archives
        self.archiveOptions = archiveOptions
        self.jobs = max(1, jobs)
        self.since = since
        self.until = until
        self.format = format
        self.redact = redact
        self.baseline = baseline
        self.collectsBaseline = collectsBaseline
        self.listed = listed
        self.temporaryDirectory = temporaryDirectory
        self.batchSize = batchSize
    }

    var hasPeriod: Bool { since != nil || until != nil }

    func inPeriod(_ date: PublicationDate?) -> Bool {
        guard hasPeriod else { return true }
        guard let date else { return false }
        if let since, date < since { return false }
        if let until, date >= until { return false }
        return true
    }
}

/// The calendar of the summary and of `--since`/`--until`: Mexico City's.
public enum ScanCalendar {
    static let zone = TimeZone(identifier: "America/Mexico_City") ?? TimeZone(secondsFromGMT: -6 * 3_600)!

    /// Seconds east of UTC in Mexico City at that moment.
    public static func offset(at date: PublicationDate) -> Int {
        zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(date.secondsSince1970)))
    }

    /// A `--since`/`--until` value: a date (`2024-01-01`, midnight in Mexico City) or a moment (ISO 8601).
    /// For `--until`, a date means the end of that day.
    public static func parse(_ text: String, endOfDay: Bool) -> PublicationDate? {
        let trimmed = text.trimmingSpaces
        guard let utc = PublicationDate.parse(trimmed, assumingOffset: 0) else { return nil }
        let isDateOnly = trimmed.count == 10
        if let separator = trimmed.firstIndex(where: { $0 == "T" || $0 == "t" || $0 == " " }) {
            let time = trimmed[separator...]
            if time.contains(where: { $0 == "Z" || $0 == "z" || $0 == "+" || $0 == "-" }) { return utc }
        }
        var local = PublicationDate(secondsSince1970: utc.secondsSince1970 - Int64(offset(at: utc)))
        if isDateOnly && endOfDay { local = PublicationDate(secondsSince1970: local.secondsSince1970 + 86_400) }
        return local
    }

    /// `2024-05`, in Mexico City.
    static func monthKey(_ date: PublicationDate) -> String {
        date.monthKey(offset: offset(at: date))
    }

    /// `2024-05-20 10:45`, in Mexico City.
    static func local(_ seconds: Int64) -> String {
        let date = PublicationDate(secondsSince1970: seconds)
        let c = date.components(offset: offset(at: date))
        func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        return "\(c.year)-\(pad(c.month))-\(pad(c.day)) \(pad(c.hour)):\(pad(c.minute))"
    }
}
