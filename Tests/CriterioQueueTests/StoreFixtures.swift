import CriterioQueue
@testable import CriterioQueuePostgres
import CriterioQueueSQLite
import Foundation
import PostgresNIO
import Testing

/// One kind of store the queue suite runs against. Every behavioural test takes
/// `arguments: StoreFactory.all`, so a new adapter joins the whole suite by adding its factory to
/// `all` (PostgreSQL: one that creates a fresh database on the server the tests were given).
struct StoreFactory: Sendable, CustomTestStringConvertible {
    let name: String
    /// A new, empty store.
    let make: @Sendable () async throws -> StoreUnderTest

    var testDescription: String { name }

    static let all: [StoreFactory] = [sqliteMemory, sqliteFile] + (TestPostgres.wanted ? [postgres] : [])

    static let sqliteMemory = StoreFactory(name: "SQLite en memoria") {
        let store = try SQLiteQueueStore.inMemory()
        return StoreUnderTest(store: store, reopen: { store })
    }

    static let sqliteFile = StoreFactory(name: "SQLite en archivo") {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("criterio-queue-\(UUID().uuidString).sqlite").path
        let files = [path, path + "-journal", path + "-wal", path + "-shm"]
        return StoreUnderTest(
            store: try await SQLiteQueueStore.open(path: path, access: .readWrite),
            reopen: { try await SQLiteQueueStore.open(path: path, access: .readWrite) },
            cleanup: { for file in files { try? FileManager.default.removeItem(atPath: file) } })
    }
}

extension StoreFactory {
    /// A new database on the server of `CRITERIO_TEST_POSTGRES_URL`, dropped when the test is done.
    static let postgres = StoreFactory(name: "PostgreSQL") {
        let location = try await TestPostgres.freshDatabase()
        return StoreUnderTest(
            store: try await PostgresQueueStore.open(location, access: .create, maximumConnections: 3),
            reopen: { try await PostgresQueueStore.open(location, access: .readWrite, maximumConnections: 3) },
            cleanup: { Task { await TestPostgres.drop(location.database) } })
    }
}

/// The PostgreSQL server the tests were given (`CRITERIO_TEST_POSTGRES_URL`, which `scripts/test`
/// sets to a throw-away cluster). Without it the PostgreSQL tests do not run, unless
/// `CRITERIO_REQUIRE_POSTGRES=1` (set by `scripts/test`) or `CI` says they must: then they fail.
enum TestPostgres {
    static var environment: [String: String] { ProcessInfo.processInfo.environment }
    static var url: String? { environment["CRITERIO_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 } }
    static var required: Bool { environment["CRITERIO_REQUIRE_POSTGRES"] == "1" || !(environment["CI"] ?? "").isEmpty }
    static var wanted: Bool { url != nil || required }

    struct Missing: Error, CustomStringConvertible {
        var description: String {
            "se exigen las pruebas de PostgreSQL pero falta CRITERIO_TEST_POSTGRES_URL; ejecútalas con scripts/test o indica un servidor"
        }
    }

    /// The server, as given (its database is where the tests' databases are created from).
    static func server() throws -> PostgresLocation {
        guard let url else { throw Missing() }
        return try PostgresLocation.parse(url, environment: environment)
    }

    /// Runs SQL on the server's own database (creating and dropping the tests' databases).
    static func administer(_ query: PostgresQuery, on location: PostgresLocation? = nil) async throws {
        let location = try location ?? server()
        let connection = try await PostgresConnection.connect(
            configuration: PostgresQueueStore.connectionConfiguration(location), id: 1, logger: PostgresQueueStore.logger)
        do {
            try await connection.query(query, logger: PostgresQueueStore.logger)
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
    }

    /// A new empty database; its name is made here (never from input), so it is spelled into the SQL.
    static func freshDatabase() async throws -> PostgresLocation {
        let name = "criterio_prueba_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await administer("CREATE DATABASE \(unescaped: name)")
        return try server().with(database: name)
    }

    static func drop(_ name: String) async {
        try? await administer("DROP DATABASE IF EXISTS \(unescaped: name) WITH (FORCE)")
    }
}

/// A store made for one test, and what it leaves behind, removed when the last reference to this
/// goes away.
final class StoreUnderTest: Sendable {
    let store: any QueueStore
    /// Another connection to the same data, as a second process or server instance has (for an
    /// in-memory store, the same one).
    let reopen: @Sendable () async throws -> any QueueStore
    /// Removes the store's files (or database); run once, from `deinit`, so synchronously: a store
    /// whose clean-up must await (dropping a database) starts it from here or leaves it to the
    /// throw-away server the tests run against.
    let cleanup: @Sendable () -> Void

    init(store: any QueueStore, reopen: @escaping @Sendable () async throws -> any QueueStore, cleanup: @escaping @Sendable () -> Void = {}) {
        self.store = store
        self.reopen = reopen
        self.cleanup = cleanup
    }

    deinit { cleanup() }
}

/// A queue with a supervisor, two CNCS reviewers and two administrators of different areas.
struct Fixture {
    let service: QueueService
    /// The store's files on disk, removed with the last copy of the fixture.
    let lease: StoreUnderTest
    static let start = Timestamp.parse("2026-11-23T10:00:00-06:00")!
    /// bcrypt at its lowest cost: the tests check behaviour, not the work factor.
    static let credentials = CredentialPolicy(bcryptCost: 4)

    init(_ factory: StoreFactory, policy: QueuePolicy = QueuePolicy(credentials: Fixture.credentials)) async throws {
        lease = try await factory.make()
        service = QueueService(store: lease.store, policy: policy)
        try await service.addUser(name: "sofia", role: .supervisor, area: nil, email: "sofia@ine.mx", by: nil, at: Self.start)
        try await service.addUser(name: "rosa", role: .cncs, area: nil, email: "rosa@ine.mx", by: "sofia", at: Self.start)
        try await service.addUser(name: "raul", role: .cncs, area: nil, email: nil, by: "sofia", at: Self.start)
        try await service.addUser(name: "ana", role: .admin, area: "DECEYEC", email: "ana@ine.mx", by: "sofia", at: Self.start)
        try await service.addUser(name: "beto", role: .admin, area: "DERFE", email: nil, by: "sofia", at: Self.start)
    }

    /// The same queue through another connection to its store (another process, another server).
    func secondInstance() async throws -> QueueService {
        QueueService(store: try await lease.reopen(), policy: service.policy)
    }

    func hours(_ h: Double) -> Date { Self.start.addingTimeInterval(h * 3600) }

    func submission(_ text: String = "¿Publicamos esto?\n", question: String = "¿Se puede?") -> Submission {
        Submission(
            draftPath: "borrador.md", draftBytes: Array(text.utf8), question: question,
            findings: [SubmittedFinding(rule: "discurso-odio", kind: "amenaza", severity: "consult", criterion: "6.xvii", message: "m", line: 1, column: 1, excerpt: "x")])
    }

    @discardableResult
    func submit(_ text: String = "¿Publicamos esto?\n", by user: String = "ana", at: Date = Fixture.start) async throws -> Consultation {
        try await service.submit(submission(text), by: user, at: at).consultation
    }

    func item(_ id: Int64) async throws -> Consultation { try await service.detail(of: id, as: "sofia").consultation }

    /// The whole log, as a supervisor reads it.
    func log() async throws -> [AuditEntry] { try await service.auditLog(of: nil, as: "sofia") }

    /// Puts a new consultation in `state` through legal transitions.
    func consultation(in state: ConsultationState) async throws -> Consultation {
        let item = try await submit("texto para \(state.rawValue)\n")
        func act(_ action: QueueAction, _ user: String = "rosa", comment: String? = nil) async throws {
            _ = try await service.perform(action, on: item.id, by: user, expectedVersion: nil, comment: comment, at: Self.start)
        }
        switch state {
        case .pending: break
        case .inReview: try await act(.claim)
        case .approved:
            try await act(.claim)
            try await act(.approve, comment: "sí")
        case .rejected:
            try await act(.claim)
            try await act(.reject, comment: "no")
        case .changesRequested:
            try await act(.claim)
            try await act(.requestChanges, comment: "cambia")
        case .withdrawn: try await act(.withdraw, "ana")
        case .expired: _ = try await service.tick(at: hours(49))
        }
        return try await self.item(item.id)
    }
}
