import CriterioCore
import CriterioFoundation
import Crypto
import Foundation

/// Known findings a repository or an archive adopts without fixing them first (SPEC §5).
///
/// A baseline never answers for CNCS: `consult` findings are neither written nor filtered (only an
/// approved consultation lets them through). Each finding is keyed by a fingerprint of its path, rule, kind and matched text — not its line —
/// so moving text keeps it known, and counted, so a second copy of the same finding is reported.
/// The matched text is never stored, only its SHA-256 (it may be personal data).
public struct Baseline: Codable, Sendable, Equatable {
    public struct Entry: Codable, Sendable, Equatable {
        /// Relative to the baseline file's folder.
        public var path: String
        public var rule: String
        public var kind: String?
        public var fingerprint: String
        public var count: Int
        /// The redacted excerpt, to help a person reading the file.
        public var preview: String

        public init(path: String, rule: String, kind: String?, fingerprint: String, count: Int, preview: String) {
            self.path = path
            self.rule = rule
            self.kind = kind
            self.fingerprint = fingerprint
            self.count = count
            self.preview = preview
        }
    }

    public var version = 1
    public var findings: [Entry]

    public init(findings: [Entry]) {
        self.findings = findings
    }

    /// The baseline of everything in `report`, with paths relative to `folder`.
    public init(report: LintReport, relativeTo folder: String) {
        var entries: [String: Entry] = [:]
        for file in report.files {
            let path = Self.relative(file.absolutePath, to: folder)
            for item in file.presented(redact: true) where item.severity != .consult {
                let fingerprint = Self.fingerprint(path: path, finding: item.finding)
                entries[fingerprint, default: Entry(
                    path: path, rule: item.ruleID, kind: item.finding.kind, fingerprint: fingerprint, count: 0,
                    preview: String(item.excerpt.prefix(80)))].count += 1
            }
        }
        findings = entries.values.sorted { ($0.path, $0.rule, $0.fingerprint) < ($1.path, $1.rule, $1.fingerprint) }
    }

    /// How many times the baseline knows each fingerprint.
    public var counts: [String: Int] {
        var counts: [String: Int] = [:]
        for entry in findings { counts[entry.fingerprint, default: 0] += entry.count }
        return counts
    }

    /// Removes from `report` the findings the baseline knows, as many times as it counts them,
    /// except `consult` ones. Returns how many it removed (with those folded into them).
    @discardableResult
    public func filter(_ report: inout LintReport, relativeTo folder: String) -> Int {
        var remaining = counts
        var removed = 0
        for index in report.files.indices {
            let path = Self.relative(report.files[index].absolutePath, to: folder)
            report.files[index].findings.removeAll { finding in
                guard finding.severity != .consult else { return false }
                let fingerprint = Self.fingerprint(path: path, finding: finding)
                guard let count = remaining[fingerprint], count > 0 else { return false }
                remaining[fingerprint] = count - 1
                removed += finding.weight
                return true
            }
        }
        return removed
    }

    /// SHA-256 of the path, rule, kind and matched text (with runs of whitespace made one space).
    public static func fingerprint(path: String, finding: Finding) -> String {
        let text = finding.excerpt.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let key = ["criterio-baseline-v1", path, finding.ruleID, finding.kind ?? "", text].joined(separator: "\u{0}")
        return SHA256.hash(data: Data(key.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    public static func load(_ path: String) throws(BaselineError) -> Baseline {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BaselineError("no se puede leer la línea base «\(path)»")
        }
        let baseline: Baseline
        do {
            baseline = try JSONDecoder().decode(Baseline.self, from: data)
        } catch {
            throw BaselineError("«\(path)» no es una línea base de Criterio (se escribe con --write-baseline)")
        }
        guard baseline.version == 1 else {
            throw BaselineError("«\(path)» tiene la versión \(baseline.version) de línea base; esta versión de Criterio lee la 1")
        }
        return baseline
    }

    public func write(to path: String) throws(BaselineError) {
        do {
            try Data(JSONOutput.document(self).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw BaselineError("no se pudo escribir la línea base «\(path)»: \(FoundationErrors.describe(error))")
        }
    }

    /// `path` relative to `folder` when it is inside it; otherwise as it is.
    static func relative(_ path: String, to folder: String) -> String {
        let base = folder.hasSuffix("/") ? folder : folder + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }
}

public struct BaselineError: ExplainedError, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
