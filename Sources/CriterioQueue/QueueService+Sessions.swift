import Foundation

/// Signing in with a password, the browser sessions that follow, and the throttling of failed
/// attempts. Sessions and throttles live in the store, so that a restart or a second server
/// instance sees the same ones.
extension QueueService {
    /// Checks `name`'s password and opens a new session (a new id at every sign-in; `replacing`, the
    /// id of the browser's previous session, is ended). Failed attempts are counted in the store
    /// per user name and per client address (when given); past the free ones, each failure makes
    /// the next attempt under that key wait longer (`QueueError.Kind.throttled`, with
    /// `retryAfterSeconds`), and while it waits the password is not even checked. A success clears
    /// the user name's count; an address's count is forgotten with time, so that one account that
    /// works cannot clear the trail of an address trying many others.
    public func signIn(name: String, password: String, clientAddress: String? = nil, replacing previousID: String? = nil, at now: Date)
        async throws -> NewSession
    {
        let now = Timestamp.rounded(now)
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        let keys = [SignInThrottle.key(user: name)] + (clientAddress?.nilIfEmpty.map { [SignInThrottle.key(address: $0)] } ?? [])
        let rules = policy.credentials
        let waits = try await store.read { tx in
            var waits: [Int] = []
            for key in keys {
                guard let throttle = try await tx.signInThrottle(key: key), !isForgotten(throttle, at: now),
                    let until = throttle.blockedUntil, until > now
                else { continue }
                waits.append(Int(until.timeIntervalSince(now).rounded(.up)))
            }
            return waits
        }
        if let wait = waits.max() {
            throw QueueError(.throttled, "demasiados intentos fallidos; espera \(Self.seconds(wait)) antes de volver a intentarlo", retryAfterSeconds: wait)
        }
        let user = name.isEmpty ? nil : try await store.read { try await findUser(name, $0) }
        guard let user, try await passwordMatches(password, of: user.name) else {
            try await store.write { tx in
                for (index, key) in keys.enumerated() {
                    let free = index == 0 ? rules.freeFailuresPerUser : rules.freeFailuresPerAddress
                    let previous = try await tx.signInThrottle(key: key).flatMap { isForgotten($0, at: now) ? nil : $0 }
                    let failures = (previous?.failures ?? 0) + 1
                    let delay = rules.delaySeconds(afterFailures: failures, free: free)
                    try await tx.saveSignInThrottle(
                        SignInThrottle(
                            key: key, failures: failures, lastFailureAt: now, blockedUntil: delay.map { now.addingTimeInterval(TimeInterval($0)) }))
                }
            }
            throw QueueError(.authenticationFailed, "usuario o contraseña incorrectos")
        }
        let id = Secrets.random()
        let session = Session(
            idHash: Secrets.digest(id), userName: user.name, csrfToken: Secrets.random(), createdAt: now, lastSeenAt: now,
            expiresAt: now.addingTimeInterval(TimeInterval(min(rules.sessionIdleSeconds, rules.sessionLifetimeSeconds))))
        try await store.write { tx in
            try await tx.deleteSignInThrottle(key: keys[0])
            if let previousID { try await tx.deleteSession(idHash: Secrets.digest(previousID)) }
            try await tx.insertSession(session)
        }
        return NewSession(id: id, session: session, user: user)
    }

    /// The session a request's cookie names, if it is still valid, with its user. Use slides its
    /// expiry (written at most once per `CredentialPolicy.touchIntervalSeconds`); an ended session
    /// is removed.
    public func session(id: String, at now: Date) async throws -> SignedIn? {
        let now = Timestamp.rounded(now)
        let hash = Secrets.digest(id)
        let rules = policy.credentials
        let found = try await store.read { tx -> (Session, User?, AuditHead?)? in
            guard let session = try await tx.session(idHash: hash) else { return nil }
            return (session, try await tx.user(named: session.userName), try await tx.auditHead())
        }
        guard let (session, user, head) = found else { return nil }
        guard session.expiresAt > now, let user else {
            try await store.write { try await $0.deleteSession(idHash: hash) }
            return nil
        }
        guard now.timeIntervalSince(session.lastSeenAt) >= Double(rules.touchIntervalSeconds) else {
            return SignedIn(user: user, session: session, auditHead: head)
        }
        var touched = session
        touched.lastSeenAt = now
        touched.expiresAt = min(
            now.addingTimeInterval(TimeInterval(rules.sessionIdleSeconds)),
            session.createdAt.addingTimeInterval(TimeInterval(rules.sessionLifetimeSeconds)))
        try await store.write { try await $0.touchSession(idHash: hash, lastSeenAt: touched.lastSeenAt, expiresAt: touched.expiresAt) }
        return SignedIn(user: user, session: touched, auditHead: head)
    }

    /// Ends the session with this id (signing out); nothing happens when there is none.
    public func signOut(sessionID id: String) async throws {
        try await store.write { try await $0.deleteSession(idHash: Secrets.digest(id)) }
    }

    /// Ends every session of `name` (a supervisor, or the person); returns how many there were.
    @discardableResult
    public func endSessions(of name: String, by actorName: String) async throws -> Int {
        try await store.write { tx in
            let user = try await requireSelfOrSupervisor(actorName, over: name, toDo: "cerrar las sesiones de", tx).user
            return try await tx.deleteSessions(of: user.name)
        }
    }

    /// What the ticker purges: ended sessions and sign-in failures old enough to be forgotten.
    func purgeCredentials(at now: Date) async throws {
        let forgetBefore = now.addingTimeInterval(-TimeInterval(policy.credentials.forgetFailuresAfterSeconds))
        try await store.write { tx in
            _ = try await tx.deleteSessions(expiringAtOrBefore: now)
            _ = try await tx.deleteSignInThrottles(lastFailureBefore: forgetBefore)
        }
    }

    private func isForgotten(_ throttle: SignInThrottle, at now: Date) -> Bool {
        now.timeIntervalSince(throttle.lastFailureAt) >= Double(policy.credentials.forgetFailuresAfterSeconds)
    }

    /// "45 s", "3 min", "15 min".
    private static func seconds(_ value: Int) -> String {
        value < 60 ? "\(value) s" : "\((value + 59) / 60) min"
    }
}
