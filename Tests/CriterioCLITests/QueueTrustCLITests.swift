import Foundation
import Testing

/// Issue 10's queue findings, as a user or a hostile tester meets them from the command line.
@Suite("confianza en la cola desde la línea de comandos")
struct QueueTrustCLITests {
    @Test func aRowApprovedBehindTheLogDoesNotLetTheDraftThrough() throws {
        let q = try QueueScratch()
        let id = try q.submit()
        #expect(try q.run(["lint", "borrador.md"]).status == 3)
        try q.sql("UPDATE consultation SET state = 'approved' WHERE id = \(id)").expectSuccess()
        let lint = try q.run(["lint", "borrador.md"])
        #expect(lint.status == 3, "\(lint.output)")
        #expect(lint.output.contains("la base de datos la marca aprobada, pero la bitácora no registra que la CNCS haya aprobado este texto"), "\(lint.output)")
        #expect(lint.output.contains("no cuenta como aprobación"))
        // The log itself is intact: only the row was edited.
        try q.run(["audit", "verify", "--as", "sofia"]).expectSuccess()
        // What CNCS really decides still counts.
        try q.sql("UPDATE consultation SET state = 'pending' WHERE id = \(id)").expectSuccess()
        try q.run(["queue", "claim", String(id), "--as", "rosa"]).expectSuccess()
        try q.run(["queue", "approve", String(id), "--comment", "Adelante.", "--as", "rosa"]).expectSuccess()
        #expect(try q.run(["lint", "borrador.md"]).status == 0)
    }

    @Test func aCommentDoesNotTakeTheClaimantsDecisionAway() throws {
        let q = try QueueScratch()
        let id = String(try q.submit())
        try q.run(["queue", "claim", id, "--as", "rosa"]).expectSuccess()
        try q.run(["queue", "comment", id, "--comment", "¿Ya la vieron?", "--as", "ana"]).expectSuccess()
        try q.run(["queue", "approve", id, "--comment", "ok", "--as", "rosa"]).expectSuccess()
        #expect(try q.item(Int(id)!)["state"] as? String == "approved")
    }

    @Test func aStaleVersionSaysWhoDidWhatAndHowToGoOn() throws {
        let q = try QueueScratch()
        let id = String(try q.submit())
        try q.run(["queue", "claim", id, "--as", "rosa"]).expectSuccess()
        try q.run(["queue", "release", id, "--as", "rosa"]).expectSuccess()
        // Raúl saw it as submitted (version 1).
        let stale = try q.run(["queue", "claim", id, "--version", "1", "--as", "raul"])
        #expect(stale.status == 1)
        #expect(stale.stderr.contains("desde la versión 1 que viste: rosa reclamó la consulta (versión 2); rosa liberó la consulta (versión 3)"), "\(stale.stderr)")
        #expect(stale.stderr.contains("repítela con --version 3"))
        try q.run(["queue", "claim", id, "--version", "3", "--as", "raul"]).expectSuccess()
    }

    @Test func verifyChecksASavedHeadAndTimeRunningBackwards() throws {
        let q = try QueueScratch()
        _ = try q.submit()
        let first = try q.json(["audit", "verify", "--format", "json", "--as", "sofia"]) as? [String: Any]
        let saved = try #require(first?["last_hash"] as? String)
        _ = try q.run(["users", "add", "lola", "--role", "cncs", "--as", "sofia"])
        try q.run(["audit", "verify", "--expect", saved, "--as", "sofia"]).expectSuccess()
        let cut = try q.run(["audit", "verify", "--expect", String(repeating: "0f", count: 32), "--as", "sofia"])
        #expect(cut.status == 1 && cut.stderr.contains("la huella esperada no está en la bitácora"), "\(cut.stderr)")
        let garbage = try q.run(["audit", "verify", "--expect", "abc", "--as", "sofia"])
        #expect(garbage.status == 2 && garbage.stderr.contains("no es una huella"))
        // Someone sets the clock back (a queue that allows a fixed clock, as a demonstration does).
        try q.run(["users", "add", "pepe", "--role", "cncs", "--as", "sofia"], extra: ["CRITERIO_NOW": "1970-01-01T00:00:00Z"]).expectSuccess()
        let back = try q.run(["audit", "verify", "--as", "sofia"])
        #expect(back.status == 1 && back.stderr.contains("tiene una fecha anterior a la de la entrada"), "\(back.stderr)")
    }

    @Test func namesAreOneNameAndListingsPrintNoEscapes() throws {
        let q = try QueueScratch()
        for name in ["ROSA", "Rosa", "ro\u{200B}sa", "si\u{200B}stema", "\u{1B}[2Jx"] {
            let result = try q.run(["users", "add", name, "--role", "cncs", "--as", "sofia"])
            #expect(result.status == 2, "\(name.unicodeScalars.map(\.value)): \(result.output)")
        }
        #expect(try q.run(["users", "add", "lola", "--role", "admin", "--area", "A\nB", "--as", "sofia"]).status == 2)
        // Whoever acts is found however the name is typed.
        let id = String(try q.submit())
        try q.run(["queue", "claim", id, "--as", "ROSA"]).expectSuccess()
        // A comment with an escape sequence is shown, not obeyed.
        try q.run(["queue", "comment", id, "--comment", "hola \u{1B}[2J\u{1B}[31mrojo", "--as", "ana"]).expectSuccess()
        for arguments in [["queue", "show", id, "--as", "sofia"], ["audit", "log", "--as", "sofia"], ["users", "list", "--as", "sofia"]] {
            let result = try q.run(arguments)
            result.expectSuccess()
            #expect(!result.stdout.contains("\u{1B}"), "\(arguments)")
        }
        #expect(try q.run(["queue", "show", id, "--as", "sofia"]).stdout.contains("hola ␛[2J␛[31mrojo"))
    }
}
