import CriterioFoundation
import Hummingbird
import Logging

/// Turns every refusal and failure into the answer a client understands: JSON `{"error", "message"}`
/// under `/api/`, `/healthz` and `/metrics`, a Spanish page elsewhere (a page that needs a session
/// sends the browser to sign in). Nothing a client sends reaches the log: only the route, the status
/// and, for the server's own failures, the type of the error.
struct ErrorResponseMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let pages: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let answer = ServerError.answer(for: error)
            if answer.status.code >= 500 {
                context.logger.error("error interno", metadata: ["ruta": "\(context.endpointPath ?? "?")", "tipo": "\(type(of: error))"])
            }
            if Self.isMachinePath(request.uri.path) {
                var response = Reply.json(ErrorBody(error: answer.code, message: answer.message), status: answer.status)
                for field in answer.headers { response.headers.append(field) }
                if answer.status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer" }
                return response
            }
            if answer.status == .unauthorized, request.method == .get {
                return Reply.redirect(to: "/ingresar?siguiente=" + PageRoutes.safeNext(request.uri.path))
            }
            var response = pages.errorPage(status: answer.status, message: answer.message, identity: context.identity)
            for field in answer.headers { response.headers.append(field) }
            return response
        }
    }

    static func isMachinePath(_ path: String) -> Bool {
        path.hasPrefix("/api/") || path == "/healthz" || path == "/metrics"
    }

    struct ErrorBody: Encodable {
        let error: String
        let message: String
    }
}
