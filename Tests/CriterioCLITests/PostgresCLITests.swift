import Foundation
import Testing

/// Which store a CLI test runs against: SQLite always, PostgreSQL when the tests have a server.
enum CLIStore: String, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    static var all: [CLIStore] { TestPostgresServer.wanted ? [.sqlite, .postgres] : [.sqlite] }

    var testDescription: String { self == .sqlite ? "SQLite" : "PostgreSQL" }
}

/// The PostgreSQL server of `CRITERIO_TEST_POSTGRES_URL` (the throw-away cluster `scripts/test`
/// starts), reached with psql as an operator would. Required, and failing rather than skipping,
/// when `CRITERIO_REQUIRE_POSTGRES=1` or `CI` is set.
enum TestPostgresServer {
    static var environment: [String: String] { ProcessInfo.processInfo.environment }
    static var url: String? { environment["CRITERIO_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 } }
    static var required: Bool { environment["CRITERIO_REQUIRE_POSTGRES"] == "1" || !(environment["CI"] ?? "").isEmpty }
    static var wanted: Bool { url != nil || required }

    struct Missing: Error, CustomStringConvertible {
        var description: String {
            "se exigen las pruebas de PostgreSQL pero falta CRITERIO_TEST_POSTGRES_URL; ejecútalas con scripts/test o indica un servidor"
        }
    }

    static func server() throws -> String {
        guard let url else { throw Missing() }
        return url
    }

    /// The server's URL with another database (the query string kept).
    static func url(database: String) throws -> String {
        var components = try #require(URLComponents(string: try server()))
        components.path = "/" + database
        return try #require(components.string)
    }

    /// The server's URL with another password.
    static func url(password: String) throws -> String {
        var components = try #require(URLComponents(string: try server()))
        components.password = password
        return try #require(components.string)
    }

    /// Runs SQL with psql (stopping at the first error).
    @discardableResult
    static func psql(_ url: String, _ statements: String) throws -> CLIResult {
        try Shell.run("/usr/bin/env", ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", url, "-c", statements])
    }

    /// A new empty database; returns its URL.
    static func createDatabase() throws -> String {
        let name = "criterio_cli_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let created = try psql(try server(), "CREATE DATABASE \(name)")
        guard created.status == 0 else { throw Missing() }
        return try url(database: name)
    }

    static func dropDatabase(_ url: String) {
        guard let name = URLComponents(string: url)?.path.dropFirst(), let server = try? server() else { return }
        _ = try? psql(server, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }
}

/// What only PostgreSQL has: its triggers, its server and its password, and several processes at
/// once on one server.
@Suite("criterio con PostgreSQL")
struct PostgresCLITests {
    @Test(.enabled(if: TestPostgresServer.wanted))
    func editingOrDeletingAuditRowsIsDetectedEvenWithoutTheTriggers() throws {
        let q = try QueueScratch(store: .postgres)
        let id = try q.submit()
        try q.run(["queue", "claim", String(id), "--as", "rosa"]).expectSuccess()
        try q.run(["queue", "approve", String(id), "--comment", "sí", "--as", "rosa"]).expectSuccess()
        try q.run(["audit", "verify", "--as", "sofia"]).expectSuccess()
        let blocked = try q.sql("UPDATE audit_log SET actor = 'raul' WHERE sequence = 6")
        #expect(blocked.status != 0)
        #expect(blocked.stderr.contains("solo admite agregar"), "\(blocked.output)")
        #expect(try q.sql("DELETE FROM audit_log WHERE sequence = 5").status != 0)
        #expect(try q.sql("TRUNCATE audit_log").status != 0)
        try q.sql("DROP TRIGGER audit_log_append_only ON audit_log; DROP TRIGGER audit_log_no_truncate ON audit_log").expectSuccess()
        try q.sql("UPDATE audit_log SET actor = 'raul' WHERE sequence = 6").expectSuccess()
        let altered = try q.run(["audit", "verify", "--as", "sofia"])
        #expect(altered.status == 1)
        #expect(altered.stderr.contains("la entrada 6 fue alterada"), "\(altered.output)")
        try q.sql("UPDATE audit_log SET actor = 'rosa' WHERE sequence = 6").expectSuccess()
        try q.run(["audit", "verify", "--as", "sofia"]).expectSuccess()
        try q.sql("DELETE FROM audit_log WHERE sequence = 5").expectSuccess()
        let removed = try q.run(["audit", "verify", "--as", "sofia"])
        #expect(removed.status == 1)
        #expect(removed.stderr.contains("falta la entrada 5"), "\(removed.output)")
    }

    @Test(.enabled(if: TestPostgresServer.wanted))
    func fourTicksAtOnceExpireEachItemOnce() throws {
        let q = try QueueScratch(store: .postgres)
        var ids: [Int] = []
        for number in 1...5 {
            try q.scratch.write("borrador\(number).md", QueueScratch.doubtful + "Versión \(number).\n")
            let result = try q.run(["consult", "submit", "borrador\(number).md", "--question", "¿Se puede?", "--as", "ana"])
            result.expectSuccess()
            ids.append(result.stdout.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0)
        }
        q.now = "2026-11-26T10:00:00-06:00"
        let ticks = try (1...4).map { _ in try CLI.start(["queue", "tick", "--as", "rosa"], in: q.url, environment: q.environment) }
        let results = ticks.map { $0.wait() }
        for result in results { result.expectSuccess() }
        let expired = results.map { result in
            // "Vencidas: N · reclamos liberados: …"
            result.stdout.components(separatedBy: "Vencidas: ").dropFirst().first?.split(separator: " ").first.flatMap { Int($0) } ?? -1
        }
        #expect(expired.reduce(0, +) == 5, "\(results.map(\.output))")
        let log = try q.json(["audit", "log", "--format", "json", "--as", "sofia"]) as? [[String: Any]] ?? []
        for id in ids {
            #expect(log.filter { $0["event"] as? String == "expired" && $0["consultation"] as? Int == id }.count == 1, "\(id)")
            #expect(try q.item(id)["state"] as? String == "expired")
        }
        try q.run(["audit", "verify", "--as", "sofia"]).expectSuccess()
    }

    @Test(.enabled(if: TestPostgresServer.wanted))
    func aServerThatCannotBeUsedIsExplainedInSpanish() throws {
        let scratch = try Scratch()
        let server = try TestPostgresServer.server()
        let components = try #require(URLComponents(string: server))
        let password = try #require(components.password)
        func attempt(_ url: String, extra: [String: String] = [:]) throws -> CLIResult {
            try CLI.run(["queue", "list", "--as", "sofia"], in: scratch.url, environment: ["CRITERIO_DATABASE_URL": url].merging(extra) { $1 })
        }
        // Nothing listens on port 1.
        var down = components
        down.port = 1
        let refused = try attempt(try #require(down.string))
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("no se pudo conectar con el servidor PostgreSQL"), "\(refused.output)")
        let wrong = try attempt(try TestPostgresServer.url(password: "equivocada"))
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("rechazó el usuario o la contraseña"), "\(wrong.output)")
        #expect(!wrong.output.contains("equivocada"))
        let unknown = try attempt(try TestPostgresServer.url(database: "no_existe_esta"))
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no existe la base de datos"), "\(unknown.output)")
        #expect(!unknown.output.contains(password))
        // A database of something else is refused and left as it was.
        let foreign = try TestPostgresServer.createDatabase()
        defer { TestPostgresServer.dropDatabase(foreign) }
        try TestPostgresServer.psql(foreign, "CREATE TABLE nomina (id INT); INSERT INTO nomina VALUES (1)").expectSuccess()
        let refusedForeign = try attempt(foreign)
        #expect(refusedForeign.status == 2)
        #expect(refusedForeign.stderr.contains("tablas que no son de Criterio"), "\(refusedForeign.output)")
        #expect(try TestPostgresServer.psql(foreign, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").stdout.contains("1"))
        // The password may come from PGPASSWORD instead of the URL.
        let database = try TestPostgresServer.createDatabase()
        defer { TestPostgresServer.dropDatabase(database) }
        var fresh = try #require(URLComponents(string: database))
        fresh.password = nil
        let added = try CLI.run(
            ["users", "add", "sofia", "--role", "supervisor", "--create"], in: scratch.url,
            environment: ["CRITERIO_DATABASE_URL": try #require(fresh.string), "PGPASSWORD": password])
        added.expectSuccess()
        #expect(!added.output.contains(password))
    }
}

@Suite("criterio queue migrate")
struct QueueMigrateTests {
    /// The last hash `audit verify` prints ("…; última huella H").
    static func lastHash(_ result: CLIResult) -> String? {
        result.output.components(separatedBy: "última huella ").dropFirst().first?.prefix(64).description
    }

    @Test(.enabled(if: TestPostgresServer.wanted))
    func aSQLiteQueueMovesToPostgresAndKeepsWorking() throws {
        let q = try QueueScratch()
        let id = try q.submit()
        try q.run(["queue", "claim", String(id), "--as", "rosa"]).expectSuccess()
        try q.run(["queue", "approve", String(id), "--comment", "Se entiende en sentido figurado.", "--as", "rosa"]).expectSuccess()
        try q.run(["users", "passwd", "rosa", "--as", "sofia"], stdin: "una clave bastante larga\n").expectSuccess()
        try q.run(["users", "token", "ana", "--label", "ci", "--as", "ana"]).expectSuccess()
        let source = try q.run(["audit", "verify", "--as", "sofia"])
        source.expectSuccess()
        let sourceHash = try #require(Self.lastHash(source))
        let sourceList = try q.run(["queue", "list", "--status", "approved", "--format", "json", "--as", "sofia"]).stdout
        let sourceLog = try q.run(["audit", "export", "--as", "sofia"]).stdout

        let target = try TestPostgresServer.createDatabase()
        defer { TestPostgresServer.dropDatabase(target) }
        let migrated = try q.run(["queue", "migrate", "--to", target, "--as", "sofia"])
        migrated.expectSuccess()
        #expect(migrated.stdout.contains("última huella \(sourceHash), igual a la del origen"), "\(migrated.output)")
        #expect(migrated.stdout.contains("4 usuarios, 1 fichas de API, 1 consultas"), "\(migrated.output)")
        let password = try #require(URLComponents(string: target)?.password)
        #expect(!migrated.output.contains(password), "the password is never printed")

        // The same commands on the new database.
        let onPostgres = ["CRITERIO_DATABASE_URL": target]
        let verify = try q.run(["audit", "verify", "--as", "sofia"], extra: onPostgres)
        verify.expectSuccess()
        #expect(Self.lastHash(verify) == sourceHash)
        #expect(try q.run(["queue", "list", "--status", "approved", "--format", "json", "--as", "sofia"], extra: onPostgres).stdout == sourceList)
        #expect(try q.run(["audit", "export", "--as", "sofia"], extra: onPostgres).stdout == sourceLog)
        let lint = try q.run(["lint", "borrador.md"], extra: onPostgres)
        #expect(lint.status == 0, "\(lint.output)")
        #expect(lint.stderr.contains("consulta \(id) aprobada por rosa"))
        #expect(try q.run(["users", "token", "ana", "--list", "--as", "ana"], extra: onPostgres).stdout.contains("ci"))
        #expect(try TestPostgresServer.psql(target, "SELECT password_hash FROM queue_user WHERE name = 'rosa'").stdout.contains("$2"))
        // New items continue the numbering and the chain.
        try q.scratch.write("otro.md", QueueScratch.doubtful + "Otra versión.\n")
        let next = try q.run(["consult", "submit", "otro.md", "--question", "¿Y esta?", "--as", "ana"], extra: onPostgres)
        next.expectSuccess()
        #expect(next.stdout.hasPrefix("Consulta \(id + 1) "), "\(next.output)")
        try q.run(["audit", "verify", "--as", "sofia"], extra: onPostgres).expectSuccess()

        // A target that already holds a queue is refused, untouched.
        let again = try q.run(["queue", "migrate", "--to", target, "--as", "sofia"])
        #expect(again.status == 2)
        #expect(again.stderr.contains("ya tiene una cola de Criterio"), "\(again.output)")
        try q.run(["audit", "verify", "--as", "sofia"], extra: onPostgres).expectSuccess()
    }
}

/// A PostgreSQL server of one test's own (`scripts/throwaway-postgres.sh`), for the faults that
/// would disturb the other tests: stopping and restarting it.
final class PrivateServer {
    let url: String
    let data: String

    init() throws {
        let script = CLI.root.appendingPathComponent("scripts/throwaway-postgres.sh").path
        let started = try Shell.run("/usr/bin/env", ["bash", script, "start"])
        guard started.status == 0 else { throw TestPostgresServer.Missing() }
        var values: [String: String] = [:]
        for line in started.stdout.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { values[parts[0]] = parts[1] }
        }
        url = try #require(values["CRITERIO_TEST_POSTGRES_URL"])
        data = try #require(values["CRITERIO_TEST_POSTGRES_DATA"])
    }

    /// `halt`, `resume` or `restart` the server, through the script: without a clean shut-down
    /// (as a crash or a power cut), and without the server inheriting this process's pipes.
    @discardableResult
    func pgctl(_ action: String) throws -> CLIResult {
        try Shell.run("/usr/bin/env", ["bash", CLI.root.appendingPathComponent("scripts/throwaway-postgres.sh").path, action, data])
    }

    deinit {
        _ = try? Shell.run("/usr/bin/env", ["bash", CLI.root.appendingPathComponent("scripts/throwaway-postgres.sh").path, "stop", data])
    }
}

@Suite("criterio cuando PostgreSQL falla")
struct PostgresFaultTests {
    @Test(.enabled(if: TestPostgresServer.wanted))
    func aServerThatGoesAwayIsExplainedAndNothingIsLost() throws {
        let server = try PrivateServer()
        let q = try QueueScratch(store: .postgres, database: server.url)
        let id = try q.submit()
        // Down: a Spanish error, exit 2.
        try #require(try server.pgctl("halt").status == 0)
        let down = try q.run(["queue", "comment", String(id), "--comment", "sin servidor", "--as", "ana"])
        #expect(down.status == 2, "\(down.output)")
        #expect(down.stderr.contains("no se pudo conectar con el servidor PostgreSQL"), "\(down.output)")
        try #require(try server.pgctl("resume").status == 0)
        try q.run(["queue", "comment", String(id), "--comment", "de vuelta", "--as", "ana"]).expectSuccess()

        // Restarted while commands run, one after another: each either commits or fails in
        // Spanish, and nothing that succeeded is lost.
        let loop = """
            for i in $(seq 1 30); do
              "$CRITERIO" queue comment \(id) --comment "comentario $i" --as ana >/dev/null 2>"error-$i.txt"
              echo "$i $?" >> estados.txt
            done
            """
        let writer = try ProcessRunner.start(
            URL(fileURLWithPath: "/usr/bin/env"), ["bash", "-c", loop], in: q.url,
            environment: CLI.processEnvironment(q.environment.merging(["CRITERIO": CLI.binary.path]) { $1 }))
        Thread.sleep(forTimeInterval: 0.3)
        try #require(try server.pgctl("restart").status == 0)
        writer.closeInput()
        _ = writer.wait()
        let statuses = String(decoding: q.fileDigest(q.url.appendingPathComponent("estados.txt").path) ?? Data(), as: UTF8.self)
            .split(separator: "\n").map { $0.split(separator: " ").compactMap { Int($0) } }
        #expect(statuses.count == 30)
        let log = try q.json(["audit", "log", String(id), "--format", "json", "--as", "sofia"]) as? [[String: Any]] ?? []
        let logged = log.compactMap { $0["event"] as? String == "commented" ? $0["reason"] as? String : nil }
        for status in statuses where status.count == 2 {
            let (number, code) = (status[0], status[1])
            if code == 0 {
                #expect(logged.filter { $0 == "comentario \(number)" }.count == 1, "comentario \(number): \(logged)")
            } else {
                let error = String(decoding: q.fileDigest(q.url.appendingPathComponent("error-\(number).txt").path) ?? Data(), as: UTF8.self)
                #expect(code == 2, "\(error)")
                #expect(error.contains("PostgreSQL"), "\(error)")
                #expect(logged.filter { $0 == "comentario \(number)" }.count <= 1)
            }
        }
        try q.run(["audit", "verify", "--as", "sofia"]).expectSuccess()
        try q.run(["queue", "comment", String(id), "--comment", "después", "--as", "ana"]).expectSuccess()
    }
}
