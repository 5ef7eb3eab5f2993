import CriterioQueue
import Foundation
import PostgresNIO
import Testing

@testable import CriterioQueuePostgres

/// What the PostgreSQL store adds to the contract every store keeps: its schema's versions, its
/// refusals, its errors in Spanish, and many connections at once.
@Suite("almacén PostgreSQL", .enabled(if: TestPostgres.wanted))
struct PostgresStoreTests {
    @Test func aSchemaNewerThanThisCriterioIsRefusedAndLeftAlone() async throws {
        let location = try await TestPostgres.freshDatabase()
        defer { Task { await TestPostgres.drop(location.database) } }
        _ = try await PostgresQueueStore.open(location, access: .create)
        try await TestPostgres.administer("INSERT INTO criterio_migration (version, name) VALUES (99, 'del futuro')", on: location)
        await #expect(throws: PostgresQueueError.newerSchema(location.description)) {
            _ = try await PostgresQueueStore.open(location, access: .readWrite)
        }
    }

    @Test func readingAnEmptyDatabaseCreatesNothing() async throws {
        let location = try await TestPostgres.freshDatabase()
        defer { Task { await TestPostgres.drop(location.database) } }
        await #expect(throws: PostgresQueueError.noSchema(location.description)) {
            _ = try await PostgresQueueStore.open(location, access: .readOnly)
        }
        // Nor does a writer, unless asked to create the queue there.
        await #expect(throws: PostgresQueueError.noSchema(location.description)) {
            _ = try await PostgresQueueStore.open(location, access: .readWrite)
        }
        _ = try await PostgresQueueStore.open(location, access: .create)
        _ = try await PostgresQueueStore.open(location, access: .readOnly)
    }

    @Test func manyProcessesOpeningANewDatabaseMigrateItOnce() async throws {
        let location = try await TestPostgres.freshDatabase()
        defer { Task { await TestPostgres.drop(location.database) } }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 1...6 { group.addTask { _ = try await PostgresQueueStore.open(location, access: .create, maximumConnections: 1) } }
            try await group.waitForAll()
        }
        let store = try await PostgresQueueStore.open(location, access: .readOnly)
        #expect(try await store.read { try await $0.users() }.isEmpty)
    }

    @Test func theAuditLogRefusesChangesThroughSQL() async throws {
        let fixture = try await Fixture(.postgres)
        let location = try #require((fixture.service.store as? PostgresQueueStore)?.location)
        for statement: PostgresQuery in ["UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log", "TRUNCATE audit_log"] {
            await #expect(throws: (any Error).self) { try await TestPostgres.administer(statement, on: location) }
        }
        #expect(try await fixture.log().count == 5)
        // Through the store, the trigger's own Spanish message reaches people.
        let error = await #expect(throws: PostgresQueueError.self) {
            try await fixture.service.store.write { tx in
                guard let tx = tx as? PostgresTransaction else { return }
                try await tx.rows("DELETE FROM audit_log WHERE sequence = 1")
            }
        }
        #expect(error?.description.contains("la bitácora solo admite agregar entradas") == true, "\(String(describing: error))")
    }

    /// Signals heard by a listener, in the order they came.
    actor Heard {
        private(set) var count = 0
        func add() { count += 1 }

        /// Waits up to 30 seconds for the `number`th signal; false when it never came.
        func reach(_ number: Int) async throws -> Bool {
            let clock = ContinuousClock()
            let limit = clock.now.advanced(by: .seconds(30))
            while count < number {
                if clock.now > limit { return false }
                try await Task.sleep(for: .milliseconds(20))
            }
            return true
        }
    }

    @Test func aMessageQueuedByAnotherProcessWakesTheListenersAndListeningSurvivesADroppedConnection() async throws {
        let location = try await TestPostgres.freshDatabase()
        defer { Task { await TestPostgres.drop(location.database) } }
        let listener = try await PostgresQueueStore.open(location, access: .create)
        let writer = try await PostgresQueueStore.open(location, access: .readWrite)
        let heard = Heard()
        let listening = Task { for await _ in listener.outboxSignals() { await heard.add() } }
        defer { listening.cancel() }
        #expect(try await heard.reach(1), "a signal as soon as it listens")
        let message = OutboxMessage(
            auditSequence: 1, channel: .webhook, audience: .cncs, recipients: [], subject: "aviso", body: "", payload: "{}", createdAt: Date())
        try await writer.write { try await $0.enqueue(message) }
        #expect(try await heard.reach(2), "the other store's commit is heard")
        // The listening connection dies (a server restart, a network cut): it listens again by itself.
        try await TestPostgres.administer(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'",
            on: location)
        #expect(try await heard.reach(3), "listening again announces itself, as messages may have been queued meanwhile")
        var second = message
        second.auditSequence = 2
        try await writer.write { try await $0.enqueue(second) }
        #expect(try await heard.reach(4), "and hears the next commit")
    }

    @Test func errorsNameTheDatabaseButNeverThePassword() async throws {
        let server = try TestPostgres.server()
        var wrong = server
        wrong.password = "no-es-esta-clave"
        let refused = await #expect(throws: PostgresQueueError.self) { _ = try await PostgresQueueStore.open(wrong, access: .readWrite) }
        #expect(refused == .authentication(server.description))
        #expect(refused?.description.contains("no-es-esta-clave") == false)
        #expect(!server.description.contains(server.password ?? "\u{0}"))
        var down = server
        down.port = 1
        let unreachable = await #expect(throws: PostgresQueueError.self) { _ = try await PostgresQueueStore.open(down, access: .readWrite) }
        #expect(unreachable == .unreachable(down.description))
        let unknown = server.with(database: "no_existe_" + UUID().uuidString.prefix(8).lowercased())
        await #expect(throws: PostgresQueueError.unknownDatabase(unknown.description)) {
            _ = try await PostgresQueueStore.open(unknown, access: .readWrite)
        }
    }
}

@Suite("direcciones de PostgreSQL")
struct PostgresLocationTests {
    @Test func aURLGivesServerUserDatabaseAndEncryption() throws {
        let location = try PostgresLocation.parse("postgres://cola:s%40creta@db.ine.mx:5433/criterio?sslmode=require", environment: [:])
        #expect(location == PostgresLocation(host: "db.ine.mx", port: 5433, user: "cola", password: "s@creta", database: "criterio", tls: .require))
        #expect(location.description == "postgres://cola@db.ine.mx:5433/criterio")
        let fromEnvironment = try PostgresLocation.parse("postgresql://cola@localhost/criterio", environment: ["PGPASSWORD": "otra"])
        #expect(fromEnvironment.password == "otra")
        #expect(fromEnvironment.port == 5432)
        #expect(fromEnvironment.tls == .prefer)
    }

    @Test(arguments: [
        ("postgres://cola:secreta@localhost", "falta el nombre de la base de datos"),
        ("postgres://cola:secreta@localhost/criterio?sslmode=a-veces", "sslmode=«a-veces» no se reconoce"),
        ("postgres://cola:secreta@localhost/criterio?modo=x", "parámetro desconocido «modo»"),
        ("postgres://", "no es válida"),
    ])
    func aBadURLIsExplainedWithoutItsPassword(url: String, message: String) {
        #expect {
            _ = try PostgresLocation.parse(url, environment: [:])
        } throws: { error in
            let text = "\(error)"
            return text.contains(message) && !text.contains("secreta")
        }
    }
}
