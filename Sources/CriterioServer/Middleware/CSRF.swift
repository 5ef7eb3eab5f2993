import CriterioQueue
import Hummingbird

/// The one CSRF check (hummingbird has none): every state change made with a session cookie must
/// carry the session's CSRF token, in the `X-CSRF-Token` header or the form's `csrf` field. The
/// sign-in form, before there is a session, carries the token of its own cookie (double submit).
/// Requests with a bearer token need none: a browser never adds one by itself.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = ServerContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard ![HTTPRequest.Method.get, .head, .options].contains(request.method) else { return try await next(request, context) }
        var request = request
        switch context.identity?.credential {
        case .token:
            break
        case .session(_, let session):
            let token = try await Self.token(in: &request, context: context)
            guard let token, session.accepts(csrfToken: token) else { throw ServerError.csrf }
        case nil:
            guard request.uri.path == PageRoutes.signInPath else { break }
            let token = try await Self.token(in: &request, context: context)
            guard let token, let cookie = request.cookies[SessionCookie.signInCSRF]?.value, !cookie.isEmpty, token == cookie else {
                throw ServerError.csrf
            }
        }
        return try await next(request, context)
    }

    /// The header's token, else the form field's (the body is collected once and kept for the route).
    static func token(in request: inout Request, context: Context) async throws -> String? {
        if let header = request.headers[.xCSRFToken] { return header }
        guard RequestBodies.isForm(request) else { return nil }
        let form: CSRFField = try await RequestBodies.form(CSRFField.self, &request, context: context)
        return form.csrf
    }

    struct CSRFField: Decodable {
        let csrf: String?
    }
}
