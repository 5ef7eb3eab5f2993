import Foundation
import Testing

/// `criterio users passwd` and `criterio users token`, through the real binary.
@Suite("criterio users passwd / token")
struct UsersCommandTests {
    static let password = "una clave bastante larga"

    /// Runs Python against the queue's database and returns what it prints.
    func python(_ q: QueueScratch, _ script: String, _ arguments: [String] = []) throws -> String {
        let result = try Shell.run("/usr/bin/env", ["python3", "-c", script, q.database] + arguments)
        #expect(result.status == 0, "\(result.output)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func passwdReadsOneLineFromAPipeAndKeepsOnlyABcryptHash() throws {
        let q = try QueueScratch()
        let set = try q.run(["users", "passwd", "ana", "--as", "sofia"], stdin: Self.password + "\n")
        set.expectSuccess()
        #expect(set.stdout == "Contraseña de ana actualizada; sus sesiones abiertas se cerraron.\n")
        let hash = try python(q, "import sqlite3, sys\nprint(sqlite3.connect(sys.argv[1]).execute(\"SELECT password_hash FROM user WHERE name = 'ana'\").fetchone()[0])")
        #expect(hash.hasPrefix("$2") && hash.count == 60, "\(hash)")
        #expect(!(String(decoding: q.fileDigest(q.database) ?? Data(), as: UTF8.self).contains(Self.password)))
        // Audited, without the password nor its hash.
        let log = try q.run(["audit", "log", "--as", "sofia"]).stdout
        #expect(log.contains("sofia: cambió la contraseña de ana"), "\(log)")
        let export = try q.run(["audit", "export", "--as", "sofia"]).stdout
        #expect(export.contains("\"event\":\"password_set\""))
        #expect(!export.contains(Self.password) && !export.contains(hash))
        // A person sets their own; a line ending in \r\n (a Windows pipe) loses both.
        try q.run(["users", "passwd", "rosa", "--as", "rosa"], stdin: "la clave de rosa, larga\r\n").expectSuccess()
    }

    @Test func passwdRefusesOthersWeakPasswordsAndEmptyInput() throws {
        let q = try QueueScratch()
        let other = try q.run(["users", "passwd", "rosa", "--as", "ana"], stdin: Self.password + "\n")
        #expect(other.status == 1)
        #expect(other.stderr.contains("ana no puede cambiar la contraseña de rosa"), "\(other.stderr)")
        let short = try q.run(["users", "passwd", "ana", "--as", "ana"], stdin: "corta\n")
        #expect(short.status == 2)
        #expect(short.stderr.contains("al menos 12 caracteres"), "\(short.stderr)")
        let nothing = try q.run(["users", "passwd", "ana", "--as", "ana"], stdin: "")
        #expect(nothing.status == 2)
        #expect(nothing.stderr.contains("no llegó ninguna contraseña"), "\(nothing.stderr)")
        let nobody = try q.run(["users", "passwd", "ana"], stdin: Self.password + "\n")
        #expect(nobody.status == 2)
        #expect(nobody.stderr.contains("--as"))
        #expect(!(try q.run(["audit", "log", "--as", "sofia"]).stdout.contains("cambió la contraseña")))
    }

    /// At a terminal (a pseudo-terminal driven by Python), the password is asked twice and never echoed.
    @Test(arguments: [true, false])
    func passwdAsksTwiceWithoutEchoAtATerminal(matching: Bool) throws {
        let q = try QueueScratch()
        let script = """
            import json, os, pty, select, subprocess, sys, time
            master, slave = pty.openpty()
            child = subprocess.Popen([sys.argv[1], "users", "passwd", "ana", "--as", "sofia"], stdin=slave, stdout=subprocess.PIPE, stderr=slave)
            os.close(slave)
            seen = b""
            def read(until, seconds=30):
                global seen
                deadline = time.time() + seconds
                while until is None or until.encode() not in seen:
                    left = deadline - time.time()
                    if left <= 0:
                        if until is None: return
                        sys.exit("no llegó %r; la terminal mostró %r" % (until, seen))
                    ready, _, _ = select.select([master], [], [], min(left, 0.2) if until is None else left)
                    if not ready:
                        if until is None: return
                        continue
                    try:
                        chunk = os.read(master, 4096)
                    except OSError:
                        return
                    if not chunk: return
                    seen += chunk
            read("Contraseña nueva para ana: ")
            os.write(master, (sys.argv[2] + "\\n").encode())
            read("Repítela: ")
            os.write(master, (sys.argv[3] + "\\n").encode())
            out, _ = child.communicate(timeout=60)
            read(None, 1)
            print(json.dumps({"status": child.returncode, "stdout": out.decode(), "terminal": seen.decode(errors="replace")}))
            """
        let second = matching ? Self.password : "otra cosa distinta"
        let result = try ProcessRunner.run(
            URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, CLI.binary.path, Self.password, second], in: q.url,
            environment: CLI.processEnvironment(q.environment))
        #expect(result.status == 0, "\(result.output)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let terminal = report["terminal"] as? String ?? ""
        #expect(!terminal.contains(Self.password) && !terminal.contains(second), "echoed: \(terminal)")
        if matching {
            #expect(report["status"] as? Int == 0, "\(terminal)")
            #expect(report["stdout"] as? String == "Contraseña de ana actualizada; sus sesiones abiertas se cerraron.\n")
        } else {
            #expect(report["status"] as? Int == 2, "\(terminal)")
            #expect(terminal.contains("las dos contraseñas no coinciden; no se cambió nada"), "\(terminal)")
            #expect(!(try q.run(["audit", "log", "--as", "sofia"]).stdout.contains("cambió la contraseña")))
        }
    }

    @Test func aTokenIsPrintedOnceAndOnlyItsDigestIsKept() throws {
        let q = try QueueScratch()
        let created = try q.run(["users", "token", "ana", "--label", "integración continua", "--as", "ana"])
        created.expectSuccess()
        let token = created.stdout.trimmingCharacters(in: .newlines)
        #expect(created.stdout == token + "\n", "only the token on standard output")
        #expect(token.hasPrefix("crt_") && token.count == 47, "\(token)")
        #expect(created.stderr.contains("token 1 de ana creado; guárdalo ahora: no se volverá a mostrar"), "\(created.stderr)")

        let stored = try python(q, "import sqlite3, sys\nprint(sqlite3.connect(sys.argv[1]).execute('SELECT token_hash FROM api_token').fetchone()[0])")
        let digest = try python(q, "import hashlib, sys\nprint(hashlib.sha256(sys.argv[2].encode()).hexdigest())", [token])
        #expect(stored == digest)
        #expect(!(String(decoding: q.fileDigest(q.database) ?? Data(), as: UTF8.self).contains(token)))

        let list = try q.run(["users", "token", "ana", "--list", "--as", "sofia"])
        list.expectSuccess()
        #expect(list.stdout.hasPrefix("1  integración continua  creado 23/11/2026 10:00  sin usar"), "\(list.stdout)")
        #expect(!list.stdout.contains(token) && !list.stdout.contains(digest))
        let json = try #require(try q.json(["users", "token", "ana", "--list", "--format", "json", "--as", "ana"]) as? [[String: Any]])
        #expect(json.map { $0["id"] as? Int } == [1])
        #expect(json.first?["label"] as? String == "integración continua")
        #expect(json.first?["created_at"] as? String == "2026-11-23T16:00:00.000Z")
        #expect(!String(describing: json).contains(token))
        let log = try q.run(["audit", "log", "--as", "sofia"]).stdout
        #expect(log.contains("ana: creó un token de API de ana"), "\(log)")
        #expect(!(try q.run(["audit", "export", "--as", "sofia"]).stdout.contains(token)))
    }

    @Test func tokensAreRevokedOneByOneOrAllAudited() throws {
        let q = try QueueScratch()
        for _ in 1...3 { try q.run(["users", "token", "ana", "--as", "ana"]).expectSuccess() }
        let someoneElse = try q.run(["users", "token", "ana", "--as", "rosa"])
        #expect(someoneElse.status == 1)
        #expect(someoneElse.stderr.contains("rosa no puede crear tokens de ana"), "\(someoneElse.stderr)")
        let revoke = try q.run(["users", "token", "ana", "--revoke", "2", "--as", "ana"])
        revoke.expectSuccess()
        #expect(revoke.stdout == "Token 2 de ana revocado.\n")
        let again = try q.run(["users", "token", "ana", "--revoke", "2", "--as", "ana"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("ana no tiene el token 2"), "\(again.stderr)")
        #expect(try q.run(["users", "token", "ana", "--list", "--as", "ana"]).stdout.split(separator: "\n").map { $0.prefix(1) } == ["1", "3"])
        let all = try q.run(["users", "token", "ana", "--revoke-all", "--as", "sofia"])
        all.expectSuccess()
        #expect(all.stdout == "2 tokens de ana revocados.\n")
        #expect(try q.run(["users", "token", "ana", "--list", "--as", "ana"]).stdout == "ana no tiene tokens.\n")
        let log = try q.run(["audit", "log", "--as", "sofia"]).stdout
        #expect(log.components(separatedBy: "revocó tokens de API de ana").count == 3, "\(log)")
        let both = try q.run(["users", "token", "ana", "--list", "--revoke-all", "--as", "ana"])
        #expect(both.status == 2)
        #expect(both.stderr.contains("no se combinan"))
    }
}
