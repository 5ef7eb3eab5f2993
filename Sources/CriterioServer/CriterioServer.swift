import CriterioNotifications
import CriterioQueue
import CriterioRunner
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// The CNCS web UI and JSON API (SPEC §8) over one queue service and one configured linter: the
/// router with its middleware (metrics, security headers, errors, authentication, CSRF), the API
/// and page routes, and the ticker. As thin as the command line: every queue rule is the service's.
public struct CriterioServer: Sendable {
    public let service: QueueService
    public let lint: LintSetup
    public let notifications: NotificationSettings
    public let configuration: ServerConfiguration
    /// "Now" (the command line's `CRITERIO_NOW` moves it for demonstrations).
    public let clock: @Sendable () -> Date
    let metrics = ServerMetrics()
    let listAnswers = ListAnswers()
    let pages: PageRenderer

    public init(
        service: QueueService, lint: LintSetup, notifications: NotificationSettings = NotificationSettings(),
        configuration: ServerConfiguration = ServerConfiguration(), clock: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        self.service = service
        self.lint = lint
        self.notifications = notifications
        self.configuration = configuration
        self.clock = clock
        self.pages = try PageRenderer(timeZone: configuration.timeZone)
    }

    /// Every route, behind the middleware, in the order a request meets them.
    public func makeRouter() -> Router<ServerContext> {
        let router = Router(context: ServerContext.self)
        router.add(middleware: RequestMetricsMiddleware(metrics: metrics))
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: BodyLimitMiddleware(maximumBytes: configuration.maximumBodyBytes))
        router.add(middleware: ErrorResponseMiddleware(pages: pages))
        router.add(middleware: AuthenticationMiddleware(service: service, clock: clock))
        router.add(middleware: CSRFMiddleware())
        APIRoutes(server: self).add(to: router)
        PageRoutes(server: self).add(to: router)
        return router
    }

    /// The application: the HTTP server and the ticker, stopped together on graceful shutdown.
    public func makeApplication(logger: Logger = Logger(label: "criterio.serve"), runsTicker: Bool = true) -> some ApplicationProtocol {
        var services: [any Service] = []
        if runsTicker {
            services.append(
                Ticker(
                    service: service, deliverer: OutboxDeliverer(store: service.store, settings: notifications),
                    interval: configuration.tickInterval, clock: clock, logger: logger, signals: service.store as? any OutboxSignals))
        }
        return Application(
            router: makeRouter(), configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "criterio"),
            services: services, logger: logger)
    }

    /// Serves until SIGTERM or SIGINT, then lets requests in flight finish and stops the ticker.
    public func run(logger: Logger = Logger(label: "criterio.serve")) async throws {
        try await makeApplication(logger: logger).runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }

    /// After a change committed: sends what it queued. A failed delivery stays in the outbox for the ticker.
    func deliverNotifications() async {
        _ = try? await OutboxDeliverer(store: service.store, settings: notifications).deliverPending()
    }
}

/// Sets the body limit on the context and refuses, before reading, a body that says it is larger.
struct BodyLimitMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let maximumBytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.maximumBodyBytes = maximumBytes
        return try await next(request, context)
    }
}
