import Foundation

/// Where the queue keeps its data. Stores only read and write rows; every rule of the queue lives in
/// `QueueService`. An adapter must:
///
/// - run `write` bodies one at a time across every process and server sharing the store, all or
///   nothing (SQLite: `BEGIN IMMEDIATE`; PostgreSQL: a transaction that first locks the audit head
///   row, `SELECT … FOR UPDATE`), so that what a body reads stays true until it commits;
/// - refuse `updateConsultation` when the stored version is not `expectedVersion` (compare and swap);
/// - keep the audit log append-only and move the head in the same transaction as the entry.
///
/// `Tests/CriterioQueueTests` runs one suite against every adapter.
public protocol QueueStore: Sendable {
    func write<T>(_ body: (any QueueWriteTransaction) throws -> T) throws -> T
    func read<T>(_ body: (any QueueReadTransaction) throws -> T) throws -> T
}

/// Which consultations to list.
public struct ConsultationQuery: Sendable, Equatable {
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

public protocol QueueReadTransaction {
    func consultation(id: Int64) throws -> Consultation?
    /// Ordered by deadline (items without one last), then id.
    func consultations(_ query: ConsultationQuery) throws -> [Consultation]
    /// Ordered by number.
    func revisions(of consultationID: Int64) throws -> [Revision]
    func user(named name: String) throws -> User?
    func users() throws -> [User]
    /// Ordered by sequence; `consultationID == nil` reads the whole log. `after`/`limit` page through it.
    func auditEntries(consultationID: Int64?, after sequence: Int64, limit: Int?) throws -> [AuditEntry]
    func auditHead() throws -> AuditHead?
    func outboxMessages(undeliveredOnly: Bool) throws -> [OutboxMessage]
}

public protocol QueueWriteTransaction: QueueReadTransaction {
    /// Stores a new consultation and returns its id.
    func insertConsultation(_ consultation: Consultation) throws -> Int64
    /// Replaces the consultation; throws `QueueStoreError.versionConflict` when its stored version is not `expectedVersion`.
    func updateConsultation(_ consultation: Consultation, expectedVersion: Int) throws
    func insertRevision(_ revision: Revision) throws
    func insertUser(_ user: User) throws
    /// Appends the entry and makes it the head.
    func appendAuditEntry(_ entry: AuditEntry) throws
    func enqueue(_ message: OutboxMessage) throws
    /// Takes up to `limit` undelivered messages for delivery until `leaseUntil` (others skip them meanwhile).
    func takeOutboxMessages(now: Date, leaseUntil: Date, limit: Int) throws -> [OutboxMessage]
    func markOutboxDelivered(id: Int64, at: Date) throws
    /// Records a failed attempt; the message is tried again from `retryAt`, or never when nil.
    func markOutboxFailed(id: Int64, error: String, retryAt: Date?) throws
}

extension QueueReadTransaction {
    public func auditEntries(consultationID: Int64?) throws -> [AuditEntry] {
        try auditEntries(consultationID: consultationID, after: 0, limit: nil)
    }
}

/// Failures a store reports in terms of the queue.
public enum QueueStoreError: Error, Equatable {
    /// The compare-and-swap of `updateConsultation` failed.
    case versionConflict(id: Int64)
    /// A user with this name exists.
    case duplicateUser(String)
}
