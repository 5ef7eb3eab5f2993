import CriterioFoundation
import CriterioQueue
import Foundation
import PostgresNIO

/// The queue in a PostgreSQL database (postgres-nio's `PostgresClient`, a pool of connections run
/// by a task the store owns). Every write transaction first locks the audit head's row
/// (`SELECT … FOR UPDATE`), so writers from any number of processes and servers run one at a time
/// and each sees everything committed before it (READ COMMITTED takes a new snapshot per
/// statement, after the lock); reads run in one REPEATABLE READ snapshot. A process killed
/// mid-transaction leaves nothing: the server rolls back a transaction whose connection dies.
///
/// Opening makes one direct connection first: it reports a refused connection, a wrong password or
/// an unknown database at once and in Spanish (the pool only retries), and checks or applies the
/// migrations before the pool starts.
public struct PostgresQueueStore: QueueStore {
    public enum Access: Sendable {
        /// Also creates Criterio's tables in an empty database (`users add … --create`, `queue migrate`).
        case create
        /// Migrates a database of an older Criterio; an empty one is reported, not filled.
        case readWrite
        /// Changes nothing: a database without the tables (or older) is reported, not migrated.
        case readOnly
    }

    public let location: PostgresLocation
    let pool: Pool
    /// How long a writer waits for the head's lock before giving up (`lock_timeout`).
    let lockTimeoutMilliseconds: Int

    static let logger: Logger = {
        var logger = Logger(label: "criterio.postgres")
        logger.logLevel = .critical
        return logger
    }()

    /// The client and the task that runs it; cancelled (the connections closed) with the last copy
    /// of the store.
    final class Pool: Sendable {
        let client: PostgresClient
        private let running: Task<Void, Never>

        init(client: PostgresClient) {
            self.client = client
            running = Task { await client.run() }
        }

        deinit { running.cancel() }
    }

    /// The store of a `postgres://` URL (`PostgresLocation.parse`: the password also from `PGPASSWORD`).
    public static func open(
        url: String, environment: [String: String], access: Access, busyTimeout: TimeInterval = 5
    ) async throws(PostgresQueueError) -> PostgresQueueStore {
        let location: PostgresLocation
        do {
            location = try PostgresLocation.parse(url, environment: environment)
        } catch {
            throw .invalidAddress(detail: error.description)
        }
        return try await open(location, access: access, busyTimeout: busyTimeout)
    }

    /// Connects, checks the schema (migrating it for `.readWrite`, creating it for `.create`) and starts the pool.
    public static func open(
        _ location: PostgresLocation, access: Access, busyTimeout: TimeInterval = 5, maximumConnections: Int = 8
    ) async throws(PostgresQueueError) -> PostgresQueueStore {
        let name = location.description
        do {
            let connection = try await PostgresConnection.connect(
                configuration: try connectionConfiguration(location), id: 0, logger: logger)
            do {
                try await prepare(connection, access: access, name: name)
            } catch {
                try? await connection.close()
                throw error
            }
            try? await connection.close()
        } catch {
            throw PostgresQueueError(error, database: name)
        }
        var configuration = PostgresClient.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password, database: location.database,
            tls: (try? clientTLS(location.tls)) ?? .disable)
        configuration.options.maximumConnections = max(1, maximumConnections)
        configuration.options.keepAliveBehavior = nil
        return PostgresQueueStore(
            location: location, pool: Pool(client: PostgresClient(configuration: configuration, backgroundLogger: logger)),
            lockTimeoutMilliseconds: max(1, Int(busyTimeout * 1000)))
    }

    private static func prepare(_ connection: PostgresConnection, access: Access, name: String) async throws {
        let (version, otherTables) = try await PostgresSchema.state(connection, logger: logger)
        if let version, version > PostgresSchema.latestVersion { throw PostgresQueueError.newerSchema(name) }
        if version == PostgresSchema.latestVersion { return }
        if version == nil && otherTables { throw PostgresQueueError.foreign(name) }
        if version == nil && access != .create { throw PostgresQueueError.noSchema(name) }
        if access == .readOnly { throw PostgresQueueError.needsMigration(name) }
        do {
            try await PostgresSchema.migrate(connection, logger: logger)
        } catch PostgresSchema.MigrationRefusal.foreign {
            throw PostgresQueueError.foreign(name)
        } catch PostgresSchema.MigrationRefusal.newer {
            throw PostgresQueueError.newerSchema(name)
        }
    }

    static func connectionConfiguration(_ location: PostgresLocation) throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS
        switch location.tls {
        case .disable: tls = .disable
        case .prefer: tls = .prefer(try NIOSSLContext(configuration: unverified))
        case .require: tls = .require(try NIOSSLContext(configuration: unverified))
        case .verifyFull: tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
        return PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password, database: location.database, tls: tls)
    }

    private static func clientTLS(_ mode: PostgresLocation.TLSMode) throws -> PostgresClient.Configuration.TLS {
        switch mode {
        case .disable: .disable
        case .prefer: .prefer(unverified)
        case .require: .require(unverified)
        case .verifyFull: .require(.makeClientConfiguration())
        }
    }

    /// libpq's `prefer` and `require`: encrypted, the certificate not checked (`verify-full` checks it).
    private static var unverified: TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .none
        return configuration
    }

    public func write<T: Sendable>(_ body: (any QueueWriteTransaction) async throws -> T) async throws -> T {
        try await transaction(begin: "BEGIN ISOLATION LEVEL READ COMMITTED") { tx in
            _ = try await tx.rows("SELECT set_config('lock_timeout', \(String(lockTimeoutMilliseconds)), true)")
            _ = try await tx.rows("SELECT sequence FROM audit_head WHERE id = 1 FOR UPDATE")
            let result = try await body(tx)
            FaultInjection.point("kill-before-commit")
            return result
        }
    }

    public func read<T: Sendable>(_ body: (any QueueReadTransaction) async throws -> T) async throws -> T {
        try await transaction(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") { try await body($0) }
    }

    /// `BEGIN`, the body, `COMMIT` on one leased connection; `ROLLBACK` when anything throws, the
    /// task's cancellation included.
    private func transaction<T: Sendable>(begin: PostgresQuery, _ body: (PostgresTransaction) async throws -> T) async throws -> T {
        let logger = Self.logger
        do {
            return try await pool.client.withConnection { connection in
                let tx = PostgresTransaction(connection: connection)
                _ = try await tx.rows(begin)
                do {
                    let result = try await body(tx)
                    try Task.checkCancellation()
                    try await connection.query("COMMIT", logger: logger)
                    return result
                } catch {
                    // From a task of its own: a cancelled task may not reach the server any more.
                    await Task.detached { _ = try? await connection.query("ROLLBACK", logger: logger) }.value
                    throw error
                }
            }
        } catch {
            throw PostgresQueueError.translating(error, database: location.description)
        }
    }
}

/// The rows of one transaction, on the connection `PostgresQueueStore` leased and began.
struct PostgresTransaction: QueueWriteTransaction {
    let connection: PostgresConnection

    @discardableResult
    func rows(_ query: PostgresQuery) async throws -> [PostgresRandomAccessRow] {
        try Task.checkCancellation()
        return try await connection.query(query, logger: PostgresQueueStore.logger).collect().map { $0.makeRandomAccess() }
    }

    /// A statement built from parts; the values are bindings (`$1`, `$2`, …), never spliced.
    struct Statement {
        var sql: String
        var binds = PostgresBindings()

        init(_ sql: String) { self.sql = sql }

        /// Binds a value and returns its placeholder.
        mutating func bind(_ value: some PostgresDynamicTypeEncodable) -> String {
            binds.append(value)
            return "$\(binds.count)"
        }

        var query: PostgresQuery { PostgresQuery(unsafeSQL: sql, binds: binds) }
    }

    // MARK: Consultations

    func consultation(id: Int64) async throws -> Consultation? {
        try await rows("SELECT * FROM consultation WHERE id = \(id)").first.map { $0.consultation() }
    }

    func consultations(_ query: ConsultationQuery) async throws -> [Consultation] {
        var statement = Statement("SELECT * FROM consultation")
        var clauses: [String] = []
        if let states = query.states {
            let placeholders = states.sorted().map { statement.bind($0.rawValue) }
            clauses.append(placeholders.isEmpty ? "FALSE" : "state IN (\(placeholders.joined(separator: ",")))")
        }
        if let area = query.area { clauses.append("area = \(statement.bind(area))") }
        if let submitter = query.submitter { clauses.append("submitter = \(statement.bind(submitter))") }
        if let hash = query.contentHash { clauses.append("content_hash = \(statement.bind(hash))") }
        if let limit = query.dueAtOrBefore {
            clauses.append("state IN ('pending', 'in_review') AND due_at <= \(statement.bind(Timestamp.string(limit)))")
        }
        if !clauses.isEmpty { statement.sql += " WHERE " + clauses.joined(separator: " AND ") }
        statement.sql += " ORDER BY due_at IS NULL, due_at, id"
        return try await rows(statement.query).map { $0.consultation() }
    }

    func insertConsultation(_ c: Consultation) async throws -> Int64 {
        let inserted = try await rows(
            """
            INSERT INTO consultation (state, version, area, submitter, draft_path, revision, content_hash, question, submitted_at, updated_at)
            VALUES (\(c.state.rawValue), \(c.version), \(c.area), \(c.submitter), \(c.draftPath), \(c.revision), \(c.contentHash), \(c.question),
              \(Timestamp.string(c.submittedAt)), \(Timestamp.string(c.updatedAt)))
            RETURNING id
            """)
        return try inserted.first?["id"].decode(Int64.self) ?? 0
    }

    func updateConsultation(_ c: Consultation, expectedVersion: Int) async throws {
        let updated = try await rows(
            """
            UPDATE consultation SET state = \(c.state.rawValue), version = \(c.version), area = \(c.area), submitter = \(c.submitter),
              draft_path = \(c.draftPath), revision = \(c.revision), content_hash = \(c.contentHash), question = \(c.question),
              submitted_at = \(Timestamp.string(c.submittedAt)), due_at = \(c.dueAt.map(Timestamp.string)),
              remaining_seconds = \(c.remainingSeconds), warned_at = \(c.warnedAt.map(Timestamp.string)), claimed_by = \(c.claim?.reviewer),
              claimed_at = \(c.claim.map { Timestamp.string($0.claimedAt) }), claim_expires_at = \(c.claim.map { Timestamp.string($0.expiresAt) }),
              claim_version = \(c.claim?.version), decision = \(c.decision?.action.rawValue), decided_by = \(c.decision?.reviewer),
              decided_at = \(c.decision.map { Timestamp.string($0.at) }), decision_comment = \(c.decision?.comment),
              updated_at = \(Timestamp.string(c.updatedAt))
            WHERE id = \(c.id) AND version = \(expectedVersion)
            RETURNING id
            """)
        if updated.count != 1 { throw QueueStoreError.versionConflict(id: c.id) }
    }

    // MARK: Revisions

    func revisions(of consultationID: Int64) async throws -> [Revision] {
        try await rows("SELECT * FROM revision WHERE consultation_id = \(consultationID) ORDER BY number").map { $0.revision() }
    }

    func insertRevision(_ r: Revision) async throws {
        try await rows(
            """
            INSERT INTO revision (consultation_id, number, content_hash, draft_path, draft_text, question, findings, submitted_at, submitted_by)
            VALUES (\(r.consultationID), \(r.number), \(r.contentHash), \(r.draftPath), \(r.draftText), \(r.question),
              \(JSONOutput.string(r.findings, .compact)), \(Timestamp.string(r.submittedAt)), \(r.submittedBy))
            """)
    }

    // MARK: Users

    func user(named name: String) async throws -> User? {
        try await rows("SELECT * FROM queue_user WHERE name = \(name)").first.map { $0.user() }
    }

    func users() async throws -> [User] {
        try await rows("SELECT * FROM queue_user ORDER BY name").map { $0.user() }
    }

    func insertUser(_ user: User) async throws {
        let inserted = try await rows(
            """
            INSERT INTO queue_user (name, role, area, email, created_at)
            VALUES (\(user.name), \(user.role.rawValue), \(user.area), \(user.email), \(Timestamp.string(user.createdAt)))
            ON CONFLICT (name) DO NOTHING RETURNING name
            """)
        if inserted.isEmpty { throw QueueStoreError.duplicateUser(user.name) }
    }

    func updateUser(_ user: User) async throws {
        try await rows(
            "UPDATE queue_user SET role = \(user.role.rawValue), area = \(user.area), email = \(user.email) WHERE name = \(user.name)")
    }

    // MARK: Passwords and API tokens

    func passwordHash(of userName: String) async throws -> String? {
        try await rows("SELECT password_hash FROM queue_user WHERE name = \(userName)").first?.text("password_hash")
    }

    func setPasswordHash(_ hash: String, of userName: String, at: Date) async throws {
        try await rows("UPDATE queue_user SET password_hash = \(hash), password_set_at = \(Timestamp.string(at)) WHERE name = \(userName)")
    }

    func apiTokens(of userName: String) async throws -> [APIToken] {
        try await rows("SELECT * FROM api_token WHERE user_name = \(userName) ORDER BY id").map { $0.apiToken() }
    }

    func apiToken(hash: String) async throws -> APIToken? {
        try await rows("SELECT * FROM api_token WHERE token_hash = \(hash)").first.map { $0.apiToken() }
    }

    func insertAPIToken(_ t: APIToken) async throws -> Int64 {
        let inserted = try await rows(
            """
            INSERT INTO api_token (user_name, label, token_hash, created_at, last_used_at)
            VALUES (\(t.userName), \(t.label), \(t.hash), \(Timestamp.string(t.createdAt)), \(t.lastUsedAt.map(Timestamp.string)))
            RETURNING id
            """)
        return try inserted.first?["id"].decode(Int64.self) ?? 0
    }

    func touchAPIToken(id: Int64, at: Date) async throws {
        try await rows("UPDATE api_token SET last_used_at = \(Timestamp.string(at)) WHERE id = \(id)")
    }

    func deleteAPIToken(id: Int64) async throws -> Bool {
        try await !rows("DELETE FROM api_token WHERE id = \(id) RETURNING id").isEmpty
    }

    func deleteAPITokens(of userName: String) async throws -> Int {
        try await rows("DELETE FROM api_token WHERE user_name = \(userName) RETURNING id").count
    }

    // MARK: Sessions and sign-in throttling

    func session(idHash: String) async throws -> Session? {
        try await rows("SELECT * FROM session WHERE id_hash = \(idHash)").first.map { $0.session() }
    }

    func sessions(of userName: String) async throws -> [Session] {
        try await rows("SELECT * FROM session WHERE user_name = \(userName) ORDER BY created_at, id_hash")
            .map { $0.session() }
    }

    func insertSession(_ s: Session) async throws {
        try await rows(
            """
            INSERT INTO session (id_hash, user_name, csrf_token, created_at, last_seen_at, expires_at)
            VALUES (\(s.idHash), \(s.userName), \(s.csrfToken), \(Timestamp.string(s.createdAt)), \(Timestamp.string(s.lastSeenAt)),
              \(Timestamp.string(s.expiresAt)))
            """)
    }

    func touchSession(idHash: String, lastSeenAt: Date, expiresAt: Date) async throws {
        try await rows(
            """
            UPDATE session SET last_seen_at = \(Timestamp.string(lastSeenAt)), expires_at = \(Timestamp.string(expiresAt))
            WHERE id_hash = \(idHash)
            """)
    }

    func deleteSession(idHash: String) async throws {
        try await rows("DELETE FROM session WHERE id_hash = \(idHash)")
    }

    func deleteSessions(of userName: String) async throws -> Int {
        try await rows("DELETE FROM session WHERE user_name = \(userName) RETURNING id_hash").count
    }

    func deleteSessions(expiringAtOrBefore instant: Date) async throws -> Int {
        try await rows("DELETE FROM session WHERE expires_at <= \(Timestamp.string(instant)) RETURNING id_hash").count
    }

    func signInThrottle(key: String) async throws -> SignInThrottle? {
        try await rows("SELECT * FROM sign_in_throttle WHERE key = \(key)").first.map { $0.signInThrottle() }
    }

    func saveSignInThrottle(_ t: SignInThrottle) async throws {
        try await rows(
            """
            INSERT INTO sign_in_throttle (key, failures, last_failure_at, blocked_until)
            VALUES (\(t.key), \(t.failures), \(Timestamp.string(t.lastFailureAt)), \(t.blockedUntil.map(Timestamp.string)))
            ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, last_failure_at = excluded.last_failure_at,
              blocked_until = excluded.blocked_until
            """)
    }

    func deleteSignInThrottle(key: String) async throws {
        try await rows("DELETE FROM sign_in_throttle WHERE key = \(key)")
    }

    func deleteSignInThrottles(lastFailureBefore instant: Date) async throws -> Int {
        try await rows("DELETE FROM sign_in_throttle WHERE last_failure_at < \(Timestamp.string(instant)) RETURNING key").count
    }

    // MARK: Audit log

    func auditEntries(consultationID: Int64?, after sequence: Int64, limit: Int?) async throws -> [AuditEntry] {
        var statement = Statement("SELECT * FROM audit_log WHERE sequence > ")
        statement.sql += statement.bind(sequence)
        if let consultationID { statement.sql += " AND consultation_id = " + statement.bind(consultationID) }
        statement.sql += " ORDER BY sequence"
        if let limit { statement.sql += " LIMIT " + statement.bind(limit) }
        return try await rows(statement.query).map { $0.auditEntry() }
    }

    func auditHead() async throws -> AuditHead? {
        try await rows("SELECT sequence, hash FROM audit_head WHERE id = 1 AND sequence > 0").first.map {
            AuditHead(sequence: $0.int64("sequence") ?? 0, hash: $0.string("hash"))
        }
    }

    func appendAuditEntry(_ e: AuditEntry) async throws {
        try await rows(
            """
            INSERT INTO audit_log (sequence, at, actor, event, consultation_id, revision, from_state, to_state, reason, details, previous_hash, hash)
            VALUES (\(e.sequence), \(Timestamp.string(e.at)), \(e.actor), \(e.event), \(e.consultationID), \(e.revision), \(e.fromState),
              \(e.toState), \(e.reason), \(e.details), \(e.previousHash), \(e.hash))
            """)
        try await rows("UPDATE audit_head SET sequence = \(e.sequence), hash = \(e.hash) WHERE id = 1")
    }

    // MARK: Outbox

    func outboxMessages(undeliveredOnly: Bool) async throws -> [OutboxMessage] {
        try await rows(undeliveredOnly ? "SELECT * FROM outbox WHERE status <> 'sent' ORDER BY id" : "SELECT * FROM outbox ORDER BY id")
            .map { $0.outboxMessage() }
    }

    func enqueue(_ m: OutboxMessage) async throws {
        try await rows(
            """
            INSERT INTO outbox (audit_sequence, channel, audience, recipients, subject, body, payload, created_at)
            VALUES (\(m.auditSequence), \(m.channel.rawValue), \(m.audience.rawValue), \(JSONOutput.string(m.recipients, .compact)), \(m.subject),
              \(m.body), \(m.payload), \(Timestamp.string(m.createdAt)))
            """)
        // Delivered at commit, to every process listening (`outboxSignals()`).
        try await rows("SELECT pg_notify(\(PostgresQueueStore.outboxChannel), '')")
    }

    /// Leases with `FOR UPDATE SKIP LOCKED`: a message another transaction is taking is skipped, not waited for.
    func takeOutboxMessages(now: Date, leaseUntil: Date, limit: Int) async throws -> [OutboxMessage] {
        let nowText = Timestamp.string(now)
        return try await rows(
            """
            UPDATE outbox SET status = 'sending', lease_until = \(Timestamp.string(leaseUntil)), attempts = attempts + 1
            WHERE id IN (
              SELECT id FROM outbox
              WHERE (status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= \(nowText)))
                OR (status = 'sending' AND lease_until <= \(nowText))
              ORDER BY id LIMIT \(limit)
              FOR UPDATE SKIP LOCKED)
            RETURNING *
            """
        ).map { $0.outboxMessage() }.sorted { $0.id < $1.id }
    }

    func markOutboxDelivered(id: Int64, at: Date) async throws {
        try await rows("UPDATE outbox SET status = 'sent', delivered_at = \(Timestamp.string(at)), lease_until = NULL, last_error = NULL WHERE id = \(id)")
    }

    func markOutboxFailed(id: Int64, error: String, retryAt: Date?) async throws {
        try await rows(
            """
            UPDATE outbox SET status = \(retryAt == nil ? "failed" : "pending"), next_attempt_at = COALESCE(\(retryAt.map(Timestamp.string)), next_attempt_at),
              lease_until = NULL, last_error = \(error)
            WHERE id = \(id)
            """)
    }
}
