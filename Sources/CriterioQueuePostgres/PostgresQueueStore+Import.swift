import CriterioFoundation
import CriterioQueue
import Foundation
import PostgresNIO

extension PostgresQueueStore {
    /// Why an import was refused.
    public struct ImportRefusal: ExplainedError {
        public let description: String
    }

    /// Writes a queue read from another store into this one, keeping every id, sequence and hash,
    /// in one transaction (all or nothing). Refuses a database that already holds a queue (a user,
    /// a consultation or a log entry). Undelivered messages are left pending: the next
    /// `criterio queue tick` delivers them.
    public func importQueue(_ snapshot: QueueSnapshot) async throws {
        try await write { transaction in
            guard let tx = transaction as? PostgresTransaction else { return }
            let occupied = try await tx.rows(
                """
                SELECT EXISTS (SELECT 1 FROM queue_user) OR EXISTS (SELECT 1 FROM consultation) OR EXISTS (SELECT 1 FROM audit_log)
                  OR EXISTS (SELECT 1 FROM outbox) AS occupied
                """)
            if (try? occupied.first?["occupied"].decode(Bool.self)) ?? true {
                throw ImportRefusal(description: "la base de datos «\(location)» ya tiene una cola de Criterio; no se copió nada. Usa una base de datos vacía")
            }
            for stored in snapshot.users {
                let u = stored.user
                try await tx.rows(
                    """
                    INSERT INTO queue_user (name, role, area, email, created_at, password_hash)
                    VALUES (\(u.name), \(u.role.rawValue), \(u.area), \(u.email), \(Timestamp.string(u.createdAt)), \(stored.passwordHash))
                    """)
            }
            for t in snapshot.apiTokens {
                try await tx.rows(
                    """
                    INSERT INTO api_token (id, user_name, label, token_hash, created_at, last_used_at)
                    VALUES (\(t.id), \(t.userName), \(t.label), \(t.hash), \(Timestamp.string(t.createdAt)), \(t.lastUsedAt.map(Timestamp.string)))
                    """)
            }
            for c in snapshot.consultations {
                try await tx.rows(
                    """
                    INSERT INTO consultation (id, state, version, area, submitter, draft_path, revision, content_hash, question, submitted_at, updated_at)
                    VALUES (\(c.id), \(c.state.rawValue), \(c.version), \(c.area), \(c.submitter), \(c.draftPath), \(c.revision), \(c.contentHash),
                      \(c.question), \(Timestamp.string(c.submittedAt)), \(Timestamp.string(c.updatedAt)))
                    """)
                // The rest (clock, claim, decision) as any later change writes it.
                try await tx.updateConsultation(c, expectedVersion: c.version)
            }
            for revision in snapshot.revisions { try await tx.insertRevision(revision) }
            for entry in snapshot.auditEntries {
                try await tx.rows(
                    """
                    INSERT INTO audit_log (sequence, at, actor, event, consultation_id, revision, from_state, to_state, reason, details, previous_hash, hash)
                    VALUES (\(entry.sequence), \(Timestamp.string(entry.at)), \(entry.actor), \(entry.event), \(entry.consultationID), \(entry.revision),
                      \(entry.fromState), \(entry.toState), \(entry.reason), \(entry.details), \(entry.previousHash), \(entry.hash))
                    """)
            }
            if let head = snapshot.auditHead {
                try await tx.rows("UPDATE audit_head SET sequence = \(head.sequence), hash = \(head.hash) WHERE id = 1")
            }
            for stored in snapshot.outbox {
                let m = stored.message
                try await tx.rows(
                    """
                    INSERT INTO outbox (id, audit_sequence, channel, audience, recipients, subject, body, payload, created_at, status, attempts)
                    VALUES (\(m.id), \(m.auditSequence), \(m.channel.rawValue), \(m.audience.rawValue), \(JSONOutput.string(m.recipients, .compact)),
                      \(m.subject), \(m.body), \(m.payload), \(Timestamp.string(m.createdAt)), \(stored.delivered ? "sent" : "pending"), \(m.attempts))
                    """)
            }
            // New rows continue after the copied ids.
            for table in ["consultation", "api_token", "outbox"] {
                try await tx.rows(
                    """
                    SELECT setval(pg_get_serial_sequence(\(table), 'id'), COALESCE((SELECT max(id) FROM \(unescaped: table)), 0) + 1, false)
                    """)
            }
        }
    }
}
