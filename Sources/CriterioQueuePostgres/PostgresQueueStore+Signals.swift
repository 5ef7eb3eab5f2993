import CriterioQueue
import Foundation
import PostgresNIO

/// `LISTEN criterio_buzon` on a connection of its own (a listening connection cannot go back to
/// the pool); `enqueue` notifies the channel in its transaction, so the signal leaves at commit and
/// never for a transaction rolled back. A lost connection is opened again every few seconds.
extension PostgresQueueStore: OutboxSignals {
    /// The channel `enqueue` notifies; PostgreSQL folds a transaction's identical notifications into one.
    static let outboxChannel = "criterio_buzon"
    /// How long to wait before listening again after the connection failed or dropped.
    static let listenRetryDelay: Duration = .seconds(5)

    public func outboxSignals() -> AsyncStream<Void> {
        let location = location
        return AsyncStream(bufferingPolicy: .bufferingNewest(1)) { continuation in
            let listening = Task {
                while !Task.isCancelled {
                    await Self.listen(location) { continuation.yield() }
                    try? await Task.sleep(for: Self.listenRetryDelay)
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in listening.cancel() }
        }
    }

    /// One connection's worth of listening: returns when the connection fails, drops or the task is cancelled.
    private static func listen(_ location: PostgresLocation, signal: @escaping @Sendable () -> Void) async {
        guard let configuration = try? connectionConfiguration(location),
            let connection = try? await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        else { return }
        _ = try? await connection.listen(on: outboxChannel) { notifications in
            signal()
            for try await _ in notifications { signal() }
        }
        try? await connection.close()
    }
}
