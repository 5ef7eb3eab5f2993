import CriterioFoundation
import CriterioQueue
import Foundation
import Hummingbird
import Prometheus

/// What `/metrics` says, in Prometheus text (SPEC §8): requests by route and status and their
/// latency, recorded as they happen; queue depth by state, overdue items and time to decision,
/// read from the store at each scrape (so several instances agree).
final class ServerMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    /// One scrape at a time rebuilds the queue's figures.
    private let scrapeLock = Locked(())
    private static let latencyBuckets: [Duration] = [
        .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5),
    ]
    private static let decisionBuckets: [Double] = [3600, 4 * 3600, 12 * 3600, 24 * 3600, 36 * 3600, 48 * 3600, 72 * 3600]

    func record(route: String, method: HTTPRequest.Method, status: Int, since start: ContinuousClock.Instant) {
        let labels = [("route", route), ("method", method.rawValue), ("status", String(status))]
        registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "criterio", metricName: "http_requests", unitName: "total", helpText: "Peticiones atendidas, por ruta, método y estado."),
            labels: labels
        ).increment()
        registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(
                namespace: "criterio", metricName: "http_request_duration", unitName: "seconds", helpText: "Latencia de las peticiones, por ruta."),
            labels: [("route", route), ("method", method.rawValue)], buckets: Self.latencyBuckets
        ).record(ContinuousClock.now - start)
    }

    /// Reads the queue's figures and renders everything.
    func scrape(store: any QueueStore, now: Date) async throws -> [UInt8] {
        let items = try await store.read { try await $0.consultations(ConsultationQuery()) }
        return scrapeLock.withLock { _ in render(items, now: now) }
    }

    private func render(_ items: [Consultation], now: Date) -> [UInt8] {
        var byState: [ConsultationState: Int] = [:]
        for item in items { byState[item.state, default: 0] += 1 }
        for state in ConsultationState.allCases {
            registry.makeGauge(
                descriptor: MetricNameDescriptor(namespace: "criterio", metricName: "consultations", unitName: "", helpText: "Consultas en la cola, por estado."),
                labels: [("state", state.rawValue)]
            ).set(Double(byState[state] ?? 0))
        }
        registry.makeGauge(
            descriptor: MetricNameDescriptor(
                namespace: "criterio", metricName: "consultations_overdue", unitName: "", helpText: "Consultas sin respuesta después de su plazo.")
        ).set(Double(items.filter { $0.isOverdue(at: now) }.count))
        // Time to decision: a histogram rebuilt from the items' last decisions at each scrape.
        let decided = items.compactMap { item in item.decision.map { $0.at.timeIntervalSince(item.submittedAt) } }
        registry.unregisterValueHistogram(decisionHistogram)
        let histogram = registry.makeValueHistogram(
            descriptor: MetricNameDescriptor(
                namespace: "criterio", metricName: "time_to_decision", unitName: "seconds",
                helpText: "Tiempo entre el envío y la última respuesta de la CNCS, de las consultas con respuesta."),
            buckets: Self.decisionBuckets)
        for seconds in decided { histogram.record(seconds) }
        return registry.emitToBuffer()
    }

    private var decisionHistogram: ValueHistogram {
        registry.makeValueHistogram(
            descriptor: MetricNameDescriptor(
                namespace: "criterio", metricName: "time_to_decision", unitName: "seconds",
                helpText: "Tiempo entre el envío y la última respuesta de la CNCS, de las consultas con respuesta."),
            buckets: Self.decisionBuckets)
    }
}
