import CriterioQueue
import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

@testable import CriterioServer

/// The server keeps list answers between polls; whatever changes the queue, from this server or
/// from anywhere else, and the passing of a deadline show in the very next answer.
@Suite("la lista guardada entre consultas")
struct ListAnswersTests {
    final class MovableClock: Sendable {
        private let instant = Mutex(ServerFixture.now)
        func read() -> Date { instant.withLock { $0 } }
        func move(to date: Date) { instant.withLock { $0 = date } }
    }

    @Test func theNextAnswerShowsEveryChangeAndEveryDeadlineThatPassed() async throws {
        let fixture = try await ServerFixture()
        let clock = MovableClock()
        let server = try CriterioServer(service: fixture.service, lint: ServerFixture.lint, clock: { clock.read() })
        let item = try await fixture.submit()
        try await Application(router: server.makeRouter()).test(.router) { client in
            func list(_ name: String, _ query: String = "") async throws -> [[String: Any]] {
                let response = try await client.execute(
                    uri: "/api/v1/consultations\(query)", method: .get, headers: [.authorization: "Bearer \(fixture.tokens[name]!)"])
                #expect(response.status == .ok)
                return response.json as? [[String: Any]] ?? []
            }
            #expect(try await list("rita").map { $0["state"] as? String } == ["pending"])
            #expect(try await list("rita").map { $0["state"] as? String } == ["pending"])
            // A change made outside this server (the command line, another instance) shows at once.
            _ = try await fixture.perform(.claim, item.id, by: "rita")
            #expect(try await list("rita").map { $0["state"] as? String } == ["in_review"])
            #expect(try await list("rita", "?status=pending").isEmpty, "each query its own answer")
            // Nothing is written when the deadline passes; the item turns overdue all the same.
            #expect(try await list("rita").first?["overdue"] as? Bool == false)
            clock.move(to: ServerFixture.now.addingTimeInterval(49 * 3600))
            #expect(try await list("rita").first?["overdue"] as? Bool == true)
            #expect(try await list("rita", "?overdue=true").count == 1)
            // Each user her own answer: an administrator moved to another area stops seeing the item.
            #expect(try await list("ana").count == 1)
            _ = try await fixture.service.changeArea(of: "ana", to: "otra", by: "sara", at: ServerFixture.now)
            #expect(try await list("ana").isEmpty)
            #expect(try await list("beto").isEmpty)
        }
    }

    @Test func theKeptAnswersStayWithinTheirMemory() {
        let answers = ListAnswers(capacityBytes: 10)
        let now = ServerFixture.now
        let ana = ListAnswers.Key(user: "ana", query: ConsultationQuery())
        let rita = ListAnswers.Key(user: "rita", query: ConsultationQuery())
        answers.keep(ByteBuffer(string: "[1,2,3]"), listing: [], for: ana, head: nil, at: now)
        #expect(answers.answer(for: ana, head: nil, at: now) == ByteBuffer(string: "[1,2,3]"))
        #expect(answers.answer(for: ana, head: AuditHead(sequence: 1, hash: "x"), at: now) == nil, "another head, another queue")
        answers.keep(ByteBuffer(string: "[4,5,6]"), listing: [], for: rita, head: nil, at: now)
        #expect(answers.answer(for: rita, head: nil, at: now) != nil)
        #expect(answers.answer(for: ana, head: nil, at: now) == nil, "both would not fit: the older went")
        answers.keep(ByteBuffer(string: "[1,2,3,4,5,6]"), listing: [], for: ana, head: nil, at: now)
        #expect(answers.answer(for: ana, head: nil, at: now) == nil, "an answer larger than the memory is not kept")
        #expect(ListAnswers.key(user: "ana", query: ConsultationQuery(dueAtOrBefore: now)) == nil, "overdue lists depend on the time")
    }
}
