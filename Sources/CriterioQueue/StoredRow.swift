import Foundation

/// A row as a store reads it back, column by column: every store maps its rows to the queue's
/// values here, once. Reading is lenient: a value that is missing or not of the type asked (a row
/// edited by hand) reads as nil and gives a wrong value, which `audit verify` then reports, never a
/// crash.
public protocol StoredRow {
    func text(_ column: String) -> String?
    func int64(_ column: String) -> Int64?
}

extension StoredRow {
    public func string(_ column: String) -> String { text(column) ?? "" }

    public func int(_ column: String) -> Int? { int64(column).flatMap { Int(exactly: $0) } }

    public func date(_ column: String) -> Date? { text(column).flatMap(Timestamp.parse) }

    public func consultation() -> Consultation {
        var claim: Claim?
        if let reviewer = text("claimed_by") {
            claim = Claim(
                reviewer: reviewer, claimedAt: date("claimed_at") ?? .distantPast, expiresAt: date("claim_expires_at") ?? .distantPast,
                version: int("claim_version") ?? 0)
        }
        var decision: Decision?
        if let action = text("decision"), let kind = QueueAction(rawValue: action) {
            decision = Decision(action: kind, reviewer: string("decided_by"), at: date("decided_at") ?? .distantPast, comment: string("decision_comment"))
        }
        return Consultation(
            id: int64("id") ?? 0, state: ConsultationState(rawValue: string("state")) ?? .pending, version: int("version") ?? 0,
            area: string("area"), submitter: string("submitter"), draftPath: string("draft_path"), revision: int("revision") ?? 0,
            contentHash: string("content_hash"), question: string("question"), submittedAt: date("submitted_at") ?? .distantPast,
            dueAt: date("due_at"), remainingSeconds: int("remaining_seconds"), warnedAt: date("warned_at"), claim: claim,
            decision: decision, updatedAt: date("updated_at") ?? .distantPast)
    }

    public func revision() -> Revision {
        let findings = (try? JSONDecoder().decode([SubmittedFinding].self, from: Data(string("findings").utf8))) ?? []
        return Revision(
            consultationID: int64("consultation_id") ?? 0, number: int("number") ?? 0, contentHash: string("content_hash"),
            draftPath: string("draft_path"), draftText: string("draft_text"), question: string("question"), findings: findings,
            submittedAt: date("submitted_at") ?? .distantPast, submittedBy: string("submitted_by"))
    }

    public func user() -> User {
        User(
            name: string("name"), role: Role(rawValue: string("role")) ?? .admin, area: text("area"), email: text("email"),
            createdAt: date("created_at") ?? .distantPast)
    }

    public func auditEntry() -> AuditEntry {
        let at = string("at")
        // A timestamp that is not in the canonical spelling was edited: it must not verify.
        let instant = Timestamp.parse(at).flatMap { Timestamp.string($0) == at ? $0 : nil } ?? .distantPast
        return AuditEntry(
            sequence: int64("sequence") ?? 0, at: instant, actor: string("actor"), event: string("event"),
            consultationID: int64("consultation_id"), revision: int("revision"), fromState: text("from_state"),
            toState: text("to_state"), reason: text("reason"), details: text("details"), previousHash: string("previous_hash"),
            hash: string("hash"))
    }

    public func apiToken() -> APIToken {
        APIToken(
            id: int64("id") ?? 0, userName: string("user_name"), label: string("label"), hash: string("token_hash"),
            createdAt: date("created_at") ?? .distantPast, lastUsedAt: date("last_used_at"))
    }

    public func session() -> Session {
        Session(
            idHash: string("id_hash"), userName: string("user_name"), csrfToken: string("csrf_token"),
            createdAt: date("created_at") ?? .distantPast, lastSeenAt: date("last_seen_at") ?? .distantPast,
            // A date edited into nonsense ends the session rather than keeping it forever.
            expiresAt: date("expires_at") ?? .distantPast)
    }

    public func signInThrottle() -> SignInThrottle {
        SignInThrottle(
            key: string("key"), failures: int("failures") ?? 0, lastFailureAt: date("last_failure_at") ?? .distantPast,
            blockedUntil: date("blocked_until"))
    }

    public func outboxMessage() -> OutboxMessage {
        OutboxMessage(
            id: int64("id") ?? 0, auditSequence: int64("audit_sequence") ?? 0,
            channel: NotificationChannel(rawValue: string("channel")) ?? .email,
            audience: Audience(rawValue: string("audience")) ?? .submitter,
            recipients: (try? JSONDecoder().decode([String].self, from: Data(string("recipients").utf8))) ?? [],
            subject: string("subject"), body: string("body"), payload: string("payload"),
            createdAt: date("created_at") ?? .distantPast, attempts: int("attempts") ?? 0)
    }
}
