import CriterioFoundation
import CriterioQueue
import Hummingbird

/// A refusal of the server itself (not of the queue): an HTTP status and a Spanish sentence. The
/// queue's refusals (`QueueError`) are mapped to statuses by `ServerError.status(of:)`.
public struct ServerError: Error, Sendable {
    public let status: HTTPResponse.Status
    public let message: String
    public var headers: HTTPFields = [:]

    public init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
    }

    static let unauthenticated = ServerError(.unauthorized, "inicia sesión o manda un token de API (Authorization: Bearer …)")
    static let badToken = ServerError(.unauthorized, "el token no es válido o fue revocado")
    static let csrf = ServerError(.forbidden, "falta el token CSRF de la sesión o no coincide; recarga la página y vuelve a intentarlo")
    static let tooLarge = ServerError(.contentTooLarge, "el cuerpo de la petición pasa de 1 MiB")
    static let notFound = ServerError(.notFound, "no existe esa página ni esa ruta")

    static func unsupportedType(expected: String) -> ServerError {
        ServerError(.unsupportedMediaType, "el cuerpo debe enviarse como \(expected)")
    }

    /// The status a queue refusal answers with (SPEC §8).
    static func status(of error: QueueError) -> HTTPResponse.Status {
        switch error.kind {
        case .notFound: .notFound
        case .forbidden: .forbidden
        case .versionConflict, .claimConflict, .invalidTransition: .conflict
        case .invalidInput: .unprocessableContent
        case .authenticationFailed: .unauthorized
        case .throttled: .tooManyRequests
        }
    }

    /// Any error, as what the client is told: a status, a stable code and a Spanish message. Errors
    /// that are nobody's fault but the server's say so without details (they are logged, without
    /// the request's content).
    static func answer(for error: any Error) -> (status: HTTPResponse.Status, code: String, message: String, headers: HTTPFields) {
        switch error {
        case let error as ServerError:
            return (error.status, code(of: error.status), error.message, error.headers)
        case let error as QueueError:
            var headers: HTTPFields = [:]
            if let wait = error.retryAfterSeconds { headers[.retryAfter] = String(wait) }
            return (status(of: error), error.kind.rawValue, error.description, headers)
        case let error as any HTTPResponseError:
            switch error.status {
            case .contentTooLarge: return (.contentTooLarge, "too_large", tooLarge.message, [:])
            case .notFound: return (.notFound, "not_found", notFound.message, [:])
            case .methodNotAllowed: return (.methodNotAllowed, "method_not_allowed", "esa ruta no admite ese método", [:])
            case let status where status.code < 500: return (status, code(of: status), "petición inválida", [:])
            default: return (.internalServerError, "internal", "error interno del servidor; inténtalo de nuevo", [:])
            }
        default:
            return (.internalServerError, "internal", "error interno del servidor; inténtalo de nuevo", [:])
        }
    }

    static func code(of status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "bad_request"
        case 401: "authentication_failed"
        case 403: "forbidden"
        case 404: "not_found"
        case 409: "conflict"
        case 413: "too_large"
        case 415: "unsupported_media_type"
        case 422: "invalid_input"
        case 429: "throttled"
        default: status.code >= 500 ? "internal" : "error"
        }
    }
}
