import CriterioConfig
import CriterioCore
import CriterioQueue
import CriterioQueueSQLite
import CriterioReporters
import CriterioRunner
import Foundation

/// `ConsultationLookup` over the queue's store: the consultation whose current revision is this
/// exact text (SHA-256 of `Draft.fileBytes`), an approved one first.
struct QueueConsultationLookup: ConsultationLookup {
    let service: QueueService
    let timeZone: TimeZone
    let now: Date

    func consultation(covering draft: Draft) throws -> ConsultationSummary? {
        guard let item = try service.consultation(coveringContentHash: ContentHash.sha256(draft.fileBytes)) else { return nil }
        return ConsultationSummary(id: String(item.id), state: item.state.rawValue, description: describe(item))
    }

    private func describe(_ item: Consultation) -> String {
        func local(_ date: Date) -> String { LocalTime.string(date, in: timeZone, withYear: false) }
        let name = "consulta \(item.id)"
        switch item.state {
        case .approved:
            return "\(name) aprobada por \(item.decision?.reviewer ?? "la CNCS"): cubre este texto exacto"
        case .pending, .inReview:
            guard let due = item.dueAt else { return "\(name) \(item.state.label)" }
            if item.isOverdue(at: now) { return "\(name) sin respuesta; venció el \(local(due)) (vencida no es aprobada)" }
            return "\(name) \(item.state.label); vence el \(local(due))"
        case .changesRequested:
            return "\(name): la CNCS pidió cambios; reenvía con criterio consult submit \(item.draftPath) --resubmit \(item.id) --question \"…\""
        case .rejected:
            return "\(name) rechazada por la CNCS: no publiques este texto"
        case .withdrawn:
            return "\(name) retirada"
        case .expired:
            return "\(name) vencida sin respuesta (no es una aprobación): orienta a la persona usuaria a INETEL o a la Plataforma Nacional de Transparencia"
        }
    }
}

/// What `criterio lint` asks the queue: for each draft with `consult` findings, whether an approved
/// consultation covers its exact text. The database is opened only when such a draft exists, read-only,
/// and never created.
struct ConsultationGate {
    private var approvedPaths: Set<String> = []

    init(report: LintReport, configuration: Configuration) throws(CommandFailure) {
        let waiting = report.files.filter { $0.findings.contains { $0.severity == .consult } }
        guard !waiting.isEmpty else { return }
        let lookup = try Self.lookup(configuration)
        for file in waiting {
            let summary: ConsultationSummary?
            do {
                summary = try lookup?.consultation(covering: file.draft)
            } catch {
                throw CommandFailure(message: "no se pudo consultar la cola de la CNCS: \(error)")
            }
            if let summary {
                if summary.isApproved { approvedPaths.insert(file.path) }
                Terminal.error("\(file.path): \(summary.description)")
            } else {
                Terminal.error(
                    "\(file.path): ninguna consulta a la CNCS cubre este texto exacto; envíala con: criterio consult submit \(file.path) --question \"…\"")
            }
        }
    }

    func isApproved(_ file: FileReport) -> Bool { approvedPaths.contains(file.path) }

    private static func lookup(_ settings: Configuration) throws(CommandFailure) -> QueueConsultationLookup? {
        let (configuration, directory) = try QueueConfigurationFile.queue(from: settings)
        let path = try QueueContext.databasePath(flag: nil, configuration: configuration, configDirectory: directory)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            let store = try SQLiteQueueStore.open(path: path, access: .readOnly, busyTimeout: configuration.busyTimeoutSeconds)
            let policy = try configuration.makePolicy()
            return QueueConsultationLookup(
                service: QueueService(store: store, policy: policy), timeZone: TimeZone(identifier: configuration.timeZone) ?? .current,
                now: try QueueContext.now())
        } catch let error as QueueDatabaseError {
            throw CommandFailure(message: "no se pudo consultar la cola de la CNCS: \(error.description)")
        } catch {
            throw CommandFailure(message: "no se pudo consultar la cola de la CNCS: \(error)")
        }
    }
}
