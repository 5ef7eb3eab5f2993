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
