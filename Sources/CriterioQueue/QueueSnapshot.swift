import Foundation

/// Everything a queue holds that moves with it to another store (`criterio queue migrate --to`):
/// users with their password hashes, API tokens, consultations, revisions, the whole audit log and
/// its head, and the outbox (which messages were delivered). Sessions and sign-in throttles stay
/// behind: people sign in again. Read through the `QueueStore` protocol, in one snapshot, so any
/// store can be the source.
public struct QueueSnapshot: Sendable {
    public struct StoredUser: Sendable, Equatable {
        public var user: User
        public var passwordHash: String?
    }

    public struct StoredOutboxMessage: Sendable, Equatable {
        public var message: OutboxMessage
        public var delivered: Bool
    }

    public var users: [StoredUser] = []
    public var apiTokens: [APIToken] = []
    public var consultations: [Consultation] = []
    public var revisions: [Revision] = []
    public var auditEntries: [AuditEntry] = []
    public var auditHead: AuditHead?
    public var outbox: [StoredOutboxMessage] = []

    public init() {}

    /// Reads the whole queue of `store` in one read transaction.
    public static func read(from store: any QueueStore, pageSize: Int = 2000) async throws -> QueueSnapshot {
        try await store.read { tx in
            var snapshot = QueueSnapshot()
            for user in try await tx.users() {
                snapshot.users.append(StoredUser(user: user, passwordHash: try await tx.passwordHash(of: user.name)))
                snapshot.apiTokens += try await tx.apiTokens(of: user.name)
            }
            snapshot.apiTokens.sort { $0.id < $1.id }
            snapshot.consultations = try await tx.consultations(ConsultationQuery()).sorted { $0.id < $1.id }
            for consultation in snapshot.consultations {
                snapshot.revisions += try await tx.revisions(of: consultation.id)
            }
            var after: Int64 = 0
            while true {
                let page = try await tx.auditEntries(consultationID: nil, after: after, limit: pageSize)
                snapshot.auditEntries += page
                guard let last = page.last, page.count == pageSize else { break }
                after = last.sequence
            }
            snapshot.auditHead = try await tx.auditHead()
            let undelivered = Set(try await tx.outboxMessages(undeliveredOnly: true).map(\.id))
            snapshot.outbox = try await tx.outboxMessages(undeliveredOnly: false).map {
                StoredOutboxMessage(message: $0, delivered: !undelivered.contains($0.id))
            }
            return snapshot
        }
    }
}
