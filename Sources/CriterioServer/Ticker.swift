import CriterioNotifications
import CriterioQueue
import Foundation
import Logging
import ServiceLifecycle

/// The queue's clock in the server: every interval it runs `QueueService.tick` (expiry, near-due
/// warnings, stale claims, ended sessions) and delivers the outbox. Every instance runs one; the
/// store's write transactions keep two instances from doing the same work twice. On graceful
/// shutdown (SIGTERM) it finishes the round it is in and stops.
struct Ticker: Service {
    let service: QueueService
    let deliverer: OutboxDeliverer
    let interval: Duration
    let clock: @Sendable () -> Date
    let logger: Logger

    func run() async throws {
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
        do {
            let report = try await deliverer.deliverPending()
            if !report.failures.isEmpty { logger.warning("avisos sin entregar", metadata: ["fallas": "\(report.failures.count)"]) }
        } catch {
            logger.error("no se pudo entregar el buzón de salida", metadata: ["tipo": "\(type(of: error))"])
        }
    }
}
