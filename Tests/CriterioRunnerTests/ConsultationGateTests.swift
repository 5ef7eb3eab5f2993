import CriterioConfig
import CriterioCore
import CriterioDrafts
import CriterioQueue
import CriterioQueueSQLite
import CriterioRunner
import Foundation
import Testing

/// A queue that answers from a table, by draft path.
struct TableLookup: ConsultationLookup {
    let answers: [String: ConsultationSummary]
    func consultation(covering draft: Draft) async throws -> ConsultationSummary? { answers[draft.path] }
}

@Suite("La compuerta de consultas (código 3)")
struct ConsultationGateTests {
    func report(_ files: [(String, [Severity])]) -> LintReport {
        LintReport(files: files.map { path, severities in
            FileReport(
                draft: Draft(path: path, text: "texto"),
                findings: severities.map { Finding(ruleID: "r", severity: $0, criterion: .xvii, message: "m", range: 0..<1, excerpt: "t") })
        })
    }

    @Test func theQueueIsOpenedOnlyWhenADraftHasConsultFindings() async throws {
        var opened = 0
        let gate = try await ConsultationGate(report: report([("a.md", [.warning, .error])])) {
            opened += 1
            return TableLookup(answers: [:])
        }
        #expect(opened == 0)
        #expect(gate.notes.isEmpty)
        _ = try await ConsultationGate(report: report([("a.md", [.consult]), ("b.md", [.consult])])) {
            opened += 1
            return TableLookup(answers: [:])
        }
        #expect(opened == 1, "once for the whole run")
    }

    @Test func onlyAnApprovalLetsItsDraftThrough() async throws {
        let lookup = TableLookup(answers: [
            "aprobado.md": ConsultationSummary(id: "1", state: "approved", description: "consulta 1 aprobada por rosa", isApproved: true),
            "pendiente.md": ConsultationSummary(id: "2", state: "pending", description: "consulta 2 pendiente", isApproved: false),
            "vencido.md": ConsultationSummary(id: "3", state: "expired", description: "consulta 3 vencida", isApproved: false),
        ])
        let run = report([("aprobado.md", [.consult, .warning]), ("pendiente.md", [.consult]), ("vencido.md", [.consult]), ("nuevo.md", [.consult])])
        let gate = try await ConsultationGate(report: run) { lookup }
        #expect(run.files.map(gate.isApproved) == [true, false, false, false])
        #expect(gate.notes == [
            "aprobado.md: consulta 1 aprobada por rosa", "pendiente.md: consulta 2 pendiente", "vencido.md: consulta 3 vencida",
            "nuevo.md: ninguna consulta a la CNCS cubre este texto exacto; envíala con: criterio consult submit nuevo.md --question \"…\"",
        ])
        #expect(gate.exitStatus(of: run, policy: FailPolicy()) == .needsConsultation)
        let approvedOnly = report([("aprobado.md", [.consult, .warning])])
        #expect(try await ConsultationGate(report: approvedOnly) { lookup }.exitStatus(of: approvedOnly, policy: FailPolicy()) == .publishable)
    }

    @Test func withNoQueueYetEveryConsultFindingWaits() async throws {
        let run = report([("a.md", [.consult])])
        let gate = try await ConsultationGate(report: run) { nil }
        #expect(gate.exitStatus(of: run, policy: FailPolicy()) == .needsConsultation)
        #expect(gate.notes.first?.contains("criterio consult submit a.md") == true)
    }

    @Test func aQueueThatCannotBeReadIsSaidInSpanish() async {
        let error = await #expect(throws: ConsultationGateError.self) {
            try await ConsultationGate(report: report([("a.md", [.consult])])) { throw CocoaError(.fileReadNoPermission) }
        }
        #expect(error?.description == "no se pudo consultar la cola de la CNCS: no hay permiso")
    }

    @Test func theQueueServiceAnswersForTheExactBytesOfTheDraft() async throws {
        let service = QueueService(store: try SQLiteQueueStore.inMemory())
        let now = Timestamp.parse("2026-11-23T10:00:00-06:00")!
        try await service.addUser(name: "sofia", role: .supervisor, area: nil, email: nil, by: nil, at: now)
        try await service.addUser(name: "ana", role: .admin, area: "DECEYEC", email: nil, by: "sofia", at: now)
        try await service.addUser(name: "rosa", role: .cncs, area: nil, email: nil, by: "sofia", at: now)
        let setup = try LintSetup(configuration: Configuration())
        let file = setup.runner().lint(try DraftParser.parse(Array("La asamblea acordó el linchamiento del proyecto.\n".utf8), path: "b.md", format: .markdown) { _ in MediaInspection(.audiovisual("imagen PNG")) })
        let id = try await service.submit(Submission(file, question: "¿Se puede?", area: nil), by: "ana", at: now).consultation.id
        let lookup = QueueConsultationLookup(service: service, timeZone: TimeZone(identifier: "America/Mexico_City")!, now: now)
        let run = LintReport(files: [file])
        var gate = try await ConsultationGate(report: run) { lookup }
        #expect(gate.notes == ["b.md: consulta \(id) pendiente; vence el 25/11 a las 10:00"])
        _ = try await service.perform(.claim, on: id, by: "rosa", expectedVersion: nil, at: now)
        _ = try await service.perform(.approve, on: id, by: "rosa", expectedVersion: nil, comment: "Sí.", at: now)
        gate = try await ConsultationGate(report: run) { lookup }
        #expect(gate.isApproved(file))
        #expect(gate.exitStatus(of: run, policy: FailPolicy()) == .publishable)
        // One more byte and the approval no longer covers it.
        let changed = setup.runner().lint(try DraftParser.parse(Array("La asamblea acordó el linchamiento del proyecto. \n".utf8), path: "b.md", format: .markdown) { _ in MediaInspection(.audiovisual("imagen PNG")) })
        #expect(try await !ConsultationGate(report: LintReport(files: [changed])) { lookup }.isApproved(changed))
    }

    @Test func aSubmissionCarriesTheExactBytesAndMaskedFindings() throws {
        let text = "---\nmedia: [https://www.ine.mx/a.png]\n---\nSu CURP es HEGG560427MVZRRL04.\n"
        let setup = try LintSetup(configuration: Configuration())
        let file = setup.runner().lint(try DraftParser.parse(Array(text.utf8), path: "c.md", format: .markdown) { _ in MediaInspection(.audiovisual("imagen PNG")) })
        let submission = Submission(file, question: "¿Se puede?", area: "DERFE")
        #expect(submission.draftBytes == Array(text.utf8))
        #expect(submission.draftPath == "c.md")
        #expect(submission.area == "DERFE")
        let finding = try #require(submission.findings.first)
        #expect(submission.findings.count == 1)
        #expect((finding.rule, finding.kind, finding.severity, finding.criterion) == ("datos-personales", "curp", "error", "6.iii"))
        #expect((finding.line, finding.column) == (4, 12))
        #expect(!finding.excerpt.contains("HEGG560427MVZRRL04") && finding.excerpt.contains("•"), "\(finding.excerpt)")
    }
}
