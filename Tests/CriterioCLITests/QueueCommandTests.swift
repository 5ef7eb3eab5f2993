import Foundation
import Testing

/// A scratch folder with a queue database, its users and a draft that needs a consultation.
final class QueueScratch {
    let scratch: Scratch
    var url: URL { scratch.url }
    let store: CLIStore
    /// The SQLite file, or the URL of a new PostgreSQL database (dropped with the scratch).
    let database: String
    var now = "2026-11-23T10:00:00-06:00"

    static let doubtful = "---\nmedia: [foto.png]\n---\nLa asamblea acordó el linchamiento del proyecto de ley.\n"

    /// - Parameter database: a PostgreSQL database to use as it is (else a new one is made).
    init(config: String? = nil, store: CLIStore = .sqlite, database given: String? = nil) throws {
        scratch = try Scratch()
        self.store = store
        database = switch store {
        case .sqlite: scratch.url.appendingPathComponent("cola.sqlite").path
        case .postgres: try given ?? TestPostgresServer.createDatabase()
        }
        ownsDatabase = given == nil
        try scratch.write("foto.png", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        try scratch.write("borrador.md", Self.doubtful)
        try scratch.write(".criterio.yml", Self.withFixedClock(config))
        try run(["users", "add", "sofia", "--role", "supervisor", "--email", "sofia@ine.mx", "--create"]).expectSuccess()
        try run(["users", "add", "ana", "--role", "admin", "--area", "DECEYEC", "--email", "ana@ine.mx", "--as", "sofia"]).expectSuccess()
        try run(["users", "add", "rosa", "--role", "cncs", "--email", "rosa@ine.mx", "--as", "sofia"]).expectSuccess()
        try run(["users", "add", "raul", "--role", "cncs", "--as", "sofia"]).expectSuccess()
    }

    private let ownsDatabase: Bool

    deinit {
        if store == .postgres && ownsDatabase { TestPostgresServer.dropDatabase(database) }
    }

    /// `config` with `queue.fixed_clock: true`: the tests fix the time with `CRITERIO_NOW`.
    static func withFixedClock(_ config: String?) -> String {
        guard let config, config.contains("queue:\n") else { return (config ?? "") + "queue:\n  fixed_clock: true\n" }
        return config.replacingOccurrences(of: "queue:\n", with: "queue:\n  fixed_clock: true\n")
    }

    var environment: [String: String] { ["CRITERIO_DATABASE_URL": database, "CRITERIO_NOW": now, "CRITERIO_USER": ""] }

    @discardableResult
    func run(_ arguments: [String], stdin: String? = nil, extra: [String: String] = [:]) throws -> CLIResult {
        try CLI.run(arguments, stdin: stdin, in: url, environment: environment.merging(extra) { $1 })
    }

    /// Submits borrador.md as ana and returns the consultation's number.
    func submit() throws -> Int {
        let result = try run(["consult", "submit", "borrador.md", "--question", "¿Podemos publicar «linchamiento» en sentido figurado?", "--as", "ana"])
        result.expectSuccess()
        // "Consulta N enviada a la CNCS …"
        return result.stdout.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
    }

    func json(_ arguments: [String]) throws -> Any {
        let result = try run(arguments)
        result.expectSuccess()
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    func item(_ id: Int) throws -> [String: Any] {
        let detail = try json(["queue", "show", String(id), "--format", "json", "--as", "sofia"]) as? [String: Any]
        return detail?["consultation"] as? [String: Any] ?? [:]
    }

    /// Runs SQL against the database as someone with access to it would: Python's sqlite3 module on
    /// the file, psql on a PostgreSQL database.
    @discardableResult
    func sql(_ statements: String) throws -> CLIResult {
        if store == .postgres { return try TestPostgresServer.psql(database, statements) }
        let script = "import sqlite3, sys\nc = sqlite3.connect(sys.argv[1])\nc.executescript(sys.argv[2])\nc.commit()\n"
        return try Shell.run("/usr/bin/env", ["python3", "-c", script, database, statements])
    }

    func fileDigest(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    /// Runs `body` while the database cannot be written: a read-only file in a read-only folder, or
    /// for root (whom permissions do not stop) an immutable file.
    func readOnly<T>(_ body: () throws -> T) throws -> T {
        let immutable = getuid() == 0
        if immutable {
            try #require(try Shell.run("/usr/bin/env", ["chattr", "+i", database]).status == 0, "chattr +i is needed when running as root")
        } else {
            chmod(database, 0o444)
            chmod(url.path, 0o555)
        }
        defer {
            if immutable {
                _ = try? Shell.run("/usr/bin/env", ["chattr", "-i", database])
            } else {
                chmod(url.path, 0o755)
                chmod(database, 0o644)
            }
        }
        return try body()
    }
}

extension CLIResult {
    func expectSuccess(sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(status == 0, "\(output)", sourceLocation: sourceLocation)
    }
}

/// Runs any program (python3, chattr) for the tests' set-up.
enum Shell {
    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) throws -> CLIResult {
        try ProcessRunner.run(URL(fileURLWithPath: executable), arguments)
    }
}

@Suite("criterio consult / queue / audit / users")
struct QueueCommandTests {
    @Test(arguments: CLIStore.all)
    func submitClaimApproveThenLintAcceptsTheExactText(_ store: CLIStore) throws {
        let q = try QueueScratch(store: store)
        let before = try q.run(["lint", "borrador.md"])
        #expect(before.status == 3, "\(before.output)")
        #expect(before.stderr.contains("criterio consult submit borrador.md"))
        let id = try q.submit()
        let pending = try q.run(["lint", "borrador.md"])
        #expect(pending.status == 3)
        #expect(pending.stderr.contains("consulta \(id) pendiente; vence el 25/11 a las 10:00"), "\(pending.stderr)")
        try q.run(["queue", "claim", String(id), "--as", "rosa"]).expectSuccess()
        try q.run(["queue", "approve", String(id), "--comment", "Se entiende en sentido figurado.", "--as", "rosa"]).expectSuccess()
        let approved = try q.run(["lint", "borrador.md"])
        #expect(approved.status == 0, "\(approved.output)")
        #expect(approved.stderr.contains("consulta \(id) aprobada por rosa"))
        // One more character and the approval no longer covers the text.
        try q.scratch.write("borrador.md", QueueScratch.doubtful + " ")
        #expect(try q.run(["lint", "borrador.md"]).status == 3)
        let status = try q.run(["consult", "status", String(id), "--as", "ana"])
        #expect(status.stdout.contains("Se entiende en sentido figurado."))
        let item = try q.item(id)
        #expect(item["state"] as? String == "approved")
        #expect((item["decision"] as? [String: Any])?["reviewer"] as? String == "rosa")
    }

    /// `consult submit` lints with the same `.criterio.yml` as `lint`: a finding of a rule the file
    /// turns off is not sent to CNCS.
    @Test(arguments: [nil, "rules:\n  sin-multimedia: false\n"])
    func aSubmissionCarriesOnlyTheFindingsTheConfigurationKeeps(config: String?) throws {
        let q = try QueueScratch(config: config)
        try q.scratch.write("sin-foto.md", "La asamblea acordó el linchamiento del proyecto de ley.\n")
        let lint = try q.run(["lint", "--format", "json", "sin-foto.md"])
        let submit = try q.run(["consult", "submit", "sin-foto.md", "--question", "¿Se puede?", "--as", "ana"])
        submit.expectSuccess()
        let detail = try q.json(["queue", "show", "1", "--format", "json", "--as", "sofia"]) as? [String: Any]
        let revision = (detail?["revisions"] as? [[String: Any]])?.first
        let sent = (revision?["findings"] as? [[String: Any]])?.compactMap { $0["rule"] as? String } ?? []
        if config == nil {
            #expect(sent.sorted() == ["discurso-odio", "sin-multimedia"], "\(sent)")
            #expect(submit.stdout.contains("(2 hallazgos, 1 de consulta)"), "\(submit.stdout)")
        } else {
            #expect(sent == ["discurso-odio"], "\(sent)")
            #expect(!lint.stdout.contains("sin-multimedia"), "lint drops it too")
            #expect(submit.stdout.contains("(1 hallazgo, 1 de consulta)"), "\(submit.stdout)")
        }
        // `consult status DRAFT` finds the consultation of that exact text under the same configuration.
        let status = try q.run(["consult", "status", "sin-foto.md", "--format", "json", "--as", "ana"])
        status.expectSuccess()
        #expect(((try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])?["consultation"] as? [String: Any])?["id"] as? Int == 1)
    }

    @Test(arguments: CLIStore.all)
    func anItemWithNoAnswerExpiresAndIsNotApproved(_ store: CLIStore) throws {
        let q = try QueueScratch(store: store)
        let id = try q.submit()
        q.now = "2026-11-25T09:59:00-06:00"
        #expect(try q.run(["queue", "tick", "--as", "rosa"]).stdout.contains("Vencidas: 0"))
        #expect((try q.json(["queue", "list", "--overdue", "--format", "json", "--as", "rosa"]) as? [Any])?.isEmpty == true)
        q.now = "2026-11-25T10:00:00-06:00"
        let overdue = try q.json(["queue", "list", "--overdue", "--format", "json", "--as", "rosa"]) as? [[String: Any]]
        #expect(overdue?.map { $0["id"] as? Int } == [id])
        #expect(overdue?.first?["overdue"] as? Bool == true)
        let tick = try q.run(["queue", "tick", "--as", "rosa"])
        #expect(tick.stdout.contains("Vencidas: 1"), "\(tick.output)")
        #expect(try q.run(["queue", "tick", "--as", "rosa"]).stdout.contains("Vencidas: 0"), "tick is idempotent")
        let lint = try q.run(["lint", "borrador.md"])
        #expect(lint.status == 3)
        #expect(lint.stderr.contains("vencida"))
        let status = try q.run(["consult", "status", String(id), "--as", "ana"])
        #expect(status.stdout.contains("INETEL") && status.stdout.contains("Plataforma Nacional de Transparencia"))
        let json = try q.json(["consult", "status", String(id), "--format", "json", "--as", "ana"]) as? [String: Any]
        let consultation = json?["consultation"] as? [String: Any]
        #expect(consultation?["state"] as? String == "expired")
        #expect((consultation?["fallback"] as? String)?.contains("INETEL") == true)
    }

    @Test(arguments: CLIStore.all)
    func rolesAreCheckedOnEveryCommand(_ store: CLIStore) throws {
        let q = try QueueScratch(store: store)
        let id = try q.submit()
        let admin = try q.run(["queue", "claim", String(id), "--as", "ana"])
        #expect(admin.status == 1)
        #expect(admin.stderr.contains("no puede reclamar"))
        let nobody = try q.run(["queue", "list"])
        #expect(nobody.status == 2)
        #expect(nobody.stderr.contains("--as"))
        let unknown = try q.run(["queue", "list", "--as", "pepe"])
        #expect(unknown.stderr.contains("no existe el usuario «pepe»"))
        let reopen = try q.run(["queue", "reopen", String(id), "--reason", "x", "--as", "rosa"])
        #expect(reopen.status == 1)
        let addUser = try q.run(["users", "add", "eva", "--role", "cncs", "--as", "rosa"])
        #expect(addUser.status == 1)
        #expect(addUser.stderr.contains("solo una supervisora"))
        let noComment = try q.run(["queue", "approve", String(id), "--comment", " ", "--as", "rosa"])
        #expect(noComment.status == 2)
    }

    @Test(arguments: CLIStore.all)
    func manyProcessesClaimingAtOnceHaveExactlyOneWinner(_ store: CLIStore) throws {
        let q = try QueueScratch(store: store)
        let id = try q.submit()
        let reviewers = (1...8).map { "revisora\($0)" }
        for name in reviewers { try q.run(["users", "add", name, "--role", "cncs", "--as", "sofia"]).expectSuccess() }
        let processes = try reviewers.map { name in
            try CLI.start(["queue", "claim", String(id), "--as", name], in: q.url, environment: q.environment)
        }
        let results = processes.map { $0.wait() }
        let winners = results.filter { $0.status == 0 }
        #expect(winners.count == 1, "\(results.map(\.output))")
        for loser in results where loser.status != 0 {
            #expect(loser.status == 1, "\(loser.output)")
            #expect(
                loser.stderr.contains("ya está en revisión") || loser.stderr.contains("cambió desde la versión"), "\(loser.stderr)")
        }
        let log = try q.json(["audit", "log", String(id), "--format", "json", "--as", "sofia"]) as? [[String: Any]] ?? []
        #expect(log.filter { $0["event"] as? String == "claimed" }.count == 1)
        // People read the log in Spanish; JSON keeps the stable event names.
        let text = try q.run(["audit", "log", String(id), "--as", "sofia"]).stdout
        #expect(text.contains(": envió #\(id)") && text.contains(": reclamó #\(id)"), "\(text)")
        #expect(!text.contains("claimed"))
        try q.run(["audit", "verify", "--as", "sofia"]).expectSuccess()
    }

    @Test(arguments: CLIStore.all)
    func aProcessKilledMidTransitionLeavesTheItemAndLogConsistent(_ store: CLIStore) throws {
        let q = try QueueScratch(store: store)
        let id = try q.submit()
        try q.run(["queue", "claim", String(id), "--as", "rosa"]).expectSuccess()
        let before = try q.item(id)
        let exportBefore = try q.run(["audit", "export", "--as", "sofia"]).stdout
        let killed = try q.run(["queue", "approve", String(id), "--comment", "sí", "--as", "rosa"], extra: ["CRITERIO_TEST_FAULT": "kill-before-commit"])
        #expect(killed.status == 9, "killed by SIGKILL: \(killed.output)")
        let after = try q.item(id)
        #expect(after["state"] as? String == "in_review")
        #expect(after["version"] as? Int == before["version"] as? Int)
        #expect(try q.run(["audit", "export", "--as", "sofia"]).stdout == exportBefore, "no half-written log entry")
        try q.run(["audit", "verify", "--as", "sofia"]).expectSuccess()
        // The reviewer simply tries again.
        try q.run(["queue", "approve", String(id), "--comment", "sí", "--as", "rosa"]).expectSuccess()
        #expect(try q.item(id)["state"] as? String == "approved")
    }

    @Test(arguments: CLIStore.all)
    func notificationsAreSentAfterCommitExactlyOnce(_ store: CLIStore) throws {
        let q = try QueueScratch(config: """
            queue:
              notifications:
                email: { command: "cat >> correos.txt; echo '=====' >> correos.txt", from: criterio@ine.mx, cncs: [cncs@ine.mx] }
                webhook: { url: "http://127.0.0.1:9/criterio", command: ./webhook.sh }
            """, store: store)
        try q.scratch.write("webhook.sh", "#!/bin/sh\ncat >> webhook.jsonl\necho >> webhook.jsonl\necho \"$@\" >> webhook-args.txt\n")
        chmod(q.url.appendingPathComponent("webhook.sh").path, 0o755)
        let id = try q.submit()
        var mails = String(decoding: q.fileDigest(q.url.appendingPathComponent("correos.txt").path) ?? Data(), as: UTF8.self)
        #expect(mails.contains("To: cncs@ine.mx, rosa@ine.mx"), "\(mails)")
        #expect(MailHeader.subjects(in: mails) == ["[Criterio] Nueva consulta \(id) (DECEYEC)"], "\(mails)")
        try q.run(["queue", "claim", String(id), "--as", "rosa"]).expectSuccess()
        // Killed after the commit, before delivering: the outbox keeps the message for the next command.
        let killed = try q.run(["queue", "approve", String(id), "--comment", "Adelante.", "--as", "rosa"], extra: ["CRITERIO_TEST_FAULT": "kill-after-commit"])
        #expect(killed.status == 9)
        #expect(try q.item(id)["state"] as? String == "approved")
        mails = String(decoding: q.fileDigest(q.url.appendingPathComponent("correos.txt").path) ?? Data(), as: UTF8.self)
        #expect(!mails.contains("To: ana@ine.mx"))
        try q.run(["queue", "tick", "--as", "rosa"]).expectSuccess()
        try q.run(["queue", "tick", "--as", "rosa"]).expectSuccess()
        mails = String(decoding: q.fileDigest(q.url.appendingPathComponent("correos.txt").path) ?? Data(), as: UTF8.self)
        #expect(mails.components(separatedBy: "To: ana@ine.mx").count == 2, "the submitter hears the outcome once: \(mails)")
        #expect(mails.contains("Adelante."))
        // A subject with accents travels encoded (RFC 2047) and says what happened.
        #expect(mails.contains("Subject: =?UTF-8?B?"))
        #expect(MailHeader.subjects(in: mails).last == "[Criterio] La CNCS aprobó la consulta \(id)", "\(mails)")
        let hooks = String(decoding: q.fileDigest(q.url.appendingPathComponent("webhook.jsonl").path) ?? Data(), as: UTF8.self)
            .split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(hooks.map { $0["event"] as? String } == ["submitted", "approved"])
        let args = String(decoding: q.fileDigest(q.url.appendingPathComponent("webhook-args.txt").path) ?? Data(), as: UTF8.self)
        #expect(args.contains("Idempotency-Key: criterio-evento-") && args.contains("http://127.0.0.1:9/criterio"))
    }

    /// The webhook through the real `curl`, to a server on the loopback interface that answers once.
    @Test func theWebhookPostsJSONWithCurl() throws {
        let q = try QueueScratch()
        let script = """
            import http.server, json, sys
            class Hook(http.server.BaseHTTPRequestHandler):
                def do_POST(self):
                    body = self.rfile.read(int(self.headers['Content-Length']))
                    with open(sys.argv[1], 'w') as f:
                        json.dump({'path': self.path, 'key': self.headers['Idempotency-Key'], 'type': self.headers['Content-Type'], 'body': json.loads(body)}, f)
                    self.send_response(204)
                    self.end_headers()
                def log_message(self, *args): pass
            s = http.server.HTTPServer(('127.0.0.1', 0), Hook)
            print(s.server_address[1], flush=True)
            s.handle_request()
            """
        let received = q.url.appendingPathComponent("recibido.json").path
        let server = try ProcessRunner.start(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, received])
        defer { server.terminate() }
        let port = try #require(server.readLine(), "the server prints its port when it listens")
        try q.scratch.write(".criterio.yml", QueueScratch.withFixedClock("queue:\n  notifications:\n    webhook: { url: \"http://127.0.0.1:\(port)/criterio\", timeout_seconds: 10 }\n"))
        let id = try q.submit()
        // The server writes the request before it answers, so it is on disk once curl (and submit) returned.
        let document = try #require(try JSONSerialization.jsonObject(with: try Data(contentsOf: URL(fileURLWithPath: received))) as? [String: Any])
        #expect(document["path"] as? String == "/criterio")
        #expect(document["type"] as? String == "application/json")
        #expect((document["key"] as? String)?.hasPrefix("criterio-evento-") == true)
        let body = try #require(document["body"] as? [String: Any])
        #expect(body["event"] as? String == "submitted")
        #expect(body["audience"] as? String == "cncs")
        #expect((body["consultation"] as? [String: Any])?["id"] as? Int == id)
    }

    @Test func theBusinessHoursClockAndItsHolidayTableComeFromTheConfiguration() throws {
        let q = try QueueScratch(config: "queue:\n  clock: business-hours\n  holidays: [2026-10-12]\n")
        q.now = "2026-10-09T17:00:00-06:00"  // viernes
        let id = try q.submit()
        // 1 h on Friday, Monday 12 is a holiday, 36 h from Tuesday to Friday, 9 h on Monday 19, 2 h on Tuesday 20.
        #expect(try q.item(id)["due_at"] as? String == "2026-10-20T17:00:00.000Z")
        let list = try q.run(["queue", "list", "--as", "rosa"])
        #expect(list.stdout.contains("vence 20/10/2026 11:00 (faltan 48 h hábiles)"), "\(list.stdout)")
        try q.scratch.write(".criterio.yml", QueueScratch.withFixedClock("queue:\n  clock: business-hours\n  holidays: []\n  electoral_periods: [{name: PEF, start: 2026-10-10, end: 2026-10-11}]\n"))
        q.now = "2026-10-09T17:00:00-06:00"
        try q.scratch.write("borrador.md", QueueScratch.doubtful + "Segunda versión.\n")
        let second = try q.submit()
        // During the electoral process the weekend counts whole: 1 h on Friday, 24 h on Saturday, 23 h on Sunday.
        #expect(try q.item(second)["due_at"] as? String == "2026-10-12T05:00:00.000Z")
    }

    @Test func aFailedDeliveryIsReportedButTheTransitionStands() throws {
        let q = try QueueScratch(config: "queue:\n  notifications:\n    email: { command: \"echo sin servidor de correo >&2; exit 75\", cncs: [cncs@ine.mx] }\n")
        let result = try q.run(["consult", "submit", "borrador.md", "--question", "¿Se puede?", "--as", "ana"])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.stderr.contains("aviso: no se pudo enviar el correo del evento 5"), "\(result.stderr)")
        #expect(result.stderr.contains("sin servidor de correo"))
        #expect(try q.item(1)["state"] as? String == "pending")
    }

    @Test func aBadQueueConfigurationIsExplained() throws {
        let q = try QueueScratch()
        try q.scratch.write(".criterio.yml", "queue:\n  clock: lunar\n")
        let result = try q.run(["queue", "list", "--as", "rosa"])
        #expect(result.status == 2)
        #expect(result.stderr.contains(".criterio.yml:2: queue.clock"), "\(result.stderr)")
        try q.scratch.write(".criterio.yml", "queue:\n  lease_minutes: 0\n")
        #expect(try q.run(["queue", "list", "--as", "rosa"]).stderr.contains("queue.lease_minutes: debe estar entre 1 y 10080; se dio 0"))
    }

    @Test func editingOrDeletingAuditRowsIsDetectedAndNamed() throws {
        let q = try QueueScratch()
        let id = try q.submit()
        try q.run(["queue", "claim", String(id), "--as", "rosa"]).expectSuccess()
        try q.run(["queue", "approve", String(id), "--comment", "sí", "--as", "rosa"]).expectSuccess()
        try q.run(["audit", "verify", "--as", "sofia"]).expectSuccess()
        // The table refuses changes through SQL…
        let blocked = try q.sql("UPDATE audit_log SET actor = 'raul' WHERE sequence = 6;")
        #expect(blocked.status != 0)
        #expect(blocked.stderr.contains("solo admite agregar"))
        // …so a forger drops the guards first: verify still names the entry.
        try q.sql("DROP TRIGGER audit_log_append_only_update; DROP TRIGGER audit_log_append_only_delete;")
        try q.sql("UPDATE audit_log SET actor = 'raul' WHERE sequence = 6;")
        let altered = try q.run(["audit", "verify", "--as", "sofia"])
        #expect(altered.status == 1)
        #expect(altered.stderr.contains("la entrada 6 fue alterada"), "\(altered.output)")
        let json = try q.run(["audit", "verify", "--format", "json", "--as", "sofia"])
        #expect(json.status == 1)
        let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(document?["first_bad_entry"] as? Int == 6)
        try q.sql("UPDATE audit_log SET actor = 'rosa' WHERE sequence = 6;")
        try q.run(["audit", "verify", "--as", "sofia"]).expectSuccess()
        try q.sql("DELETE FROM audit_log WHERE sequence = 5;")
        let removed = try q.run(["audit", "verify", "--as", "sofia"])
        #expect(removed.stderr.contains("falta la entrada 5"), "\(removed.output)")
    }

    @Test func removingTheLastEntryIsDetectedToo() throws {
        let q = try QueueScratch()
        let id = try q.submit()
        try q.run(["queue", "claim", String(id), "--as", "rosa"]).expectSuccess()
        try q.sql("DROP TRIGGER audit_log_append_only_delete; DELETE FROM audit_log WHERE sequence = (SELECT max(sequence) FROM audit_log);")
        let verify = try q.run(["audit", "verify", "--as", "sofia"])
        #expect(verify.status == 1)
        #expect(verify.stderr.contains("falta la entrada 6"), "\(verify.output)")
    }

    @Test(arguments: CLIStore.all)
    func exportWritesJSONLines(_ store: CLIStore) throws {
        let q = try QueueScratch(store: store)
        _ = try q.submit()
        try q.run(["audit", "export", "--output", "bitacora.jsonl", "--as", "sofia"]).expectSuccess()
        let lines = String(decoding: q.fileDigest(q.url.appendingPathComponent("bitacora.jsonl").path) ?? Data(), as: UTF8.self)
            .split(separator: "\n")
        #expect(lines.count == 5)
        let last = try JSONSerialization.jsonObject(with: Data(lines[4].utf8)) as? [String: Any]
        #expect(last?["event"] as? String == "submitted")
        #expect(last?["actor"] as? String == "ana")
        #expect((last?["hash"] as? String)?.count == 64)
    }
}

@Suite("criterio y su base de datos")
struct QueueDatabaseTests {
    @Test func aForeignOrBrokenFileIsRefusedInSpanishAndLeftUntouched() throws {
        let scratch = try Scratch()
        let foreign = scratch.url.appendingPathComponent("otra.sqlite").path
        let create = "import sqlite3\nc = sqlite3.connect('\(foreign)')\nc.execute('CREATE TABLE nomina (id INTEGER)')\nc.execute('INSERT INTO nomina VALUES (1)')\nc.commit()\n"
        try Shell.run("/usr/bin/env", ["python3", "-c", create]).expectSuccess()
        let before = FileManager.default.contents(atPath: foreign)
        let result = try CLI.run(["users", "add", "sofia", "--role", "supervisor", "--db", foreign, "--create"], in: scratch.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("no de Criterio"), "\(result.output)")
        #expect(FileManager.default.contents(atPath: foreign) == before)

        let text = try scratch.write("notas.txt", String(repeating: "no soy una base de datos\n", count: 200))
        let before2 = FileManager.default.contents(atPath: text.path)
        let broken = try CLI.run(["queue", "list", "--as", "x", "--db", text.path], in: scratch.url)
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("no es una base de datos SQLite"), "\(broken.output)")
        #expect(FileManager.default.contents(atPath: text.path) == before2)
        let lint = try CLI.run(["lint", "-"], stdin: "---\nmedia: [https://ine.mx/a.png]\n---\nEl linchamiento del proyecto.\n", in: scratch.url,
            environment: ["CRITERIO_DATABASE_URL": text.path])
        #expect(lint.status == 2)
        #expect(lint.stderr.contains("no es una base de datos SQLite"))
    }

    @Test func aLockedDatabaseFailsClearlyAndLosesNothing() throws {
        let q = try QueueScratch(config: "queue:\n  busy_timeout_seconds: 0.2\n")
        let id = try q.submit()
        // Holds the lock until its standard input closes: the test releases it, no timer.
        let hold = "import sqlite3, sys\nc = sqlite3.connect(sys.argv[1], isolation_level=None)\nc.execute('BEGIN EXCLUSIVE')\nprint('bloqueada', flush=True)\nsys.stdin.read()\nc.execute('ROLLBACK')\n"
        let locker = try ProcessRunner.start(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", hold, q.database])
        #expect(locker.readLine() == "bloqueada")
        let claim = try q.run(["queue", "claim", String(id), "--as", "rosa"])
        #expect(locker.wait().status == 0)
        #expect(claim.status == 2)
        #expect(claim.stderr.contains("está bloqueada por otro proceso"), "\(claim.output)")
        #expect(try q.item(id)["state"] as? String == "pending")
        try q.run(["queue", "claim", String(id), "--as", "rosa"]).expectSuccess()
    }

    @Test func aReadOnlyDatabaseCanBeReadButNotWritten() throws {
        let q = try QueueScratch()
        let id = try q.submit()
        let before = q.fileDigest(q.database)
        let (claim, list) = try q.readOnly { (try q.run(["queue", "claim", String(id), "--as", "rosa"]), try q.run(["queue", "list", "--as", "rosa"])) }
        #expect(claim.status == 2)
        #expect(claim.stderr.contains("solo lectura"), "\(claim.output)")
        #expect(list.status == 0, "\(list.output)")
        #expect(list.stdout.contains("#\(id)"))
        #expect(q.fileDigest(q.database) == before)
    }

    /// A queue written by an older Criterio (here: this one's, with the credentials of schema v2
    /// taken out): `lint` reads it as it is, without changing it; what needs the new tables says so
    /// while the file is read-only; the first command that may write brings it up to date.
    @Test func anOlderQueueIsReadAsItIsUntilACommandWrites() throws {
        let q = try QueueScratch()
        let id = try q.submit()
        try q.run(["queue", "claim", String(id), "--as", "rosa"]).expectSuccess()
        try q.run(["queue", "approve", String(id), "--comment", "Sí.", "--as", "rosa"]).expectSuccess()
        try q.sql("""
            DELETE FROM grdb_migrations WHERE identifier LIKE 'v2:%';
            DROP TABLE api_token; DROP TABLE session; DROP TABLE sign_in_throttle;
            ALTER TABLE user DROP COLUMN password_hash; ALTER TABLE user DROP COLUMN password_set_at;
            """).expectSuccess()
        let before = q.fileDigest(q.database)
        let lint = try q.run(["lint", "borrador.md"])
        #expect(lint.status == 0, "\(lint.output)")
        #expect(q.fileDigest(q.database) == before, "lint never migrates")

        let (list, tokens) = try q.readOnly {
            (try q.run(["queue", "list", "--as", "rosa"]), try q.run(["users", "token", "ana", "--list", "--as", "ana"]))
        }
        #expect(list.status == 0, "\(list.output)")
        #expect(tokens.status == 2)
        #expect(tokens.stderr.contains("necesita actualizarse"), "\(tokens.output)")
        #expect(q.fileDigest(q.database) == before)

        try q.run(["users", "token", "ana", "--as", "ana"]).expectSuccess()
        #expect(try q.run(["users", "token", "ana", "--list", "--as", "ana"]).stdout.hasPrefix("1  (sin etiqueta)"))
        try q.run(["audit", "verify", "--as", "sofia"]).expectSuccess()
    }

    @Test func aPostgresURLWithoutADatabaseIsExplained() throws {
        let scratch = try Scratch()
        let result = try CLI.run(["queue", "list", "--as", "x"], in: scratch.url, environment: ["CRITERIO_DATABASE_URL": "postgres://cola:secreto@localhost"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("falta el nombre de la base de datos"), "\(result.output)")
        #expect(!result.output.contains("secreto"))
    }

    @Test func lintNeverCreatesTheDatabase() throws {
        let scratch = try Scratch()
        let path = scratch.url.appendingPathComponent("sub/cola.sqlite").path
        let lint = try CLI.run(["lint", "-"], stdin: "---\nmedia: [https://ine.mx/a.png]\n---\nEl linchamiento del proyecto.\n", in: scratch.url,
            environment: ["CRITERIO_DATABASE_URL": path])
        #expect(lint.status == 3, "\(lint.output)")
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aBadNowIsExplained() throws {
        let q = try QueueScratch()
        for text in ["mañana", "2026-11-23T10:00:00Z basura", "2026-11-23 10:00"] {
            let result = try q.run(["queue", "list", "--as", "sofia"], extra: ["CRITERIO_NOW": text])
            #expect(result.status == 2)
            #expect(result.stderr.contains("CRITERIO_NOW=«\(text)» no es una fecha ISO 8601"), "\(result.stderr)")
        }
    }

    @Test func aFixedClockIsOnlyForQueuesThatAllowIt() throws {
        let q = try QueueScratch()
        try q.scratch.write(".criterio.yml", "queue:\n  response_hours: 48\n")
        for arguments in [["queue", "list", "--as", "sofia"], ["users", "add", "lola", "--role", "cncs", "--as", "sofia"]] {
            let result = try q.run(arguments, extra: ["CRITERIO_NOW": "1970-01-01T00:00:00Z"])
            #expect(result.status == 2)
            #expect(result.stderr.contains("CRITERIO_NOW fija la hora solo en pruebas y demostraciones"), "\(result.stderr)")
        }
        // Without it, the real clock: the command works and writes today's time.
        try q.run(["users", "add", "lola", "--role", "cncs", "--as", "sofia"], extra: ["CRITERIO_NOW": ""]).expectSuccess()
        // lint refuses a fixed clock the same way when it asks the queue.
        let lint = try q.run(["lint", "borrador.md"], extra: ["CRITERIO_NOW": "2026-11-23T10:00:00Z"])
        #expect(lint.status == 2 && lint.stderr.contains("CRITERIO_NOW fija la hora"), "\(lint.output)")
    }

    @Test func onlyTheDefaultDatabaseIsCreatedOnFirstUse() throws {
        let scratch = try Scratch()
        let typo = scratch.url.appendingPathComponent("typo/dir/q.sqlite").path
        for arguments in [["users", "add", "mallory", "--role", "supervisor"], ["queue", "list", "--as", "mallory"]] {
            let result = try CLI.run(arguments + ["--db", typo], in: scratch.url)
            #expect(result.status == 2)
            #expect(result.stderr.contains("no existe la base de datos de la cola \(typo)"), "\(result.stderr)")
            #expect(result.stderr.contains("--create"))
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent("typo").path), "no folder was made")
        let folder = try CLI.run(["users", "add", "sofia", "--role", "supervisor", "--create", "--db", typo], in: scratch.url)
        #expect(folder.status == 2 && folder.stderr.contains("no existe la carpeta"), "\(folder.stderr)")
        let empty = try CLI.run(["queue", "list", "--as", "sofia", "--db", ""], in: scratch.url)
        #expect(empty.status == 2 && empty.stderr.contains("--db está vacío"), "\(empty.stderr)")
        // An explicit bootstrap creates it; from then on it is used like any other.
        let path = scratch.url.appendingPathComponent("q.sqlite").path
        try CLI.run(["users", "add", "sofia", "--role", "supervisor", "--create", "--db", path], in: scratch.url).expectSuccess()
        try CLI.run(["users", "add", "rosa", "--role", "cncs", "--as", "sofia", "--db", path], in: scratch.url).expectSuccess()
        // The default path needs nothing.
        let home = scratch.url.appendingPathComponent("casa").path
        try CLI.run(["users", "add", "sofia", "--role", "supervisor"], in: scratch.url, environment: ["HOME": home, "XDG_DATA_HOME": ""]).expectSuccess()
        #expect(FileManager.default.fileExists(atPath: home + "/.local/share/criterio/criterio.sqlite"))
    }
}

@Suite("Samples/cola")
struct QueueSampleTests {
    @Test func theWalkthroughRunsAsDocumented() throws {
        let script = CLI.root.appendingPathComponent("Samples/cola/recorrido.sh").path
        var environment = ProcessInfo.processInfo.environment
        environment["CRITERIO_BIN"] = CLI.binary.path
        environment["NO_COLOR"] = "1"
        environment.removeValue(forKey: "CRITERIO_USER")
        let result = try ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/env"), ["bash", script], environment: environment, mergingErrors: true)
        let text = result.stdout
        #expect(result.status == 0, "\(text)")
        let codes = text.split(separator: "\n").filter { $0.hasPrefix("(código de salida:") }
        #expect(codes == ["(código de salida: 3)", "(código de salida: 0)", "(código de salida: 3)"], "\(text)")
        #expect(text.contains("Vencidas: 1"))
        #expect(text.contains("INETEL"))
        #expect(text.contains("Bitácora íntegra: 8 entradas"))
    }
}

/// A mail header as the sender writes it: plain ASCII, or one RFC 2047 `=?UTF-8?B?…?=` word.
enum MailHeader {
    /// The decoded `Subject:` of every message in a mailbox file, in order.
    static func subjects(in mailbox: String) -> [String] {
        mailbox.split(separator: "\n").filter { $0.hasPrefix("Subject: ") }.map { decode(String($0.dropFirst("Subject: ".count))) }
    }

    static func decode(_ value: String) -> String {
        guard value.hasPrefix("=?UTF-8?B?"), value.hasSuffix("?="),
            let data = Data(base64Encoded: String(value.dropFirst("=?UTF-8?B?".count).dropLast(2)))
        else { return value }
        return String(decoding: data, as: UTF8.self)
    }
}
