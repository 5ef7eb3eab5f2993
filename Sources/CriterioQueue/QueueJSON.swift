import Foundation

/// How consultations, revisions, log entries and users look in JSON: `--format json` of the queue
/// commands and the server's API answer with these. Keys are stable.
public enum QueueJSON {
    public struct Item: Encodable, Sendable {
        public let id: Int64
        public let state: String
        public let version: Int
        public let area: String
        public let submitter: String
        public let draft: String
        public let revision: Int
        public let contentHash: String
        public let question: String
        public let submittedAt: String
        public let dueAt: String?
        public let overdue: Bool
        public let remainingSeconds: Int?
        public let claim: ClaimJSON?
        public let decision: DecisionJSON?
        public let fallback: String?

        enum CodingKeys: String, CodingKey {
            case id, state, version, area, submitter, draft, revision, question, overdue, claim, decision, fallback
            case contentHash = "content_hash"
            case submittedAt = "submitted_at"
            case dueAt = "due_at"
            case remainingSeconds = "remaining_seconds"
        }
    }

    public struct ClaimJSON: Encodable, Sendable {
        public let reviewer: String
        public let claimedAt: String
        public let expiresAt: String
        enum CodingKeys: String, CodingKey {
            case reviewer
            case claimedAt = "claimed_at"
            case expiresAt = "expires_at"
        }
    }

    public struct DecisionJSON: Encodable, Sendable {
        public let action: String
        public let reviewer: String
        public let at: String
        public let comment: String
    }

    public struct RevisionJSON: Encodable, Sendable {
        public let number: Int
        public let contentHash: String
        public let draft: String
        public let text: String
        public let question: String
        public let findings: [SubmittedFinding]
        public let submittedAt: String
        public let submittedBy: String
        enum CodingKeys: String, CodingKey {
            case number, draft, text, question, findings
            case contentHash = "content_hash"
            case submittedAt = "submitted_at"
            case submittedBy = "submitted_by"
        }
    }

    public struct Entry: Encodable, Sendable {
        public let sequence: Int64
        public let at: String
        public let actor: String
        public let event: String
        public let consultation: Int64?
        public let revision: Int?
        public let from: String?
        public let to: String?
        public let reason: String?
        public let details: String?
        public let previousHash: String
        public let hash: String
        enum CodingKeys: String, CodingKey {
            case sequence, at, actor, event, consultation, revision, from, to, reason, details, hash
            case previousHash = "previous_hash"
        }
    }

    public struct Detail: Encodable, Sendable {
        public let consultation: Item
        public let revisions: [RevisionJSON]
        public let history: [Entry]
    }

    public static func item(_ c: Consultation, now: Date) -> Item {
        Item(
            id: c.id, state: c.state.rawValue, version: c.version, area: c.area, submitter: c.submitter, draft: c.draftPath, revision: c.revision,
            contentHash: c.contentHash, question: c.question, submittedAt: Timestamp.string(c.submittedAt), dueAt: c.dueAt.map(Timestamp.string),
            overdue: c.isOverdue(at: now), remainingSeconds: c.remainingSeconds,
            claim: c.claim.map { ClaimJSON(reviewer: $0.reviewer, claimedAt: Timestamp.string($0.claimedAt), expiresAt: Timestamp.string($0.expiresAt)) },
            decision: c.decision.map { DecisionJSON(action: $0.action.rawValue, reviewer: $0.reviewer, at: Timestamp.string($0.at), comment: $0.comment) },
            fallback: c.state == .expired ? FallbackText.forPersonWhoAsked : nil)
    }

    public static func entry(_ e: AuditEntry) -> Entry {
        Entry(
            sequence: e.sequence, at: Timestamp.string(e.at), actor: e.actor, event: e.event, consultation: e.consultationID, revision: e.revision,
            from: e.fromState, to: e.toState, reason: e.reason, details: e.details, previousHash: e.previousHash, hash: e.hash)
    }

    /// `text` says what of a revision's draft is shown (the server masks personal data in it).
    public static func detail(_ d: QueueService.Detail, now: Date, text: (Revision) -> String = { $0.draftText }) -> Detail {
        Detail(
            consultation: item(d.consultation, now: now),
            revisions: d.revisions.map {
                RevisionJSON(
                    number: $0.number, contentHash: $0.contentHash, draft: $0.draftPath, text: text($0), question: $0.question, findings: $0.findings,
                    submittedAt: Timestamp.string($0.submittedAt), submittedBy: $0.submittedBy)
            },
            history: d.history.map(entry))
    }

    public struct UserJSON: Encodable, Sendable {
        public let name: String
        public let role: String
        public let area: String?
        public let email: String?
    }

    public static func user(_ u: User) -> UserJSON {
        UserJSON(name: u.name, role: u.role.rawValue, area: u.area, email: u.email)
    }

    /// What `audit verify` finds, with a Spanish sentence.
    public struct Verification: Encodable, Sendable {
        public let intact: Bool
        public let entries: Int
        public let lastHash: String?
        public let firstBadEntry: Int64?
        public let problem: String?
        public let message: String
        enum CodingKeys: String, CodingKey {
            case intact, entries, problem, message
            case lastHash = "last_hash"
            case firstBadEntry = "first_bad_entry"
        }
    }

    public static func verification(_ v: AuditVerification) -> Verification {
        switch v {
        case .intact(let entries, let lastHash):
            Verification(
                intact: true, entries: entries, lastHash: lastHash, firstBadEntry: nil, problem: nil,
                message: "bitácora íntegra: \(entries) entradas" + (lastHash.map { "; última huella \($0)" } ?? ""))
        case .broken(let problem, let intact):
            Verification(
                intact: false, entries: intact, lastHash: nil, firstBadEntry: problem.sequence, problem: problem.kind.rawValue,
                message: "bitácora alterada: \(problem.description)")
        }
    }
}
