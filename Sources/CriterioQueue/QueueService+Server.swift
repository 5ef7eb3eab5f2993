import Foundation

/// What the web server asks the queue beyond what the command line does.
extension QueueService {
    /// Every user, for a supervisor (the server's `GET /api/v1/users` and users page); others are refused.
    public func users(as actorName: String) async throws -> [User] {
        try await store.read { tx in
            _ = try await requireSupervisor(actorName, toDo: "ver la lista de usuarios", tx)
            return try await tx.users()
        }
    }

    /// Where the audit log ends (nil while it is empty). Every change to a consultation or a user
    /// appends to the log in its transaction: while the head stays, so does what `list` answers,
    /// but for the items that turn overdue meanwhile. The server keeps list answers by it.
    public func auditHead() async throws -> AuditHead? {
        try await store.read { try await $0.auditHead() }
    }

    /// A new random secret (32 bytes, base64url), as sessions and tokens use: the server's
    /// pre-session CSRF token of the sign-in form.
    public static func randomSecret() -> String {
        Secrets.random()
    }
}

/// Durations as people read them: "45 min", "5 h", "5 h 20 min".
public enum DurationText {
    public static func string(seconds: Int) -> String {
        let minutes = max(0, seconds) / 60
        if minutes < 60 { return "\(minutes) min" }
        let hours = minutes / 60
        return minutes % 60 == 0 ? "\(hours) h" : "\(hours) h \(minutes % 60) min"
    }
}
