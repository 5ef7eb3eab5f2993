import CriterioCore
import CriterioFoundation
import CriterioQueue
import Foundation

/// What the CNCS consultation queue knows about a draft's exact text (SPEC §6).
public protocol ConsultationLookup: Sendable {
    /// The most relevant consultation for this exact content (an approved one first), or nil.
    func consultation(covering draft: Draft) async throws -> ConsultationSummary?
}

/// A consultation as `lint` reports it.
public struct ConsultationSummary: Sendable, Equatable {
    public let id: String
    /// The queue state (`pending`, `in_review`, `approved`, `rejected`, `changes_requested`, `withdrawn`, `expired`).
    public let state: String
    /// A Spanish sentence for the user ("consulta 12 pendiente; vence el 25/11 a las 10:00").
    public let description: String
    /// Whether it lets the text through: approved, as the audit chain confirms (SPEC §6).
    public let isApproved: Bool

    public init(id: String, state: String, description: String, isApproved: Bool) {
        self.id = id
        self.state = state
        self.description = description
        self.isApproved = isApproved
    }
}

/// The queue's answer, from its service: the consultation whose current revision is the draft's
/// exact text (SHA-256 of `Draft.fileBytes`), described as of `now` in the queue's time zone; an
/// approval counts only when the audit chain backs it (`QueueService.coverage`).
public struct QueueConsultationLookup: ConsultationLookup {
    public let service: QueueService
    public let timeZone: TimeZone
    public let now: Date

    public init(service: QueueService, timeZone: TimeZone, now: Date) {
        self.service = service
        self.timeZone = timeZone
        self.now = now
    }

    public func consultation(covering draft: Draft) async throws -> ConsultationSummary? {
        guard let coverage = try await service.coverage(ofContent: draft.fileBytes) else { return nil }
        let item = coverage.consultation
        return ConsultationSummary(
            id: String(item.id), state: item.state.rawValue, description: coverage.publicationNote(at: now, in: timeZone),
            isApproved: coverage.isApproved)
    }
}

/// The consultation gate of `lint` and the hook (SPEC §4, §6): `consult` findings let a draft
/// through only when an approved consultation covers its exact text; otherwise the run ends with
/// exit status 3. For each draft waiting on CNCS it also says where its consultation stands.
public struct ConsultationGate: Sendable {
    /// One line per draft with `consult` findings: "ruta: consulta 3 pendiente; vence el …", or how
    /// to submit one.
    public private(set) var notes: [String] = []
    private var approvedPaths: Set<String> = []

    /// Asks `lookup` about every draft of `report` with `consult` findings. `lookup` is called only
    /// when there is such a draft (so the queue's store is opened only then) and returns nil when
    /// there is no queue yet. Runs on the caller's actor: without such a draft it never leaves it.
    public init(
        report: LintReport, isolation: isolated (any _Concurrency.Actor)? = #isolation, lookup: () async throws -> (any ConsultationLookup)?
    ) async throws(ConsultationGateError) {
        // A look at every draft's findings, on every core: for thousands of drafts, it is waiting
        // on memory more than working.
        let files = report.files
        let waits = ParallelWork.map(Array(files.indices), minimumItems: 1024) { index in
            files[index].findings.contains { $0.severity == .consult }
        }
        let waiting = files.indices.filter { waits[$0] }.map { files[$0] }
        guard !waiting.isEmpty else { return }
        do {
            let queue = try await lookup()
            for file in waiting {
                if let summary = try await queue?.consultation(covering: file.draft) {
                    if summary.isApproved { approvedPaths.insert(file.path) }
                    notes.append("\(file.path): \(summary.description)")
                } else {
                    notes.append(
                        "\(file.path): ninguna consulta a la CNCS cubre este texto exacto; envíala con: criterio consult submit \(file.path) --question \"…\"")
                }
            }
        } catch {
            throw ConsultationGateError("no se pudo consultar la cola de la CNCS: \(FoundationErrors.message(for: error))")
        }
    }

    /// Whether an approved consultation covers this draft's exact text.
    public func isApproved(_ file: FileReport) -> Bool { approvedPaths.contains(file.path) }

    /// The exit status of `report` under `policy`, with this gate's approvals (SPEC §4).
    public func exitStatus(of report: LintReport, policy: FailPolicy) -> ExitStatus {
        report.exitStatus(policy: policy, isApproved: isApproved)
    }
}

public struct ConsultationGateError: ExplainedError, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

extension Submission {
    /// What is sent to CNCS for a linted draft: its exact bytes and its findings, positions resolved
    /// and personal data masked (the queue keeps them; reviewers need not see the data itself).
    public init(_ file: FileReport, question: String, area: String?) {
        let findings = file.presented(redact: true).map {
            SubmittedFinding(
                rule: $0.ruleID, kind: $0.finding.kind, severity: $0.severity.rawValue, criterion: $0.finding.criterion.description,
                message: $0.message, line: $0.start.line, column: $0.start.column, excerpt: $0.excerpt)
        }
        self.init(draftPath: file.path, draftBytes: file.draft.fileBytes, question: question, area: area, findings: findings)
    }
}
