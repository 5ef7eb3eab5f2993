import CriterioFoundation
import CriterioQueue
import Foundation
import GRDB

/// The queue in one SQLite file (GRDB). Writers take the database lock at the start of their
/// transaction (`BEGIN IMMEDIATE`) and wait for each other up to the busy timeout, so a write
/// transaction sees nothing change under it; a process killed mid-transaction leaves the file as it
/// was before (SQLite's rollback journal).
public struct SQLiteQueueStore: QueueStore {
    public enum Access: Sendable {
        /// Creates the file and its folder when missing, and migrates.
        case readWrite
        /// Never creates nor changes anything (`criterio lint`, read-only files).
        case readOnly
    }

    let database: DatabaseQueue
    public let path: String

    /// Opens (and for `.readWrite`, creates and migrates) the database at `path`.
    public static func open(path: String, access: Access, busyTimeout: TimeInterval = 5) throws(QueueDatabaseError) -> SQLiteQueueStore {
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
        var configuration = Configuration()
        configuration.readonly = access == .readOnly
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "criterio"
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            let store = SQLiteQueueStore(database: queue, path: path)
            try store.prepare(access: access)
            return store
        } catch let error as QueueDatabaseError {
            throw error
        } catch {
            throw QueueDatabaseError(error, path: path)
        }
    }

    /// A private database in memory, for tests.
    public static func inMemory() throws -> SQLiteQueueStore {
        let store = SQLiteQueueStore(database: try DatabaseQueue(), path: ":memory:")
        try store.prepare(access: .readWrite)
        return store
    }

    /// Checks that the file is a Criterio database (or empty), then brings its schema up to date.
    private func prepare(access: Access) throws {
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
        if state.complete { return }
        guard access == .readWrite else {
            throw state.tableCount == 0 ? QueueDatabaseError.missing(path: path) : QueueDatabaseError.needsMigration(path: path)
        }
        do {
            try Schema.migrator.migrate(database)
        } catch {
            // Another process may have migrated the same fresh file at the same moment.
            if try database.read({ try Schema.migrator.hasCompletedMigrations($0) }) { return }
            throw error
        }
    }

    private struct SchemaState {
        let applicationID: Int32
        let tableCount: Int
        let superseded: Bool
        let complete: Bool
    }

    public func write<T>(_ body: (any QueueWriteTransaction) throws -> T) throws -> T {
        do {
            return try database.write { db in
                let result = try body(SQLiteTransaction(db: db))
                FaultInjection.point("kill-before-commit")
                return result
            }
        } catch let error as DatabaseError {
            throw QueueDatabaseError(error, path: path)
        }
    }

    public func read<T>(_ body: (any QueueReadTransaction) throws -> T) throws -> T {
        do {
            return try database.read { db in try body(SQLiteTransaction(db: db)) }
        } catch let error as DatabaseError {
            throw QueueDatabaseError(error, path: path)
        }
    }
}

/// The rows of one transaction.
struct SQLiteTransaction: QueueWriteTransaction {
    let db: Database

    // MARK: Consultations

    func consultation(id: Int64) throws -> Consultation? {
        try Row.fetchOne(db, sql: "SELECT * FROM consultation WHERE id = ?", arguments: [id]).map(Rows.consultation)
    }

    func consultations(_ query: ConsultationQuery) throws -> [Consultation] {
        var clauses: [String] = []
        var arguments: StatementArguments = []
        if let states = query.states {
            let sorted = states.sorted()
            clauses.append("state IN (\(sorted.map { _ in "?" }.joined(separator: ",")))")
            for state in sorted { arguments += [state.rawValue] }
        }
        if let area = query.area {
            clauses.append("area = ?")
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
        return try Row.fetchAll(db, sql: "SELECT * FROM consultation \(filter) ORDER BY due_at IS NULL, due_at, id", arguments: arguments)
            .map(Rows.consultation)
    }

    func insertConsultation(_ consultation: Consultation) throws -> Int64 {
        try db.execute(
            sql: """
                INSERT INTO consultation (state, version, area, submitter, draft_path, revision, content_hash, question, submitted_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                consultation.state.rawValue, consultation.version, consultation.area, consultation.submitter, consultation.draftPath,
                consultation.revision, consultation.contentHash, consultation.question, Timestamp.string(consultation.submittedAt),
                Timestamp.string(consultation.updatedAt),
            ])
        return db.lastInsertedRowID
    }

    func updateConsultation(_ c: Consultation, expectedVersion: Int) throws {
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

    // MARK: Revisions

    func revisions(of consultationID: Int64) throws -> [Revision] {
        try Row.fetchAll(db, sql: "SELECT * FROM revision WHERE consultation_id = ? ORDER BY number", arguments: [consultationID])
            .map(Rows.revision)
    }

    func insertRevision(_ r: Revision) throws {
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

    // MARK: Users

    func user(named name: String) throws -> User? {
        try Row.fetchOne(db, sql: "SELECT * FROM user WHERE name = ?", arguments: [name]).map(Rows.user)
    }

    func users() throws -> [User] {
        try Row.fetchAll(db, sql: "SELECT * FROM user ORDER BY name").map(Rows.user)
    }

    func insertUser(_ user: User) throws {
        do {
            try db.execute(
                sql: "INSERT INTO user (name, role, area, email, created_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [user.name, user.role.rawValue, user.area, user.email, Timestamp.string(user.createdAt)])
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw QueueStoreError.duplicateUser(user.name)
        }
    }

    // MARK: Audit log

    func auditEntries(consultationID: Int64?, after sequence: Int64, limit: Int?) throws -> [AuditEntry] {
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
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Rows.auditEntry)
    }

    func auditHead() throws -> AuditHead? {
        try Row.fetchOne(db, sql: "SELECT sequence, hash FROM audit_head WHERE id = 1").map {
            AuditHead(sequence: Rows.int64($0, "sequence") ?? 0, hash: Rows.string($0, "hash"))
        }
    }

    func appendAuditEntry(_ e: AuditEntry) throws {
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

    // MARK: Outbox

    func outboxMessages(undeliveredOnly: Bool) throws -> [OutboxMessage] {
        try Row.fetchAll(db, sql: "SELECT * FROM outbox \(undeliveredOnly ? "WHERE status != 'sent'" : "") ORDER BY id").map(Rows.outbox)
    }

    func enqueue(_ m: OutboxMessage) throws {
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

    func takeOutboxMessages(now: Date, leaseUntil: Date, limit: Int) throws -> [OutboxMessage] {
        let nowText = Timestamp.string(now)
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT * FROM outbox
                WHERE (status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)) OR (status = 'sending' AND lease_until <= ?)
                ORDER BY id LIMIT ?
                """,
            arguments: [nowText, nowText, limit])
        let messages = rows.map(Rows.outbox)
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

    func markOutboxDelivered(id: Int64, at: Date) throws {
        try db.execute(
            sql: "UPDATE outbox SET status = 'sent', delivered_at = ?, lease_until = NULL, last_error = NULL WHERE id = ?",
            arguments: [Timestamp.string(at), id])
    }

    func markOutboxFailed(id: Int64, error: String, retryAt: Date?) throws {
        try db.execute(
            sql: "UPDATE outbox SET status = ?, next_attempt_at = COALESCE(?, next_attempt_at), lease_until = NULL, last_error = ? WHERE id = ?",
            arguments: [retryAt == nil ? "failed" : "pending", retryAt.map(Timestamp.string), error, id])
    }
}

/// Rows to values. Every column is read leniently: a row edited by hand into the wrong type gives a
/// wrong value (which `audit verify` then reports), never a crash.
enum Rows {
    static func text(_ row: Row, _ column: String) -> String? {
        let value: DatabaseValue = row[column]
        switch value.storage {
        case .null: return nil
        case .int64(let number): return String(number)
        case .double(let number): return String(number)
        case .string(let string): return string
        case .blob(let data): return String(decoding: data, as: UTF8.self)
        }
    }

    static func string(_ row: Row, _ column: String) -> String { text(row, column) ?? "" }

    static func int64(_ row: Row, _ column: String) -> Int64? {
        let value: DatabaseValue = row[column]
        switch value.storage {
        case .int64(let number): return number
        case .double(let number): return Int64(exactly: number)
        case .string(let string): return Int64(string)
        case .null, .blob: return nil
        }
    }

    static func int(_ row: Row, _ column: String) -> Int? { int64(row, column).flatMap { Int(exactly: $0) } }

    static func date(_ row: Row, _ column: String) -> Date? { text(row, column).flatMap(Timestamp.parse) }

    static func consultation(_ row: Row) -> Consultation {
        var claim: Claim?
        if let reviewer = text(row, "claimed_by") {
            claim = Claim(
                reviewer: reviewer, claimedAt: date(row, "claimed_at") ?? .distantPast, expiresAt: date(row, "claim_expires_at") ?? .distantPast,
                version: int(row, "claim_version") ?? 0)
        }
        var decision: Decision?
        if let action = text(row, "decision"), let kind = QueueAction(rawValue: action) {
            decision = Decision(
                action: kind, reviewer: string(row, "decided_by"), at: date(row, "decided_at") ?? .distantPast,
                comment: string(row, "decision_comment"))
        }
        return Consultation(
            id: int64(row, "id") ?? 0, state: ConsultationState(rawValue: string(row, "state")) ?? .pending, version: int(row, "version") ?? 0,
            area: string(row, "area"), submitter: string(row, "submitter"), draftPath: string(row, "draft_path"), revision: int(row, "revision") ?? 0,
            contentHash: string(row, "content_hash"), question: string(row, "question"), submittedAt: date(row, "submitted_at") ?? .distantPast,
            dueAt: date(row, "due_at"), remainingSeconds: int(row, "remaining_seconds"), warnedAt: date(row, "warned_at"), claim: claim,
            decision: decision, updatedAt: date(row, "updated_at") ?? .distantPast)
    }

    static func revision(_ row: Row) -> Revision {
        let findings = (try? JSONDecoder().decode([SubmittedFinding].self, from: Data(string(row, "findings").utf8))) ?? []
        return Revision(
            consultationID: int64(row, "consultation_id") ?? 0, number: int(row, "number") ?? 0, contentHash: string(row, "content_hash"),
            draftPath: string(row, "draft_path"), draftText: string(row, "draft_text"), question: string(row, "question"), findings: findings,
            submittedAt: date(row, "submitted_at") ?? .distantPast, submittedBy: string(row, "submitted_by"))
    }

    static func user(_ row: Row) -> User {
        User(
            name: string(row, "name"), role: Role(rawValue: string(row, "role")) ?? .admin, area: text(row, "area"), email: text(row, "email"),
            createdAt: date(row, "created_at") ?? .distantPast)
    }

    static func auditEntry(_ row: Row) -> AuditEntry {
        let at = string(row, "at")
        // A timestamp that is not in the canonical spelling was edited: it must not verify.
        let instant = Timestamp.parse(at).flatMap { Timestamp.string($0) == at ? $0 : nil } ?? .distantPast
        return AuditEntry(
            sequence: int64(row, "sequence") ?? 0, at: instant, actor: string(row, "actor"), event: string(row, "event"),
            consultationID: int64(row, "consultation_id"), revision: int(row, "revision"), fromState: text(row, "from_state"),
            toState: text(row, "to_state"), reason: text(row, "reason"), details: text(row, "details"), previousHash: string(row, "previous_hash"),
            hash: string(row, "hash"))
    }

    static func outbox(_ row: Row) -> OutboxMessage {
        OutboxMessage(
            id: int64(row, "id") ?? 0, auditSequence: int64(row, "audit_sequence") ?? 0,
            channel: NotificationChannel(rawValue: string(row, "channel")) ?? .email,
            audience: Audience(rawValue: string(row, "audience")) ?? .submitter,
            recipients: (try? JSONDecoder().decode([String].self, from: Data(string(row, "recipients").utf8))) ?? [],
            subject: string(row, "subject"), body: string(row, "body"), payload: string(row, "payload"),
            createdAt: date(row, "created_at") ?? .distantPast, attempts: int(row, "attempts") ?? 0)
    }
}
