import Hummingbird

/// Counts every request by route and status and records its latency (`/metrics`).
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            metrics.record(route: context.endpointPath ?? "NotFound", method: request.method, status: response.status.code, since: start)
            return response
        } catch {
            metrics.record(route: context.endpointPath ?? "NotFound", method: request.method, status: ServerError.answer(for: error).status.code, since: start)
            throw error
        }
    }
}
