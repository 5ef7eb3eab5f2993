import CriterioFoundation
import CriterioQueue
import Foundation
import GRDB

/// The queue in one SQLite file (GRDB). Writers take the database lock at the start of their
/// transaction (`BEGIN IMMEDIATE`) and wait for each other up to the busy timeout, so a write
/// transaction sees nothing change under it; a process killed mid-transaction leaves the file as it
/// was before (SQLite's rollback journal).
///
/// **How one transaction spans many `await`s.** GRDB's own `write { db in … }` wants a synchronous
/// body, but a `QueueStore` body is asynchronous (a PostgreSQL store can only be), so the store
/// opens the transaction itself: `BEGIN`, each statement of the body, then `COMMIT` or `ROLLBACK`
/// are separate accesses to the one connection, with `Configuration.allowsUnsafeTransactions`
/// telling GRDB that a transaction outlives one access on purpose. The body runs on the store's
/// `ConnectionThread` (a task executor), where each access is a synchronous call: a list of
/// consultations costs one hop to that thread and back, not two per statement, and a wait on
/// another process's lock blocks that thread, never the cooperative pool. Between two accesses
/// another task of this process could reach the same connection and run its statements inside our
/// transaction; `TransactionTurns` lets one logical transaction at a time use the connection, in
/// arrival order, while SQLite's file lock keeps other processes out. The alternative, synchronous
/// transaction bodies with only `write`/`read` asynchronous, would leave a PostgreSQL store
/// (postgres-nio is asynchronous only) no way to implement the protocol without blocking.
public struct SQLiteQueueStore: QueueStore {
    public enum Access: Sendable {
        /// Creates the file and its folder when missing, and migrates.
        case readWrite
        /// Never creates nor changes anything (`criterio lint`, read-only files). A database of an
        /// older Criterio is read as it is: what it lacks (the credentials of a newer schema) reads
        /// as `QueueDatabaseError.needsMigration`.
        case readOnly
    }

    let database: DatabaseQueue
    public let path: String
    /// Opened read-only on an older schema.
    let outdated: Bool
    private let turns = TransactionTurns()
    private let thread = ConnectionThread(name: "criterio-sqlite")

    private init(database: DatabaseQueue, path: String, outdated: Bool) {
        self.database = database
        self.path = path
        self.outdated = outdated
    }

    /// Opens (and for `.readWrite`, creates and migrates) the database at `path`, on a thread of its
    /// own: opening may wait on another process's lock up to the busy timeout.
    public static func open(path: String, access: Access, busyTimeout: TimeInterval = 5) async throws(QueueDatabaseError) -> SQLiteQueueStore {
        try await DedicatedThread.run { () throws(QueueDatabaseError) -> SQLiteQueueStore in
            try openNow(path: path, access: access, busyTimeout: busyTimeout)
        }
    }

    private static func openNow(path: String, access: Access, busyTimeout: TimeInterval) throws(QueueDatabaseError) -> SQLiteQueueStore {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        let exists = manager.fileExists(atPath: path, isDirectory: &isDirectory)
        if isDirectory.boolValue { throw .cannotOpen(path: path, detail: "es una carpeta") }
        if !exists {
            guard access == .readWrite else { throw .missing(path: path) }
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            do {
                try manager.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw .cannotOpen(path: path, detail: "no se pudo crear la carpeta \(folder.path) (\(FoundationErrors.describe(error)))")
            }
        }
        var configuration = Self.configuration
        configuration.readonly = access == .readOnly
        configuration.busyMode = .timeout(busyTimeout)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            let outdated = try prepare(queue, path: path, access: access)
            return SQLiteQueueStore(database: queue, path: path, outdated: outdated)
        } catch let error as QueueDatabaseError {
            throw error
        } catch {
            throw QueueDatabaseError(error, path: path)
        }
    }

    /// A private database in memory, for tests (synchronous: there is no file nor lock to wait on).
    public static func inMemory() throws -> SQLiteQueueStore {
        let queue = try DatabaseQueue(configuration: configuration)
        _ = try prepare(queue, path: ":memory:", access: .readWrite)
        return SQLiteQueueStore(database: queue, path: ":memory:", outdated: false)
    }

    private static var configuration: Configuration {
        var configuration = Configuration()
        configuration.label = "criterio"
        configuration.allowsUnsafeTransactions = true
        return configuration
    }

    /// Checks that the file is a Criterio database (or empty), then brings its schema up to date;
    /// returns whether it stays older than this binary (read-only access).
    private static func prepare(_ database: DatabaseQueue, path: String, access: Access) throws -> Bool {
        let state = try database.read { db in
            try SchemaState(
                applicationID: Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0,
                tableCount: Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0,
                superseded: Schema.migrator.hasBeenSuperseded(db),
                complete: Schema.migrator.hasCompletedMigrations(db))
        }
        if state.applicationID != Schema.applicationID && !(state.applicationID == 0 && state.tableCount == 0) {
            throw QueueDatabaseError.foreign(path: path)
        }
        if state.superseded { throw QueueDatabaseError.newerSchema(path: path) }
        if state.complete { return false }
        guard access == .readWrite else {
            if state.tableCount == 0 { throw QueueDatabaseError.missing(path: path) }
            return true
        }
        do {
            try Schema.migrator.migrate(database)
        } catch {
            // Another process may have migrated the same fresh file at the same moment.
            if try database.read({ try Schema.migrator.hasCompletedMigrations($0) }) { return false }
            throw error
        }
        return false
    }

    private struct SchemaState {
        let applicationID: Int32
        let tableCount: Int
        let superseded: Bool
        let complete: Bool
    }

    public func write<T: Sendable>(_ body: (any QueueWriteTransaction) async throws -> T) async throws -> T {
        try await transaction(.immediate) { tx in
            let result = try await body(tx)
            FaultInjection.point("kill-before-commit")
            return result
        }
    }

    public func read<T: Sendable>(_ body: (any QueueReadTransaction) async throws -> T) async throws -> T {
        try await transaction(.deferred) { try await body($0) }
    }

    /// `BEGIN`, the body, `COMMIT`; `ROLLBACK` when anything throws, the task's cancellation included.
    private func transaction<T: Sendable>(_ kind: Database.TransactionKind, _ body: (SQLiteTransaction) async throws -> T) async throws -> T {
        await turns.enter()
        do {
            let result = try await withTaskExecutorPreference(thread) { try await inTransaction(kind, body) }
            await turns.leave()
            return result
        } catch {
            await turns.leave()
            throw error
        }
    }

    /// On the connection's thread: every access below is synchronous.
    private func inTransaction<T: Sendable>(_ kind: Database.TransactionKind, _ body: (SQLiteTransaction) async throws -> T) async throws -> T {
        do {
            try database.synchronously { db in
                // What a statement interrupted by a cancelled task left open ends here.
                if db.isInsideTransaction { try db.rollback() }
                try db.beginTransaction(kind)
            }
        } catch {
            throw translate(error)
        }
        do {
            let result = try await body(SQLiteTransaction(database: database))
            try Task.checkCancellation()
            try database.synchronously { try $0.commit() }
            return result
        } catch {
            try? database.synchronously { db in
                if db.isInsideTransaction { try db.rollback() }
            }
            throw translate(error)
        }
    }

    /// SQLite's errors in Spanish; the queue's own pass through.
    private func translate(_ error: any Error) -> any Error {
        guard let error = error as? DatabaseError else { return error }
        if outdated && error.resultCode == .SQLITE_ERROR { return QueueDatabaseError.needsMigration(path: path) }
        return QueueDatabaseError(error, path: path)
    }
}

/// One logical transaction at a time on the store's connection, in the order they asked.
actor TransactionTurns {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func enter() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func leave() {
        if waiting.isEmpty {
            busy = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}

/// The rows of one transaction. Every statement is one synchronous access to the connection, on
/// the store's `ConnectionThread`, inside the transaction that `SQLiteQueueStore` opened.
struct SQLiteTransaction: QueueWriteTransaction {
    let database: DatabaseQueue

    /// A cancelled task's transaction goes no further: the store rolls it back.
    private func run<T>(_ statements: (Database) throws -> T) throws -> T {
        try Task.checkCancellation()
        return try database.synchronously(statements)
    }

    // MARK: Consultations

    func consultation(id: Int64) async throws -> Consultation? {
        try run { db in try StatementRows.one(db, sql: "SELECT * FROM consultation WHERE id = ?", arguments: [id]) { $0.consultation() } }
    }

    func consultations(_ query: ConsultationQuery) async throws -> [Consultation] {
        try run { db in
            var clauses: [String] = []
            var arguments: StatementArguments = []
            if let states = query.states {
                let sorted = states.sorted()
                clauses.append("state IN (\(sorted.map { _ in "?" }.joined(separator: ",")))")
                for state in sorted { arguments += [state.rawValue] }
            }
            if let area = query.area {
                // With a content hash (the duplicate check of every submission) its index finds the
                // one row; `+` keeps SQLite from walking the whole area's instead.
                clauses.append(query.contentHash == nil ? "area = ?" : "+area = ?")
                arguments += [area]
            }
            if let submitter = query.submitter {
                clauses.append("submitter = ?")
                arguments += [submitter]
            }
            if let hash = query.contentHash {
                clauses.append("content_hash = ?")
                arguments += [hash]
            }
            if let limit = query.dueAtOrBefore {
                clauses.append("state IN ('pending', 'in_review') AND due_at <= ?")
                arguments += [Timestamp.string(limit)]
            }
            let filter = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
            let sql = "SELECT * FROM consultation \(filter) ORDER BY due_at IS NULL, due_at, id"
            return try StatementRows.all(db, sql: sql, arguments: arguments) { $0.consultation() }
        }
    }

    func insertConsultation(_ c: Consultation) async throws -> Int64 {
        try run { db in
            try db.execute(
                sql: """
                    INSERT INTO consultation (state, version, area, submitter, draft_path, revision, content_hash, question, submitted_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    c.state.rawValue, c.version, c.area, c.submitter, c.draftPath, c.revision, c.contentHash, c.question,
                    Timestamp.string(c.submittedAt), Timestamp.string(c.updatedAt),
                ])
            return db.lastInsertedRowID
        }
    }

    func updateConsultation(_ c: Consultation, expectedVersion: Int) async throws {
        try run { db in
            try db.execute(
                sql: """
                    UPDATE consultation SET state = ?, version = ?, area = ?, submitter = ?, draft_path = ?, revision = ?, content_hash = ?,
                      question = ?, submitted_at = ?, due_at = ?, remaining_seconds = ?, warned_at = ?, claimed_by = ?, claimed_at = ?,
                      claim_expires_at = ?, claim_version = ?, decision = ?, decided_by = ?, decided_at = ?, decision_comment = ?, updated_at = ?
                    WHERE id = ? AND version = ?
                    """,
                arguments: [
                    c.state.rawValue, c.version, c.area, c.submitter, c.draftPath, c.revision, c.contentHash, c.question,
                    Timestamp.string(c.submittedAt), c.dueAt.map(Timestamp.string), c.remainingSeconds, c.warnedAt.map(Timestamp.string),
                    c.claim?.reviewer, c.claim.map { Timestamp.string($0.claimedAt) }, c.claim.map { Timestamp.string($0.expiresAt) },
                    c.claim?.version, c.decision?.action.rawValue, c.decision?.reviewer, c.decision.map { Timestamp.string($0.at) },
                    c.decision?.comment, Timestamp.string(c.updatedAt), c.id, expectedVersion,
                ])
            if db.changesCount != 1 { throw QueueStoreError.versionConflict(id: c.id) }
        }
    }

    // MARK: Revisions

    func revisions(of consultationID: Int64) async throws -> [Revision] {
        try run { db in
            try StatementRows.all(db, sql: "SELECT * FROM revision WHERE consultation_id = ? ORDER BY number", arguments: [consultationID]) {
                $0.revision()
            }
        }
    }

    func insertRevision(_ r: Revision) async throws {
        try run { db in
            try db.execute(
                sql: """
                    INSERT INTO revision (consultation_id, number, content_hash, draft_path, draft_text, question, findings, submitted_at, submitted_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    r.consultationID, r.number, r.contentHash, r.draftPath, r.draftText, r.question, JSONOutput.string(r.findings, .compact),
                    Timestamp.string(r.submittedAt), r.submittedBy,
                ])
        }
    }

    // MARK: Users

    func user(named name: String) async throws -> User? {
        try run { db in try StatementRows.one(db, sql: "SELECT * FROM user WHERE name = ?", arguments: [name]) { $0.user() } }
    }

    func users() async throws -> [User] {
        try run { db in try StatementRows.all(db, sql: "SELECT * FROM user ORDER BY name") { $0.user() } }
    }

    func insertUser(_ user: User) async throws {
        try run { db in
            do {
                try db.execute(
                    sql: "INSERT INTO user (name, role, area, email, created_at) VALUES (?, ?, ?, ?, ?)",
                    arguments: [user.name, user.role.rawValue, user.area, user.email, Timestamp.string(user.createdAt)])
            } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                throw QueueStoreError.duplicateUser(user.name)
            }
        }
    }

    func updateUser(_ user: User) async throws {
        try run { db in
            try db.execute(
                sql: "UPDATE user SET role = ?, area = ?, email = ? WHERE name = ?", arguments: [user.role.rawValue, user.area, user.email, user.name])
        }
    }

    // MARK: Passwords and API tokens

    func passwordHash(of userName: String) async throws -> String? {
        try run { db in
            try Row.fetchOne(db, sql: "SELECT password_hash FROM user WHERE name = ?", arguments: [userName])?.text("password_hash")
        }
    }

    func setPasswordHash(_ hash: String, of userName: String, at: Date) async throws {
        try run { db in
            try db.execute(
                sql: "UPDATE user SET password_hash = ?, password_set_at = ? WHERE name = ?", arguments: [hash, Timestamp.string(at), userName])
        }
    }

    func apiTokens(of userName: String) async throws -> [APIToken] {
        try run { db in
            try StatementRows.all(db, sql: "SELECT * FROM api_token WHERE user_name = ? ORDER BY id", arguments: [userName]) { $0.apiToken() }
        }
    }

    func apiToken(hash: String) async throws -> APIToken? {
        try run { db in try StatementRows.one(db, sql: "SELECT * FROM api_token WHERE token_hash = ?", arguments: [hash]) { $0.apiToken() } }
    }

    func insertAPIToken(_ t: APIToken) async throws -> Int64 {
        try run { db in
            try db.execute(
                sql: "INSERT INTO api_token (user_name, label, token_hash, created_at, last_used_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [t.userName, t.label, t.hash, Timestamp.string(t.createdAt), t.lastUsedAt.map(Timestamp.string)])
            return db.lastInsertedRowID
        }
    }

    func touchAPIToken(id: Int64, at: Date) async throws {
        try run { db in try db.execute(sql: "UPDATE api_token SET last_used_at = ? WHERE id = ?", arguments: [Timestamp.string(at), id]) }
    }

    func deleteAPIToken(id: Int64) async throws -> Bool {
        try run { db in
            try db.execute(sql: "DELETE FROM api_token WHERE id = ?", arguments: [id])
            return db.changesCount > 0
        }
    }

    func deleteAPITokens(of userName: String) async throws -> Int {
        try run { db in
            try db.execute(sql: "DELETE FROM api_token WHERE user_name = ?", arguments: [userName])
            return db.changesCount
        }
    }

    // MARK: Sessions and sign-in throttling

    func session(idHash: String) async throws -> Session? {
        try run { db in try StatementRows.one(db, sql: "SELECT * FROM session WHERE id_hash = ?", arguments: [idHash]) { $0.session() } }
    }

    func sessions(of userName: String) async throws -> [Session] {
        try run { db in
            try StatementRows.all(db, sql: "SELECT * FROM session WHERE user_name = ? ORDER BY created_at, id_hash", arguments: [userName]) {
                $0.session()
            }
        }
    }

    func insertSession(_ s: Session) async throws {
        try run { db in
            try db.execute(
                sql: "INSERT INTO session (id_hash, user_name, csrf_token, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [
                    s.idHash, s.userName, s.csrfToken, Timestamp.string(s.createdAt), Timestamp.string(s.lastSeenAt), Timestamp.string(s.expiresAt),
                ])
        }
    }

    func touchSession(idHash: String, lastSeenAt: Date, expiresAt: Date) async throws {
        try run { db in
            try db.execute(
                sql: "UPDATE session SET last_seen_at = ?, expires_at = ? WHERE id_hash = ?",
                arguments: [Timestamp.string(lastSeenAt), Timestamp.string(expiresAt), idHash])
        }
    }

    func deleteSession(idHash: String) async throws {
        try run { db in try db.execute(sql: "DELETE FROM session WHERE id_hash = ?", arguments: [idHash]) }
    }

    func deleteSessions(of userName: String) async throws -> Int {
        try run { db in
            try db.execute(sql: "DELETE FROM session WHERE user_name = ?", arguments: [userName])
            return db.changesCount
        }
    }

    func deleteSessions(expiringAtOrBefore instant: Date) async throws -> Int {
        try run { db in
            try db.execute(sql: "DELETE FROM session WHERE expires_at <= ?", arguments: [Timestamp.string(instant)])
            return db.changesCount
        }
    }

    func signInThrottle(key: String) async throws -> SignInThrottle? {
        try run { db in try StatementRows.one(db, sql: "SELECT * FROM sign_in_throttle WHERE key = ?", arguments: [key]) { $0.signInThrottle() } }
    }

    func saveSignInThrottle(_ t: SignInThrottle) async throws {
        try run { db in
            try db.execute(
                sql: """
                    INSERT INTO sign_in_throttle (key, failures, last_failure_at, blocked_until) VALUES (?, ?, ?, ?)
                    ON CONFLICT(key) DO UPDATE SET failures = excluded.failures, last_failure_at = excluded.last_failure_at,
                      blocked_until = excluded.blocked_until
                    """,
                arguments: [t.key, t.failures, Timestamp.string(t.lastFailureAt), t.blockedUntil.map(Timestamp.string)])
        }
    }

    func deleteSignInThrottle(key: String) async throws {
        try run { db in try db.execute(sql: "DELETE FROM sign_in_throttle WHERE key = ?", arguments: [key]) }
    }

    func deleteSignInThrottles(lastFailureBefore instant: Date) async throws -> Int {
        try run { db in
            try db.execute(sql: "DELETE FROM sign_in_throttle WHERE last_failure_at < ?", arguments: [Timestamp.string(instant)])
            return db.changesCount
        }
    }

    // MARK: Audit log

    func auditEntries(consultationID: Int64?, after sequence: Int64, limit: Int?) async throws -> [AuditEntry] {
        try run { db in
            var sql = "SELECT * FROM audit_log WHERE sequence > ?"
            var arguments: StatementArguments = [sequence]
            if let consultationID {
                sql += " AND consultation_id = ?"
                arguments += [consultationID]
            }
            sql += " ORDER BY sequence"
            if let limit {
                sql += " LIMIT ?"
                arguments += [limit]
            }
            return try StatementRows.all(db, sql: sql, arguments: arguments) { $0.auditEntry() }
        }
    }

    func auditHead() async throws -> AuditHead? {
        try run { db in
            try StatementRows.one(db, sql: "SELECT sequence, hash FROM audit_head WHERE id = 1") {
                AuditHead(sequence: $0.int64("sequence") ?? 0, hash: $0.string("hash"))
            }
        }
    }

    func appendAuditEntry(_ e: AuditEntry) async throws {
        try run { db in
            try db.execute(
                sql: """
                    INSERT INTO audit_log (sequence, at, actor, event, consultation_id, revision, from_state, to_state, reason, details, previous_hash, hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    e.sequence, Timestamp.string(e.at), e.actor, e.event, e.consultationID, e.revision, e.fromState, e.toState, e.reason, e.details,
                    e.previousHash, e.hash,
                ])
            try db.execute(
                sql: "INSERT INTO audit_head (id, sequence, hash) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET sequence = excluded.sequence, hash = excluded.hash",
                arguments: [e.sequence, e.hash])
        }
    }

    // MARK: Outbox

    func outboxMessages(undeliveredOnly: Bool) async throws -> [OutboxMessage] {
        try run { db in
            try StatementRows.all(db, sql: "SELECT * FROM outbox \(undeliveredOnly ? "WHERE status != 'sent'" : "") ORDER BY id") { $0.outboxMessage() }
        }
    }

    func enqueue(_ m: OutboxMessage) async throws {
        try run { db in
            try db.execute(
                sql: """
                    INSERT INTO outbox (audit_sequence, channel, audience, recipients, subject, body, payload, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    m.auditSequence, m.channel.rawValue, m.audience.rawValue, JSONOutput.string(m.recipients, .compact), m.subject, m.body, m.payload,
                    Timestamp.string(m.createdAt),
                ])
        }
    }

    func takeOutboxMessages(now: Date, leaseUntil: Date, limit: Int) async throws -> [OutboxMessage] {
        try run { db in
            let nowText = Timestamp.string(now)
            let messages = try StatementRows.all(
                db,
                sql: """
                    SELECT * FROM outbox
                    WHERE (status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)) OR (status = 'sending' AND lease_until <= ?)
                    ORDER BY id LIMIT ?
                    """,
                arguments: [nowText, nowText, limit]
            ) { $0.outboxMessage() }
            for message in messages {
                try db.execute(
                    sql: "UPDATE outbox SET status = 'sending', lease_until = ?, attempts = attempts + 1 WHERE id = ?",
                    arguments: [Timestamp.string(leaseUntil), message.id])
            }
            return messages.map {
                var message = $0
                message.attempts += 1
                return message
            }
        }
    }

    func markOutboxDelivered(id: Int64, at: Date) async throws {
        try run { db in
            try db.execute(
                sql: "UPDATE outbox SET status = 'sent', delivered_at = ?, lease_until = NULL, last_error = NULL WHERE id = ?",
                arguments: [Timestamp.string(at), id])
        }
    }

    func markOutboxFailed(id: Int64, error: String, retryAt: Date?) async throws {
        try run { db in
            try db.execute(
                sql: "UPDATE outbox SET status = ?, next_attempt_at = COALESCE(?, next_attempt_at), lease_until = NULL, last_error = ? WHERE id = ?",
                arguments: [retryAt == nil ? "failed" : "pending", retryAt.map(Timestamp.string), error, id])
        }
    }
}

extension DatabaseQueue {
    /// GRDB's synchronous access to the connection, on the calling thread (the store's
    /// `ConnectionThread`). Called from an asynchronous function, `writeWithoutTransaction` would
    /// pick GRDB's asynchronous overload.
    func synchronously<T>(_ statements: (Database) throws -> T) throws -> T {
        try writeWithoutTransaction(statements)
    }
}

/// Rows read while their statement is on them. GRDB finds a column of such a row by name through a
/// dictionary, where a copied row (`Row.fetchAll`, `Row.fetchOne`) lowercases every column name on
/// every lookup: a tenth of the time of a list of consultations.
///
/// The statements are compiled once per connection (GRDB's statement cache): compiling one runs
/// GRDB's authorizer on every column it reads, which was a tenth of the server's time answering
/// `GET /api/v1/consultations`. The SQL strings are a bounded set (filters add fixed clauses, values
/// are arguments), so the cache stays small.
enum StatementRows {
    ///
    /// A cursor resets its statement when it goes away, and Swift may end its life right after its
    /// last use: each row is read while the cursor is kept alive. No statement is run while another's
    /// rows are read, so one cached statement is never on two cursors.
    static func all<T>(_ db: Database, sql: String, arguments: StatementArguments = [], _ read: (Row) -> T) throws -> [T] {
        let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
        var values: [T] = []
        try withExtendedLifetime(rows) {
            while let row = try rows.next() { values.append(read(row)) }
        }
        return values
    }

    static func one<T>(_ db: Database, sql: String, arguments: StatementArguments = [], _ read: (Row) -> T) throws -> T? {
        let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
        return try withExtendedLifetime(rows) { try rows.next().map(read) }
    }
}

/// SQLite's rows as the queue's stores read them (`StoredRow` maps them to values): a value of
/// another type than the column's (SQLite allows it) is converted where that is exact, else nil.
extension Row: StoredRow {
    public func text(_ column: String) -> String? {
        let value: DatabaseValue = self[column]
        switch value.storage {
        case .null: return nil
        case .int64(let number): return String(number)
        case .double(let number): return String(number)
        case .string(let string): return string
        case .blob(let data): return String(decoding: data, as: UTF8.self)
        }
    }

    public func int64(_ column: String) -> Int64? {
        let value: DatabaseValue = self[column]
        switch value.storage {
        case .int64(let number): return number
        case .double(let number): return Int64(exactly: number)
        case .string(let string): return Int64(string)
        case .null, .blob: return nil
        }
    }
}
