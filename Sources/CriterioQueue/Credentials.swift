import CriterioFoundation
import Crypto
import Foundation
import HummingbirdBcrypt

/// An API token as stored: its owner, a label and times, and the SHA-256 of the secret. The secret
/// itself (`crt_…`) is shown once, when it is created (`QueueService.createAPIToken`).
public struct APIToken: Sendable, Equatable {
    public var id: Int64
    public var userName: String
    /// What the token is for ("integración continua"); may be empty.
    public var label: String
    /// SHA-256 of the secret, lowercase hex.
    public var hash: String
    public var createdAt: Date
    /// The last time it authenticated a request, to the store's touch interval; nil if never.
    public var lastUsedAt: Date?

    public init(id: Int64 = 0, userName: String, label: String, hash: String, createdAt: Date, lastUsedAt: Date? = nil) {
        self.id = id
        self.userName = userName
        self.label = label
        self.hash = hash
        self.createdAt = Timestamp.rounded(createdAt)
        self.lastUsedAt = lastUsedAt.map(Timestamp.rounded)
    }
}

/// A new API token: the secret to hand to the person once, and what the store keeps.
public struct NewAPIToken: Sendable {
    public let secret: String
    public let token: APIToken
}

/// A signed-in browser session as stored. The cookie carries the session id; the store keeps only
/// its SHA-256. Every session has its own CSRF secret, which forms and cookie-authenticated state
/// changes must carry back (`accepts(csrfToken:)`).
public struct Session: Sendable, Equatable {
    /// SHA-256 of the session id, lowercase hex.
    public var idHash: String
    public var userName: String
    public var csrfToken: String
    public var createdAt: Date
    public var lastSeenAt: Date
    /// Slides forward with use (`CredentialPolicy.sessionIdleSeconds`), never past
    /// `createdAt + sessionLifetimeSeconds`.
    public var expiresAt: Date

    public init(idHash: String, userName: String, csrfToken: String, createdAt: Date, lastSeenAt: Date, expiresAt: Date) {
        self.idHash = idHash
        self.userName = userName
        self.csrfToken = csrfToken
        self.createdAt = Timestamp.rounded(createdAt)
        self.lastSeenAt = Timestamp.rounded(lastSeenAt)
        self.expiresAt = Timestamp.rounded(expiresAt)
    }

    /// Whether `token` is this session's CSRF token (compared in constant time).
    public func accepts(csrfToken token: String) -> Bool {
        Secrets.equal(token, csrfToken)
    }
}

/// A session just opened: the id for the cookie (shown only now), the stored session and its user.
public struct NewSession: Sendable {
    public let id: String
    public let session: Session
    public let user: User
}

/// A request's session, found and still valid.
public struct SignedIn: Sendable {
    public let user: User
    public let session: Session
    /// Where the audit log ended when the session was found, read in the same transaction: a
    /// request that needs the head (the server's kept list answers) asks the store once, not twice.
    public let auditHead: AuditHead?
}

/// The user an API token belongs to, with where the audit log ended when the token was checked
/// (read in the same transaction, as for `SignedIn`).
public struct TokenHolder: Sendable {
    public let user: User
    public let auditHead: AuditHead?
}

/// Failed sign-ins counted under one key: a user name, or a client address.
public struct SignInThrottle: Sendable, Equatable {
    /// `user:NAME` or `address:SHA-256 of the address` (addresses are not kept in clear).
    public var key: String
    public var failures: Int
    public var lastFailureAt: Date
    /// No attempt under this key is checked before this instant.
    public var blockedUntil: Date?

    public init(key: String, failures: Int, lastFailureAt: Date, blockedUntil: Date?) {
        self.key = key
        self.failures = failures
        self.lastFailureAt = Timestamp.rounded(lastFailureAt)
        self.blockedUntil = blockedUntil.map(Timestamp.rounded)
    }

    public static func key(user name: String) -> String { "user:" + name }
    public static func key(address: String) -> String { "address:" + ContentHash.sha256(Array(address.utf8)) }
}

/// How passwords, sessions, tokens and sign-in throttling behave.
public struct CredentialPolicy: Sendable {
    /// bcrypt's work factor (log2 of its rounds, 4…31).
    public var bcryptCost: UInt8
    public var minimumPasswordLength: Int
    /// A session ends after this long without use…
    public var sessionIdleSeconds: Int
    /// …and after this long in any case.
    public var sessionLifetimeSeconds: Int
    /// A session's or token's last use is written at most this often (a read per request, not a write).
    public var touchIntervalSeconds: Int
    /// Failed sign-ins per user name allowed without delay.
    public var freeFailuresPerUser: Int
    /// Failed sign-ins per client address allowed without delay (several people may share one).
    public var freeFailuresPerAddress: Int
    /// The delay after the first failure beyond the free ones; it doubles with each further failure…
    public var firstDelaySeconds: Int
    /// …up to this.
    public var maximumDelaySeconds: Int
    /// Failures older than this are forgotten (and purged by the ticker).
    public var forgetFailuresAfterSeconds: Int

    public init(
        bcryptCost: UInt8 = 12, minimumPasswordLength: Int = 12, sessionIdleSeconds: Int = 8 * 3600,
        sessionLifetimeSeconds: Int = 7 * 24 * 3600, touchIntervalSeconds: Int = 60, freeFailuresPerUser: Int = 3,
        freeFailuresPerAddress: Int = 20, firstDelaySeconds: Int = 2, maximumDelaySeconds: Int = 15 * 60,
        forgetFailuresAfterSeconds: Int = 24 * 3600
    ) {
        self.bcryptCost = bcryptCost
        self.minimumPasswordLength = minimumPasswordLength
        self.sessionIdleSeconds = sessionIdleSeconds
        self.sessionLifetimeSeconds = sessionLifetimeSeconds
        self.touchIntervalSeconds = touchIntervalSeconds
        self.freeFailuresPerUser = freeFailuresPerUser
        self.freeFailuresPerAddress = freeFailuresPerAddress
        self.firstDelaySeconds = firstDelaySeconds
        self.maximumDelaySeconds = maximumDelaySeconds
        self.forgetFailuresAfterSeconds = forgetFailuresAfterSeconds
    }

    /// How long to wait after the `failures`-th failure when `free` come without delay; nil for none.
    func delaySeconds(afterFailures failures: Int, free: Int) -> Int? {
        let beyond = failures - free
        guard beyond > 0 else { return nil }
        let doublings = min(beyond - 1, 30)
        return min(firstDelaySeconds << doublings, maximumDelaySeconds)
    }

    /// Why `password` may not be used, or nil. bcrypt reads at most 72 bytes and stops at a NUL.
    func problem(with password: String, of userName: String) -> String? {
        if password.count < minimumPasswordLength { return "la contraseña debe tener al menos \(minimumPasswordLength) caracteres" }
        if password.utf8.count > 72 { return "la contraseña no puede pasar de 72 bytes (bcrypt no lee más)" }
        if password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "la contraseña no puede llevar caracteres de control"
        }
        if password.lowercased() == userName.lowercased() { return "la contraseña no puede ser el nombre de usuario" }
        return nil
    }
}

/// Random secrets and their digests.
enum Secrets {
    /// 32 random bytes from the system's cryptographic generator, base64url without padding.
    static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// SHA-256 of the secret's UTF-8, lowercase hex: what a store keeps.
    static func digest(_ secret: String) -> String {
        ContentHash.sha256(Array(secret.utf8))
    }

    /// Compares two secrets without leaking, through timing, how much of them matched.
    static func equal(_ a: String, _ b: String) -> Bool {
        SHA256.hash(data: Array(a.utf8)) == SHA256.hash(data: Array(b.utf8))
    }

    /// The prefix of API tokens, so that one pasted by mistake in a chat or a file is recognised.
    static let tokenPrefix = "crt_"
}

/// bcrypt, on a thread of its own: one hash costs a core for a quarter of a second at cost 12.
enum PasswordHashing {
    static func hash(_ password: String, cost: UInt8) async -> String {
        await DedicatedThread.run { Bcrypt.hash(password, cost: cost) }
    }

    static func verify(_ password: String, against hash: String) async -> Bool {
        await DedicatedThread.run { Bcrypt.verify(password, hash: hash) }
    }

    /// Spends what a check would when there is no hash to check (an unknown user, or one without
    /// a password), so that the time of the answer does not tell which names exist.
    static func waste(_ password: String, cost: UInt8) async {
        _ = await hash(password, cost: cost)
    }
}
