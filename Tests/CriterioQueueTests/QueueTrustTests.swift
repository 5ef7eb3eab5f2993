import CriterioQueue
import Foundation
import Testing

/// What only the CNCS decided counts, names are one name however typed, and the log's time and
/// tail are checked (issue 10, SPEC §6).
@Suite("confianza en la cola")
struct QueueTrustTests {
    /// Changes a consultation's row without a log entry, as someone with access to the database would.
    static func editBehindTheLog(_ fixture: Fixture, _ id: Int64, _ change: @escaping @Sendable (inout Consultation) -> Void) async throws {
        try await fixture.service.store.write { tx in
            var item = try #require(try await tx.consultation(id: id))
            let version = item.version
            change(&item)
            try await tx.updateConsultation(item, expectedVersion: version)
        }
    }

    @Test(arguments: StoreFactory.all)
    func aRowMarkedApprovedBehindTheLogApprovesNothing(_ kind: StoreFactory) async throws {
        let fixture = try await Fixture(kind)
        let item = try await fixture.submit("Texto sin aprobar\n")
        try await Self.editBehindTheLog(fixture, item.id) { $0.state = .approved }
        let coverage = try #require(try await fixture.service.coverage(ofContentHash: item.contentHash))
        #expect(coverage.consultation.state == .approved, "the row says so")
        #expect(!coverage.isApproved)
        #expect(coverage.unconfirmedApproval?.contains("no registra que la CNCS haya aprobado") == true)
        #expect(coverage.publicationNote(at: Fixture.start, in: TimeZone(identifier: "America/Mexico_City")!).contains("no cuenta como aprobación"))
    }

    @Test(arguments: StoreFactory.all)
    func anApprovalTheLogUndidOrThatCoversAnotherTextCountsForNothing(_ kind: StoreFactory) async throws {
        let fixture = try await Fixture(kind)
        let item = try await fixture.submit("Texto A\n")
        _ = try await fixture.service.perform(.claim, on: item.id, by: "rosa", expectedVersion: nil, at: Fixture.start)
        _ = try await fixture.service.perform(.approve, on: item.id, by: "rosa", expectedVersion: nil, comment: "adelante", at: Fixture.start)
        #expect(try await fixture.service.coverage(ofContentHash: item.contentHash)?.isApproved == true)
        // A supervisor reopens it; the row is then set back to approved by hand.
        _ = try await fixture.service.perform(.reopen, on: item.id, by: "sofia", expectedVersion: nil, comment: "revisar", at: fixture.hours(1))
        try await Self.editBehindTheLog(fixture, item.id) { $0.state = .approved }
        let reopened = try #require(try await fixture.service.coverage(ofContentHash: item.contentHash))
        #expect(!reopened.isApproved && reopened.unconfirmedApproval?.contains("dejó de estar aprobada") == true)

        // Another approved item's row is pointed at a text nobody approved.
        let other = try await fixture.submit("Texto B\n")
        _ = try await fixture.service.perform(.claim, on: other.id, by: "rosa", expectedVersion: nil, at: Fixture.start)
        _ = try await fixture.service.perform(.approve, on: other.id, by: "rosa", expectedVersion: nil, comment: "sí", at: Fixture.start)
        let forged = ContentHash.sha256(Array("Texto C, nunca enviado\n".utf8))
        try await Self.editBehindTheLog(fixture, other.id) { $0.contentHash = forged }
        let covering = try #require(try await fixture.service.coverage(ofContentHash: forged))
        #expect(!covering.isApproved && covering.unconfirmedApproval?.contains("no registra el envío de este texto") == true)
    }

    /// The service never creates an administrator without an area; a row edited to lose it must
    /// close her view of the queue, not open it to every area.
    @Test(arguments: StoreFactory.all)
    func anAdministratorWhoseAreaWasErasedSeesNothing(_ kind: StoreFactory) async throws {
        let fixture = try await Fixture(kind)
        try await fixture.submit("De DECEYEC\n", by: "ana")
        try await fixture.submit("De DERFE\n", by: "beto")
        try await fixture.service.store.write { tx in
            var ana = try #require(try await tx.user(named: "ana"))
            ana.area = nil
            try await tx.updateUser(ana)
        }
        #expect(try await fixture.service.list(ConsultationQuery(), as: "ana").isEmpty)
        #expect(try await fixture.service.list(ConsultationQuery(area: "DERFE"), as: "ana").isEmpty)
        #expect(try await fixture.service.auditLog(of: nil, as: "ana").isEmpty)
        #expect(try await fixture.service.list(ConsultationQuery(), as: "beto").count == 1, "beto still sees his own")
    }

    @Test(arguments: StoreFactory.all)
    func namesAreOneNameHoweverTheyAreTyped(_ kind: StoreFactory) async throws {
        let fixture = try await Fixture(kind)
        try await fixture.service.addUser(name: "josé", role: .cncs, area: nil, email: nil, by: "sofia", at: Fixture.start)
        for twin in ["jose\u{301}", "JOSÉ", " José "] {
            let error = await #expect(throws: QueueError.self) {
                try await fixture.service.addUser(name: twin, role: .cncs, area: nil, email: nil, by: "sofia", at: Fixture.start)
            }
            #expect(error?.description == "ya existe el usuario «josé»", "\(twin.unicodeScalars.map(\.value))")
        }
        // Whoever acts is found however their name is typed, and recorded as stored.
        let item = try await fixture.submit()
        let claimed = try await fixture.service.perform(.claim, on: item.id, by: "JOSE\u{301}", expectedVersion: nil, at: Fixture.start)
        #expect(claimed.consultation.claim?.reviewer == "josé")
        #expect(claimed.entries.last?.actor == "josé")
        // An administrator's area is theirs however it is typed.
        #expect(try await fixture.service.list(ConsultationQuery(area: "deceyec"), as: "ana").map(\.id) == [item.id])
    }

    @Test(arguments: StoreFactory.all)
    func namesAndAreasHoldNoInvisibleOrControlCharacters(_ kind: StoreFactory) async throws {
        let fixture = try await Fixture(kind)
        for (name, message) in [
            ("sis\u{200B}tema", "carácter de control o invisible (U+200B)"), ("Sistema", "nombre reservado"),
            ("\u{1B}[31mrojo", "carácter de control o invisible (U+001B)"), ("ro\u{AD}sa2", "(U+00AD)"), ("a\u{202E}b", "(U+202E)"),
        ] {
            let error = await #expect(throws: QueueError.self) {
                try await fixture.service.addUser(name: name, role: .cncs, area: nil, email: nil, by: "sofia", at: Fixture.start)
            }
            #expect(error?.kind == .invalidInput)
            #expect(error?.description.contains(message) == true, "\(error?.description ?? "")")
        }
        let area = await #expect(throws: QueueError.self) {
            try await fixture.service.addUser(name: "lola", role: .admin, area: "A\nB", email: nil, by: "sofia", at: Fixture.start)
        }
        #expect(area?.description.contains("el área lleva un carácter de control o invisible (U+000A)") == true)
        #expect(try await fixture.service.users().map(\.name).contains("lola") == false)
    }

    @Test(arguments: StoreFactory.all)
    func verifyReportsTimeRunningBackwardsAndAMissingExpectedHead(_ kind: StoreFactory) async throws {
        let fixture = try await Fixture(kind)
        let item = try await fixture.submit(at: fixture.hours(1))
        guard case .intact(_, let savedHead?) = try await fixture.service.verifyAudit(as: "sofia") else {
            Issue.record("the fresh log is intact")
            return
        }
        _ = try await fixture.service.perform(.comment, on: item.id, by: "ana", expectedVersion: nil, comment: "más contexto", at: fixture.hours(2))
        // A head saved earlier is still in the chain: the log grew, nothing was cut.
        if case .broken(let problem, _) = try await fixture.service.verifyAudit(as: "sofia", expectedHead: savedHead) {
            Issue.record("\(problem.description)")
        }
        let unknown = String(repeating: "ab", count: 32)
        guard case .broken(let missing, _) = try await fixture.service.verifyAudit(as: "sofia", expectedHead: unknown) else {
            Issue.record("a head that is not in the chain is reported")
            return
        }
        #expect(missing.kind == .expectedHeadMissing)
        #expect(missing.description.contains("se quitaron entradas del final"))

        // An entry dated before its predecessor: a clock set back.
        let backwards = try await fixture.service.perform(.comment, on: item.id, by: "ana", expectedVersion: nil, comment: "atrasada", at: Fixture.start)
        guard case .broken(let reversed, _) = try await fixture.service.verifyAudit(as: "sofia") else {
            Issue.record("time running backwards is reported")
            return
        }
        #expect(reversed.kind == .timeReversed && reversed.sequence == backwards.entries.last?.sequence)
        #expect(reversed.description.contains("tiene una fecha anterior a la de la entrada"))
    }

    @Test(arguments: StoreFactory.all)
    func writersThatWaitedForTheLockDoNotLookLikeASetBackClock(_ kind: StoreFactory) async throws {
        let fixture = try await Fixture(kind)
        let item = try await fixture.submit(at: fixture.hours(1))
        // A writer that took its time two seconds before the last entry's writer, and committed after it.
        let late = try await fixture.service.perform(
            .comment, on: item.id, by: "ana", expectedVersion: nil, comment: "esperó el candado", at: fixture.hours(1).addingTimeInterval(-2))
        #expect(late.entries.last?.at == fixture.hours(1), "logged at its predecessor's time")
        guard case .intact = try await fixture.service.verifyAudit(as: "sofia") else {
            Issue.record("honest concurrency is not tampering")
            return
        }
    }
}
