import CriterioQueue
import Hummingbird
import NIOCore

/// Who a request speaks for, and how it proved it.
public struct Identity: Sendable {
    public enum Credential: Sendable {
        /// `Authorization: Bearer crt_…`: scripts. No CSRF token is asked for.
        case token
        /// The session cookie: a browser. Every state change must carry the session's CSRF token.
        case session(id: String, Session)
    }

    public let user: User
    public let credential: Credential
    /// Where the audit log ended when the credential was checked (same read): what the list's kept
    /// answers are compared with, so that a kept answer costs one read of the store in all.
    public let auditHead: AuditHead?

    public init(user: User, credential: Credential, auditHead: AuditHead? = nil) {
        self.user = user
        self.credential = credential
        self.auditHead = auditHead
    }

    /// The session's CSRF token, for forms; nil for tokens.
    public var csrfToken: String? {
        if case .session(_, let session) = credential { return session.csrfToken }
        return nil
    }
}

/// The request context of every route: Hummingbird's own storage, the identity the authentication
/// middleware found, and the client's address (for sign-in throttling).
public struct ServerContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: Identity?
    public let remoteAddress: String?
    /// Set by the middleware from the server's settings: bodies above it get 413.
    public var maximumBodyBytes: Int = 1 << 20

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress
    }

    public var maxUploadSize: Int { maximumBodyBytes }

    /// The signed-in user, or 401.
    public func requireUser() throws -> Identity {
        guard let identity else { throw ServerError.unauthenticated }
        return identity
    }
}
