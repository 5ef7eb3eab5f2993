import CriterioQueue
import CriterioQueueSQLite
import Foundation

/// The stores every queue test runs against. The PostgreSQL adapter adds its case here.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqliteMemory = "SQLite en memoria"
    case sqliteFile = "SQLite en archivo"

    var testDescription: String { rawValue }

    /// A new, empty store, and what removes its files when the test is done with it.
    func make() throws -> (store: any QueueStore, files: TemporaryFiles?) {
        switch self {
        case .sqliteMemory:
            return (try SQLiteQueueStore.inMemory(), nil)
        case .sqliteFile:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("criterio-queue-\(UUID().uuidString).sqlite").path
            let files = TemporaryFiles([path, path + "-journal", path + "-wal", path + "-shm"])
            return (try SQLiteQueueStore.open(path: path, access: .readWrite), files)
        }
    }
}

/// Files a test created, removed when the last reference to this goes away.
final class TemporaryFiles: Sendable {
    let paths: [String]

    init(_ paths: [String]) { self.paths = paths }

    deinit {
        for path in paths { try? FileManager.default.removeItem(atPath: path) }
    }
}

import Testing

/// A queue with a supervisor, two CNCS reviewers and two administrators of different areas.
struct Fixture {
    let service: QueueService
    /// The store's files on disk, removed with the last copy of the fixture.
    let files: TemporaryFiles?
    static let start = Timestamp.parse("2026-11-23T10:00:00-06:00")!

    init(_ kind: StoreKind, policy: QueuePolicy = QueuePolicy()) throws {
        let (store, files) = try kind.make()
        self.files = files
        service = QueueService(store: store, policy: policy)
        try service.addUser(name: "sofia", role: .supervisor, area: nil, email: "sofia@ine.mx", by: nil, at: Self.start)
        try service.addUser(name: "rosa", role: .cncs, area: nil, email: "rosa@ine.mx", by: "sofia", at: Self.start)
        try service.addUser(name: "raul", role: .cncs, area: nil, email: nil, by: "sofia", at: Self.start)
        try service.addUser(name: "ana", role: .admin, area: "DECEYEC", email: "ana@ine.mx", by: "sofia", at: Self.start)
        try service.addUser(name: "beto", role: .admin, area: "DERFE", email: nil, by: "sofia", at: Self.start)
    }

    func hours(_ h: Double) -> Date { Self.start.addingTimeInterval(h * 3600) }

    func submission(_ text: String = "¿Publicamos esto?\n", question: String = "¿Se puede?") -> Submission {
        Submission(
            draftPath: "borrador.md", draftBytes: Array(text.utf8), question: question,
            findings: [SubmittedFinding(rule: "discurso-odio", kind: "amenaza", severity: "consult", criterion: "6.xvii", message: "m", line: 1, column: 1, excerpt: "x")])
    }

    @discardableResult
    func submit(_ text: String = "¿Publicamos esto?\n", by user: String = "ana", at: Date = Fixture.start) throws -> Consultation {
        try service.submit(submission(text), by: user, at: at).consultation
    }

    func item(_ id: Int64) throws -> Consultation { try service.detail(of: id, as: "sofia").consultation }

    /// Puts a new consultation in `state` through legal transitions.
    func consultation(in state: ConsultationState) throws -> Consultation {
        let item = try submit("texto para \(state.rawValue)\n")
        func act(_ action: QueueAction, _ user: String = "rosa", comment: String? = nil) throws {
            _ = try service.perform(action, on: item.id, by: user, expectedVersion: nil, comment: comment, at: Self.start)
        }
        switch state {
        case .pending: break
        case .inReview: try act(.claim)
        case .approved: try act(.claim); try act(.approve, comment: "sí")
        case .rejected: try act(.claim); try act(.reject, comment: "no")
        case .changesRequested: try act(.claim); try act(.requestChanges, comment: "cambia")
        case .withdrawn: try act(.withdraw, "ana")
        case .expired: _ = try service.tick(at: hours(49))
        }
        return try self.item(item.id)
    }
}
