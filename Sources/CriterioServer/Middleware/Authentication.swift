import CriterioQueue
import Foundation
import Hummingbird

/// Finds who a request speaks for: an `Authorization: Bearer` token (a wrong one is refused with
/// 401 at once), else the session cookie (an unknown or ended one is as good as none). Both are
/// checked by the queue service against the store, so a restart or a second instance knows them.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let service: QueueService
    let clock: @Sendable () -> Date

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let authorization = request.headers[.authorization] {
            let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else {
                throw ServerError(.unauthorized, "la cabecera Authorization debe ser «Bearer TOKEN»")
            }
            do {
                let holder = try await service.authenticate(bearer: String(parts[1]).trimmingCharacters(in: .whitespaces), at: clock())
                context.identity = Identity(user: holder.user, credential: .token, auditHead: holder.auditHead)
            } catch let error as QueueError where error.kind == .authenticationFailed {
                throw ServerError.badToken
            }
        } else if let cookie = request.cookies[SessionCookie.name], !cookie.value.isEmpty,
            let signedIn = try await service.session(id: cookie.value, at: clock())
        {
            context.identity = Identity(user: signedIn.user, credential: .session(id: cookie.value, signedIn.session), auditHead: signedIn.auditHead)
        }
        return try await next(request, context)
    }
}

/// The session cookie and the sign-in form's pre-session CSRF cookie.
enum SessionCookie {
    static let name = "criterio_sesion"
    static let signInCSRF = "criterio_csrf"

    /// Whether the request came over TLS (directly or through a proxy that says so).
    static func isSecure(_ request: Request, configuration: ServerConfiguration) -> Bool {
        configuration.secureCookies || request.headers[.xForwardedProto]?.lowercased() == "https"
    }

    static func make(name: String, value: String, maxAge: Int?, secure: Bool) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }
}
