import CriterioNotifications
import CriterioQueue
import Foundation
import Logging
import ServiceLifecycle

/// The queue's clock in the server: every interval it runs `QueueService.tick` (expiry, near-due
/// warnings, stale claims, ended sessions) and delivers the outbox. Every instance runs one; the
/// store's write transactions keep two instances from doing the same work twice. Where the store
/// can signal what other processes queued (`OutboxSignals`, PostgreSQL), the ticker also delivers
/// at each signal, without waiting for its next round. On graceful shutdown (SIGTERM) it finishes
/// what it is doing and stops.
struct Ticker: Service {
    let service: QueueService
    let deliverer: OutboxDeliverer
    let interval: Duration
    let clock: @Sendable () -> Date
    let logger: Logger
    /// Where signals of queued messages come from; nil: only the rounds deliver.
    var signals: (any OutboxSignals)? = nil

    func run() async throws {
        await withDiscardingTaskGroup { group in
            if let signals {
                group.addTask {
                    for await _ in signals.outboxSignals().cancelOnGracefulShutdown() { await deliverOutbox() }
                }
            }
            group.addTask { await rounds() }
        }
    }

    private func rounds() async {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            await round()
            do {
                _ = try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                break
            }
        }
    }

    /// One round; a failure is logged (without personal data) and the next round tries again.
    func round() async {
        do {
            let entries = try await service.tick(at: clock())
            if !entries.isEmpty { logger.info("cola al día", metadata: ["eventos": "\(entries.count)"]) }
        } catch {
            logger.error("no se pudo ejecutar el tick de la cola", metadata: ["tipo": "\(type(of: error))"])
        }
        await deliverOutbox()
    }

    /// Sends what is waiting in the outbox; what fails stays there for a later round.
    func deliverOutbox() async {
        do {
            let report = try await deliverer.deliverPending()
            if !report.failures.isEmpty { logger.warning("avisos sin entregar", metadata: ["fallas": "\(report.failures.count)"]) }
        } catch {
            logger.error("no se pudo entregar el buzón de salida", metadata: ["tipo": "\(type(of: error))"])
        }
    }
}
