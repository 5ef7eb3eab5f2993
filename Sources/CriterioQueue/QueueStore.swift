import Foundation

/// Where the queue keeps its data. Stores only read and write rows; every rule of the queue lives in
/// `QueueService`. Everything is asynchronous: a store never blocks a thread of Swift's cooperative
/// pool (nor a server's event loop) on the database. An adapter must:
///
/// - run `write` bodies one at a time across every process and server sharing the store, all or
///   nothing, so that what a body reads stays true until it commits (SQLite: `BEGIN IMMEDIATE`;
///   PostgreSQL: a transaction that first locks the audit head row, `SELECT … FOR UPDATE`). The
///   read-modify-write sequences of the service (the audit head, sign-in throttles, an item and its
///   version) rely on it;
/// - run `read` bodies in one consistent snapshot;
/// - commit a `write` only when its body returns, and roll it back when the body throws (the error
///   is rethrown, `QueueError` and `QueueStoreError` unchanged) or the task is cancelled;
/// - refuse `updateConsultation` when the stored version is not `expectedVersion` (compare and swap);
/// - keep the audit log append-only and move the head in the same transaction as the entry;
/// - keep outbox messages written in a transaction invisible to `takeOutboxMessages` until it
///   commits, and hand each message to one caller at a time (a lease).
///
/// A body must not call the store again (no nested transactions): it gets everything it needs
/// from its transaction. Results cross the store's boundary, so they are `Sendable`.
///
/// Credentials are stored as the service hands them over: a password as its bcrypt hash, an API
/// token and a session id as the SHA-256 of the secret; a store never sees a secret.
///
/// `Tests/CriterioQueueTests` runs one suite against every adapter (`StoreFactory.all`).
public protocol QueueStore: Sendable {
    func write<T: Sendable>(_ body: (any QueueWriteTransaction) async throws -> T) async throws -> T
    func read<T: Sendable>(_ body: (any QueueReadTransaction) async throws -> T) async throws -> T
}

/// A store shared by several processes that can tell each of them when another one queued a
/// message (PostgreSQL: `LISTEN`/`NOTIFY`). A server that listens delivers what a command-line user
/// or another instance committed at once, instead of at its next ticker round; the rounds stay the
/// fallback, so a signal that is lost costs a delay, never a message.
public protocol OutboxSignals: Sendable {
    /// Yields once as soon as it is listening (and again after every reconnection, since what was
    /// queued meanwhile went unannounced), then after each committed transaction that queued
    /// messages; signals that arrive while nobody reads are folded into one. Listening stops when
    /// the task iterating the stream is cancelled or the stream is dropped.
    func outboxSignals() -> AsyncStream<Void>
}

/// Which consultations to list.
public struct ConsultationQuery: Sendable, Hashable {
    public var states: Set<ConsultationState>?
    public var area: String?
    public var submitter: String?
    public var contentHash: String?
    /// Only items whose deadline is at or before this instant (with a running clock).
    public var dueAtOrBefore: Date?

    public init(
        states: Set<ConsultationState>? = nil, area: String? = nil, submitter: String? = nil, contentHash: String? = nil,
        dueAtOrBefore: Date? = nil
    ) {
        self.states = states
        self.area = area
        self.submitter = submitter
        self.contentHash = contentHash
        self.dueAtOrBefore = dueAtOrBefore
    }
}

/// What a transaction reads. Instants are compared as stored: whole milliseconds (`Timestamp`).
public protocol QueueReadTransaction {
    // MARK: Consultations

    func consultation(id: Int64) async throws -> Consultation?
    /// Ordered by deadline (items without one last), then id.
    func consultations(_ query: ConsultationQuery) async throws -> [Consultation]
    /// Ordered by number.
    func revisions(of consultationID: Int64) async throws -> [Revision]

    // MARK: Users and credentials

    /// By exact name.
    func user(named name: String) async throws -> User?
    /// Ordered by name.
    func users() async throws -> [User]
    /// The user's bcrypt hash; nil when the user has no password (or does not exist).
    func passwordHash(of userName: String) async throws -> String?
    /// The user's API tokens, ordered by id.
    func apiTokens(of userName: String) async throws -> [APIToken]
    /// The token whose secret has this SHA-256 (lowercase hex).
    func apiToken(hash: String) async throws -> APIToken?
    /// The session whose id has this SHA-256 (lowercase hex), expired or not.
    func session(idHash: String) async throws -> Session?
    /// The user's sessions, ordered by creation.
    func sessions(of userName: String) async throws -> [Session]
    /// Failed sign-ins counted under this key (`SignInThrottle.key`).
    func signInThrottle(key: String) async throws -> SignInThrottle?

    // MARK: Audit log and outbox

    /// Ordered by sequence; `consultationID == nil` reads the whole log. `after`/`limit` page through it.
    func auditEntries(consultationID: Int64?, after sequence: Int64, limit: Int?) async throws -> [AuditEntry]
    func auditHead() async throws -> AuditHead?
    /// Ordered by id.
    func outboxMessages(undeliveredOnly: Bool) async throws -> [OutboxMessage]
}

/// What a write transaction changes, besides reading.
public protocol QueueWriteTransaction: QueueReadTransaction {
    // MARK: Consultations

    /// Stores a new consultation (its `id` is ignored) and returns its id.
    func insertConsultation(_ consultation: Consultation) async throws -> Int64
    /// Replaces the consultation; throws `QueueStoreError.versionConflict` when its stored version is not `expectedVersion`.
    func updateConsultation(_ consultation: Consultation, expectedVersion: Int) async throws
    func insertRevision(_ revision: Revision) async throws

    // MARK: Users and credentials

    /// Throws `QueueStoreError.duplicateUser` when the name is taken.
    func insertUser(_ user: User) async throws
    /// Replaces the role, area and e-mail of the user with `user.name`.
    func updateUser(_ user: User) async throws
    func setPasswordHash(_ hash: String, of userName: String, at: Date) async throws
    /// Stores a new token (its `id` is ignored) and returns its id.
    func insertAPIToken(_ token: APIToken) async throws -> Int64
    func touchAPIToken(id: Int64, at: Date) async throws
    /// Whether a token with this id existed.
    func deleteAPIToken(id: Int64) async throws -> Bool
    /// How many tokens the user had.
    func deleteAPITokens(of userName: String) async throws -> Int
    func insertSession(_ session: Session) async throws
    /// Slides a session's expiry.
    func touchSession(idHash: String, lastSeenAt: Date, expiresAt: Date) async throws
    func deleteSession(idHash: String) async throws
    /// How many sessions the user had.
    func deleteSessions(of userName: String) async throws -> Int
    /// Removes the sessions whose `expiresAt` is at or before `instant`; returns how many.
    func deleteSessions(expiringAtOrBefore instant: Date) async throws -> Int
    /// Inserts or replaces the record with `throttle.key`.
    func saveSignInThrottle(_ throttle: SignInThrottle) async throws
    func deleteSignInThrottle(key: String) async throws
    /// Removes the records whose last failure is before `instant`; returns how many.
    func deleteSignInThrottles(lastFailureBefore instant: Date) async throws -> Int

    // MARK: Audit log and outbox

    /// Appends the entry and makes it the head.
    func appendAuditEntry(_ entry: AuditEntry) async throws
    func enqueue(_ message: OutboxMessage) async throws
    /// Takes up to `limit` undelivered messages for delivery until `leaseUntil` (others skip them meanwhile).
    func takeOutboxMessages(now: Date, leaseUntil: Date, limit: Int) async throws -> [OutboxMessage]
    func markOutboxDelivered(id: Int64, at: Date) async throws
    /// Records a failed attempt; the message is tried again from `retryAt`, or never when nil.
    func markOutboxFailed(id: Int64, error: String, retryAt: Date?) async throws
}

extension QueueReadTransaction {
    public func auditEntries(consultationID: Int64?) async throws -> [AuditEntry] {
        try await auditEntries(consultationID: consultationID, after: 0, limit: nil)
    }
}

/// Failures a store reports in terms of the queue.
public enum QueueStoreError: Error, Equatable {
    /// The compare-and-swap of `updateConsultation` failed.
    case versionConflict(id: Int64)
    /// A user with this name exists.
    case duplicateUser(String)
}
