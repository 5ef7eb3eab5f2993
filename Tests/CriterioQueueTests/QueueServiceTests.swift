import CriterioQueue
import Foundation
import Testing

@Suite("cola de consultas")
struct QueueServiceTests {
    @Test(arguments: StoreFactory.all)
    func twoReviewersNeverHoldTheSameClaim(_ kind: StoreFactory) async throws {
        let fixture = try await Fixture(kind)
        let item = try await fixture.submit()
        let claimed = try await fixture.service.perform(.claim, on: item.id, by: "rosa", expectedVersion: item.version, at: Fixture.start).consultation
        #expect(claimed.claim?.reviewer == "rosa")
        let error = await #expect(throws: QueueError.self) {
            try await fixture.service.perform(.claim, on: item.id, by: "raul", expectedVersion: item.version, at: Fixture.start)
        }
        #expect(error?.kind == .versionConflict)
        #expect(error?.description.contains("reclamada por rosa") == true)
        // Raúl cannot decide on Rosa's claim.
        let decide = await #expect(throws: QueueError.self) {
            try await fixture.service.perform(.approve, on: item.id, by: "raul", expectedVersion: claimed.version, comment: "sí", at: Fixture.start)
        }
        #expect(decide?.kind == .claimConflict)
    }

    @Test(arguments: StoreFactory.all)
    func onlyTheClaimantOrASupervisorReleasesAClaim(_ kind: StoreFactory) async throws {
        let fixture = try await Fixture(kind)
        let item = try await fixture.submit()
        _ = try await fixture.service.perform(.claim, on: item.id, by: "rosa", expectedVersion: nil, at: Fixture.start)
        let other = await #expect(throws: QueueError.self) {
            try await fixture.service.perform(.release, on: item.id, by: "raul", expectedVersion: nil, at: Fixture.start)
        }
        #expect(other?.kind == .claimConflict)
        let forced = try await fixture.service.perform(.release, on: item.id, by: "sofia", expectedVersion: nil, comment: "Rosa está de vacaciones", at: Fixture.start)
        #expect(forced.consultation.state == .pending && forced.consultation.claim == nil)
        #expect(forced.entries.last?.actor == "sofia" && forced.entries.last?.reason == "Rosa está de vacaciones")
        #expect(try await fixture.service.perform(.claim, on: item.id, by: "raul", expectedVersion: nil, at: Fixture.start).consultation.claim?.reviewer == "raul")
    }

    @Test(arguments: StoreFactory.all)
    func aCommentDoesNotCostTheClaimantTheirDecision(_ kind: StoreFactory) async throws {
        let fixture = try await Fixture(kind)
        let item = try await fixture.submit()
        let claimed = try await fixture.service.perform(.claim, on: item.id, by: "rosa", expectedVersion: item.version, at: Fixture.start).consultation
        let commented = try await fixture.service.perform(.comment, on: item.id, by: "ana", expectedVersion: nil, comment: "¿alguna duda?", at: Fixture.start)
        #expect(commented.consultation.version == claimed.version, "a comment changes nothing the decision depends on")
        let approved = try await fixture.service.perform(.approve, on: item.id, by: "rosa", expectedVersion: nil, comment: "sí", at: Fixture.start)
        #expect(approved.consultation.state == .approved)
    }

    @Test(arguments: StoreFactory.all)
    func aVersionConflictSaysWhatChangedAndHowToGoOn(_ kind: StoreFactory) async throws {
        let fixture = try await Fixture(kind)
        let item = try await fixture.submit()
        let claimed = try await fixture.service.perform(.claim, on: item.id, by: "rosa", expectedVersion: item.version, at: Fixture.start).consultation
        _ = try await fixture.service.perform(.release, on: item.id, by: "rosa", expectedVersion: nil, at: Fixture.start)
        let error = await #expect(throws: QueueError.self) {
            try await fixture.service.perform(.claim, on: item.id, by: "raul", expectedVersion: item.version, at: Fixture.start)
        }
        #expect(error?.kind == .versionConflict)
        let message = error?.description ?? ""
        #expect(message.contains("desde la versión \(item.version) que viste"))
        #expect(message.contains("rosa reclamó la consulta (versión \(claimed.version))"))
        #expect(message.contains("rosa liberó la consulta (versión \(claimed.version + 1))"))
        #expect(message.contains("repítela con --version \(claimed.version + 1)"))
        #expect(try await fixture.service.perform(.claim, on: item.id, by: "raul", expectedVersion: claimed.version + 1, at: Fixture.start).consultation.claim?.reviewer == "raul")
    }

    @Test(arguments: StoreFactory.all)
    func nobodyReviewsTheirOwnSubmission(_ kind: StoreFactory) async throws {
        let fixture = try await Fixture(kind)
        let item = try await fixture.service.submit(
            { var s = fixture.submission(); s.area = "CNCS"; return s }(), by: "rosa", at: Fixture.start).consultation
        let error = await #expect(throws: QueueError.self) {
            try await fixture.service.perform(.claim, on: item.id, by: "rosa", expectedVersion: item.version, at: Fixture.start)
        }
        #expect(error?.kind == .forbidden)
        #expect(error?.description.contains("propia") == true)
    }

    @Test(arguments: StoreFactory.all)
    func rolesAndAreasAreChecked(_ kind: StoreFactory) async throws {
        let fixture = try await Fixture(kind)
        let item = try await fixture.submit()
        await #expect(throws: QueueError.self) { try await fixture.service.perform(.claim, on: item.id, by: "ana", expectedVersion: nil, at: Fixture.start) }
        await #expect(throws: QueueError.self) { try await fixture.service.perform(.withdraw, on: item.id, by: "beto", expectedVersion: nil, at: Fixture.start) }
        #expect(try await fixture.service.list(ConsultationQuery(), as: "beto").isEmpty, "beto's area does not see DECEYEC's items")
        #expect(try await fixture.service.list(ConsultationQuery(), as: "ana").count == 1)
        var other = fixture.submission()
        other.area = "DERFE"
        await #expect(throws: QueueError.self) { try await fixture.service.submit(other, by: "ana", at: Fixture.start) }
        await #expect(throws: QueueError.self) {
            try await fixture.service.addUser(name: "eva", role: .cncs, area: nil, email: nil, by: "rosa", at: Fixture.start)
        }
        let reopen = await #expect(throws: QueueError.self) {
            _ = try await fixture.consultation(in: .rejected)
            _ = try await fixture.service.perform(.reopen, on: 2, by: "rosa", expectedVersion: nil, comment: "otra vez", at: Fixture.start)
        }
        #expect(reopen?.kind == .forbidden)
    }

    @Test(arguments: StoreFactory.all)
    func queueWideTasksAreForReviewers(_ kind: StoreFactory) async throws {
        let fixture = try await Fixture(kind)
        _ = try await fixture.submit()
        let tick = await #expect(throws: QueueError.self) { try await fixture.service.tick(at: Fixture.start, as: "ana") }
        #expect(tick?.kind == .forbidden)
        #expect(tick?.description == "ana (admin) no puede ejecutar queue tick; hace falta el rol cncs o supervisor")
        let verify = await #expect(throws: QueueError.self) { try await fixture.service.verifyAudit(as: "ana") }
        #expect(verify?.kind == .forbidden)
        let export = await #expect(throws: QueueError.self) { try await fixture.service.forEachAuditEntry(as: "beto") { _ in } }
        #expect(export?.description == "beto (admin) no puede verificar ni exportar la bitácora; hace falta el rol cncs o supervisor")
        #expect(try await fixture.service.tick(at: Fixture.start, as: "rosa").isEmpty)
        var exported: [AuditEntry] = []
        try await fixture.service.forEachAuditEntry(as: "raul") { exported.append($0) }
        #expect(!exported.isEmpty)
        #expect(try await fixture.service.verifyAudit(as: "sofia") == .intact(entries: exported.count, lastHash: exported.last?.hash))
    }

    @Test(arguments: StoreFactory.all)
    func theFirstUserMustBeASupervisor(_ kind: StoreFactory) async throws {
        let lease = try await kind.make()
        let service = QueueService(store: lease.store)
        await #expect(throws: QueueError.self) { try await service.addUser(name: "ana", role: .admin, area: "X", email: nil, by: nil, at: Fixture.start) }
        try await service.addUser(name: "sofia", role: .supervisor, area: nil, email: nil, by: nil, at: Fixture.start)
        await #expect(throws: QueueError.self) { try await service.addUser(name: "ana", role: .admin, area: "X", email: nil, by: nil, at: Fixture.start) }
        try await service.addUser(name: "ana", role: .admin, area: "X", email: nil, by: "sofia", at: Fixture.start)
        #expect(try await service.users().map(\.name) == ["ana", "sofia"])
        withExtendedLifetime(lease) {}
    }

    @Test(arguments: StoreFactory.all)
    func expiryIsNotApprovalAndTickIsIdempotent(_ kind: StoreFactory) async throws {
        let fixture = try await Fixture(kind, policy: QueuePolicy(notifications: [.email, .webhook]))
        let item = try await fixture.submit()
        #expect(item.dueAt == fixture.hours(48))
        #expect(try await fixture.service.tick(at: fixture.hours(47.9)).allSatisfy { $0.event != "expired" })
        let entries = try await fixture.service.tick(at: fixture.hours(48))
        #expect(entries.map(\.event) == ["expired"])
        #expect(entries.first?.actor == "sistema")
        #expect(try await fixture.service.tick(at: fixture.hours(48)).isEmpty)
        #expect(try await fixture.service.tick(at: fixture.hours(60)).isEmpty)
        let covering = try await fixture.service.coverage(ofContentHash: item.contentHash)
        #expect(covering?.consultation.state == .expired && covering?.isApproved == false)
        // The submitter hears the criterion's fallback: INETEL or the Plataforma Nacional de Transparencia.
        let outbox = try await fixture.service.store.read { try await $0.outboxMessages(undeliveredOnly: true) }
        let email = try #require(outbox.first { $0.channel == .email && $0.auditSequence == entries[0].sequence })
        #expect(email.recipients == ["ana@ine.mx"])
        #expect(email.body.contains("INETEL") && email.body.contains("Plataforma Nacional de Transparencia"))
        #expect(outbox.contains { $0.channel == .webhook && $0.auditSequence == entries[0].sequence && $0.payload.contains("\"event\":\"expired\"") })
        // A decision after the deadline is refused, and nothing is decided.
        let late = await #expect(throws: QueueError.self) {
            try await fixture.service.perform(.claim, on: item.id, by: "rosa", expectedVersion: nil, at: fixture.hours(49))
        }
        #expect(late?.description.contains("vencida no es aprobada") == true)
    }

    @Test(arguments: StoreFactory.all)
    func anOverdueItemExpiresBeforeAnyActionEvenWithoutTick(_ kind: StoreFactory) async throws {
        let fixture = try await Fixture(kind)
        let item = try await fixture.submit()
        let claimed = try await fixture.service.perform(.claim, on: item.id, by: "rosa", expectedVersion: nil, at: fixture.hours(47)).consultation
        await #expect(throws: QueueError.self) {
            try await fixture.service.perform(.approve, on: item.id, by: "rosa", expectedVersion: claimed.version, comment: "tarde", at: fixture.hours(48.5))
        }
        let after = try await fixture.item(item.id)
        #expect(after.state == .expired, "the automatic expiry committed even though the approval was refused")
        let history = try await fixture.service.auditLog(of: item.id, as: "sofia").map(\.event)
        #expect(history == ["submitted", "claimed", "expired"])
    }

    @Test(arguments: StoreFactory.all)
    func staleClaimsAreReleased(_ kind: StoreFactory) async throws {
        let fixture = try await Fixture(kind, policy: QueuePolicy(leaseSeconds: 2 * 3600))
        let item = try await fixture.submit()
        let claimed = try await fixture.service.perform(.claim, on: item.id, by: "rosa", expectedVersion: nil, at: fixture.hours(1)).consultation
        #expect(claimed.claim?.expiresAt == fixture.hours(3))
        // Raúl can take it once Rosa's lease ran out; the release is logged as the system's.
        let taken = try await fixture.service.perform(.claim, on: item.id, by: "raul", expectedVersion: nil, at: fixture.hours(3.5))
        #expect(taken.entries.map(\.event) == ["claim_expired", "claimed"])
        #expect(taken.consultation.claim?.reviewer == "raul")
        await #expect(throws: QueueError.self) {
            try await fixture.service.perform(.approve, on: item.id, by: "rosa", expectedVersion: claimed.version, comment: "sí", at: fixture.hours(3.6))
        }
        // tick releases too, once.
        let second = try await fixture.service.tick(at: fixture.hours(6))
        #expect(second.map(\.event) == ["claim_expired"])
        #expect(try await fixture.service.tick(at: fixture.hours(6)).isEmpty)
        #expect(try await fixture.item(item.id).state == .pending)
    }

    @Test(arguments: StoreFactory.all)
    func waitingOnTheSubmitterDoesNotCountAgainstCNCS(_ kind: StoreFactory) async throws {
        let fixture = try await Fixture(kind)
        let item = try await fixture.submit()
        _ = try await fixture.service.perform(.claim, on: item.id, by: "rosa", expectedVersion: nil, at: fixture.hours(10))
        let asked = try await fixture.service.perform(.requestChanges, on: item.id, by: "rosa", expectedVersion: nil, comment: "quita la palabra", at: fixture.hours(10))
        #expect(asked.consultation.dueAt == nil)
        #expect(asked.consultation.remainingSeconds == 38 * 3600)
        #expect(try await fixture.service.tick(at: fixture.hours(90)).isEmpty, "a stopped clock never expires")
        let unchanged = await #expect(throws: QueueError.self) {
            try await fixture.service.submit(fixture.submission(), by: "ana", resubmitting: item.id, at: fixture.hours(100))
        }
        #expect(unchanged?.kind == .invalidInput)
        let resubmitted = try await fixture.service.submit(fixture.submission("versión corregida\n"), by: "ana", resubmitting: item.id, at: fixture.hours(100))
        #expect(resubmitted.consultation.dueAt == fixture.hours(138))
        #expect(resubmitted.consultation.revision == 2)
        let revisions = try await fixture.service.detail(of: item.id, as: "rosa").revisions
        #expect(revisions.map(\.number) == [1, 2])
        #expect(revisions.map(\.contentHash) == [item.contentHash, ContentHash.sha256(Array("versión corregida\n".utf8))])
        // The old text is no longer what the consultation covers.
        #expect(try await fixture.service.coverage(ofContentHash: item.contentHash) == nil)
    }

    @Test(arguments: StoreFactory.all)
    func warningsFireOnceBeforeTheDeadline(_ kind: StoreFactory) async throws {
        let fixture = try await Fixture(kind, policy: QueuePolicy(warningSeconds: 6 * 3600, notifications: [.email]))
        let item = try await fixture.submit()
        #expect(try await fixture.service.tick(at: fixture.hours(41)).isEmpty)
        let warned = try await fixture.service.tick(at: fixture.hours(42))
        #expect(warned.map(\.event) == ["due_warning"])
        #expect(try await fixture.service.tick(at: fixture.hours(43)).isEmpty)
        #expect(try await fixture.item(item.id).version == item.version, "a reminder does not change what the reviewer saw")
        let outbox = try await fixture.service.store.read { try await $0.outboxMessages(undeliveredOnly: true) }
        let reminder = try #require(outbox.first { $0.auditSequence == warned[0].sequence })
        #expect(reminder.audience == .cncs)
        #expect(Set(reminder.recipients) == ["rosa@ine.mx"])
    }

    @Test(arguments: StoreFactory.all)
    func anApprovalCoversOnlyItsExactText(_ kind: StoreFactory) async throws {
        let fixture = try await Fixture(kind)
        let item = try await fixture.submit("Texto A\n")
        _ = try await fixture.service.perform(.claim, on: item.id, by: "rosa", expectedVersion: nil, at: Fixture.start)
        _ = try await fixture.service.perform(.approve, on: item.id, by: "rosa", expectedVersion: nil, comment: "adelante", at: Fixture.start)
        #expect(try await fixture.service.coverage(ofContentHash: ContentHash.sha256(Array("Texto A\n".utf8)))?.isApproved == true)
        #expect(try await fixture.service.coverage(ofContentHash: ContentHash.sha256(Array("Texto A \n".utf8))) == nil)
        let again = await #expect(throws: QueueError.self) { try await fixture.submit("Texto A\n") }
        #expect(again?.description.contains("consulta \(item.id)") == true)
        // A supervisor reopens it: audited, with a new deadline, and no longer approved.
        let reopened = try await fixture.service.perform(.reopen, on: item.id, by: "sofia", expectedVersion: nil, comment: "revisar de nuevo", at: fixture.hours(5))
        #expect(reopened.consultation.state == .pending)
        #expect(reopened.consultation.dueAt == fixture.hours(53))
        #expect(try await fixture.service.coverage(ofContentHash: item.contentHash)?.consultation.state == .pending)
    }

    @Test(arguments: StoreFactory.all)
    func everyEventIsChainedInTheLog(_ kind: StoreFactory) async throws {
        let fixture = try await Fixture(kind)
        _ = try await fixture.consultation(in: .approved)
        _ = try await fixture.consultation(in: .changesRequested)
        let log = try await fixture.service.auditLog(of: nil, as: "sofia")
        #expect(log.map(\.sequence) == Array(1...Int64(log.count)))
        for (previous, entry) in zip(log, log.dropFirst()) { #expect(entry.previousHash == previous.hash) }
        #expect(log.first?.previousHash == AuditChain.genesis)
        #expect(log.allSatisfy { AuditChain.hash(of: $0) == $0.hash })
        #expect(try await fixture.service.verifyAudit(as: "rosa", pageSize: 3) == .intact(entries: log.count, lastHash: log.last?.hash))
        let decision = try #require(log.first { $0.event == "approved" })
        #expect(decision.actor == "rosa" && decision.fromState == "in_review" && decision.toState == "approved" && decision.reason == "sí")
    }
}

@Suite("cadena de la bitácora")
struct AuditChainTests {
    func chain(_ count: Int) -> [AuditEntry] {
        var entries: [AuditEntry] = []
        for index in 1...count {
            entries.append(
                AuditEntry(
                    sequence: Int64(index), at: Fixture.start, actor: "rosa", event: "claimed", consultationID: 1, revision: 1, fromState: "pending",
                    toState: "in_review", reason: nil, details: nil, previousHash: entries.last?.hash ?? AuditChain.genesis
                ).sealed())
        }
        return entries
    }

    func verify(_ entries: [AuditEntry], head: AuditHead?) -> AuditVerification {
        var verifier = AuditChain.Verifier()
        verifier.check(entries)
        return verifier.finish(head: head)
    }

    @Test func namesTheFirstAlteredOrRemovedEntry() {
        let entries = chain(5)
        let head = AuditHead(sequence: 5, hash: entries[4].hash)
        #expect(verify(entries, head: head) == .intact(entries: 5, lastHash: entries[4].hash))
        var altered = entries
        altered[2].reason = "otra cosa"
        #expect(verify(altered, head: head) == .broken(AuditProblem(sequence: 3, kind: .altered), intactEntries: 2))
        var rehashed = altered
        rehashed[2] = rehashed[2].sealed()
        #expect(verify(rehashed, head: head) == .broken(AuditProblem(sequence: 4, kind: .altered), intactEntries: 3))
        var removed = entries
        removed.remove(at: 1)
        #expect(verify(removed, head: head) == .broken(AuditProblem(sequence: 2, kind: .removed), intactEntries: 1))
        #expect(verify(Array(entries.dropLast()), head: head) == .broken(AuditProblem(sequence: 5, kind: .removed), intactEntries: 4))
        #expect(verify(Array(entries.dropFirst()), head: head) == .broken(AuditProblem(sequence: 1, kind: .removed), intactEntries: 0))
    }
}
