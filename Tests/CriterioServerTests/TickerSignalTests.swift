import CriterioNotifications
import CriterioQueue
import Foundation
import Logging
import Testing

@testable import CriterioServer

/// The ticker delivers at a store's signal what another process queued, without waiting a round.
@Suite("el ticker y las señales del buzón", .timeLimit(.minutes(1)))
struct TickerSignalTests {
    /// A store's signals, given by the test.
    struct GivenSignals: OutboxSignals {
        let stream: AsyncStream<Void>
        func outboxSignals() -> AsyncStream<Void> { stream }
    }

    /// A transport that keeps the subjects of what it sent.
    actor Sent: NotificationTransport {
        private(set) var subjects: [String] = []
        func send(_ message: OutboxMessage) async throws(DeliveryError) { subjects.append(message.subject) }
    }

    static func message(_ number: Int64) -> OutboxMessage {
        OutboxMessage(
            auditSequence: number, channel: .webhook, audience: .cncs, recipients: [], subject: "aviso \(number)", body: "", payload: "{}",
            createdAt: ServerFixture.now)
    }

    /// Waits until `condition` holds, checking every few milliseconds for up to 30 seconds.
    static func eventually(_ what: Comment, _ condition: () async -> Bool) async throws {
        let clock = ContinuousClock()
        let limit = clock.now.advanced(by: .seconds(30))
        while !(await condition()) {
            if clock.now > limit {
                Issue.record(what)
                return
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    @Test func aSignalDeliversWhatWasQueuedWithoutWaitingForTheNextRound() async throws {
        let fixture = try await ServerFixture()
        let sent = Sent()
        let (stream, signal) = AsyncStream<Void>.makeStream()
        let ticker = Ticker(
            service: fixture.service, deliverer: OutboxDeliverer(store: fixture.service.store, transports: [.webhook: sent]),
            interval: .seconds(3600), clock: { ServerFixture.now }, logger: Logger(label: "prueba"), signals: GivenSignals(stream: stream))
        try await fixture.service.store.write { try await $0.enqueue(Self.message(1)) }
        let running = Task { try await ticker.run() }
        // The first round, at start, sends what was already waiting.
        try await Self.eventually("la primera ronda no envió el aviso") { await sent.subjects == ["aviso 1"] }
        // The next round is an hour away: only the signal can send this one now.
        try await fixture.service.store.write { try await $0.enqueue(Self.message(2)) }
        signal.yield()
        try await Self.eventually("la señal no envió el aviso") { await sent.subjects == ["aviso 1", "aviso 2"] }
        // Stopping the server stops both the rounds and the listening.
        running.cancel()
        _ = await running.result
        #expect(await sent.subjects == ["aviso 1", "aviso 2"], "each message once")
    }
}
