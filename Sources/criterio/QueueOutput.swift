import CriterioFoundation
import CriterioQueue
import Foundation

/// How consultations, revisions and log entries look in `--format json`. Keys are stable.
enum QueueJSON {
    struct Item: Encodable {
        let id: Int64
        let state: String
        let version: Int
        let area: String
        let submitter: String
        let draft: String
        let revision: Int
        let contentHash: String
        let question: String
        let submittedAt: String
        let dueAt: String?
        let overdue: Bool
        let remainingSeconds: Int?
        let claim: ClaimJSON?
        let decision: DecisionJSON?
        let fallback: String?

        enum CodingKeys: String, CodingKey {
            case id, state, version, area, submitter, draft, revision, question, overdue, claim, decision, fallback
            case contentHash = "content_hash"
            case submittedAt = "submitted_at"
            case dueAt = "due_at"
            case remainingSeconds = "remaining_seconds"
        }
    }

    struct ClaimJSON: Encodable {
        let reviewer: String
        let claimedAt: String
        let expiresAt: String
        enum CodingKeys: String, CodingKey {
            case reviewer
            case claimedAt = "claimed_at"
            case expiresAt = "expires_at"
        }
    }

    struct DecisionJSON: Encodable {
        let action: String
        let reviewer: String
        let at: String
        let comment: String
    }

    struct RevisionJSON: Encodable {
        let number: Int
        let contentHash: String
        let draft: String
        let text: String
        let question: String
        let findings: [SubmittedFinding]
        let submittedAt: String
        let submittedBy: String
        enum CodingKeys: String, CodingKey {
            case number, draft, text, question, findings
            case contentHash = "content_hash"
            case submittedAt = "submitted_at"
            case submittedBy = "submitted_by"
        }
    }

    struct Entry: Encodable {
        let sequence: Int64
        let at: String
        let actor: String
        let event: String
        let consultation: Int64?
        let revision: Int?
        let from: String?
        let to: String?
        let reason: String?
        let details: String?
        let previousHash: String
        let hash: String
        enum CodingKeys: String, CodingKey {
            case sequence, at, actor, event, consultation, revision, from, to, reason, details, hash
            case previousHash = "previous_hash"
        }
    }

    struct Detail: Encodable {
        let consultation: Item
        let revisions: [RevisionJSON]
        let history: [Entry]
    }

    static func item(_ c: Consultation, now: Date) -> Item {
        Item(
            id: c.id, state: c.state.rawValue, version: c.version, area: c.area, submitter: c.submitter, draft: c.draftPath, revision: c.revision,
            contentHash: c.contentHash, question: c.question, submittedAt: Timestamp.string(c.submittedAt), dueAt: c.dueAt.map(Timestamp.string),
            overdue: c.isOverdue(at: now), remainingSeconds: c.remainingSeconds,
            claim: c.claim.map { ClaimJSON(reviewer: $0.reviewer, claimedAt: Timestamp.string($0.claimedAt), expiresAt: Timestamp.string($0.expiresAt)) },
            decision: c.decision.map { DecisionJSON(action: $0.action.rawValue, reviewer: $0.reviewer, at: Timestamp.string($0.at), comment: $0.comment) },
            fallback: c.state == .expired ? FallbackText.forPersonWhoAsked : nil)
    }

    static func entry(_ e: AuditEntry) -> Entry {
        Entry(
            sequence: e.sequence, at: Timestamp.string(e.at), actor: e.actor, event: e.event, consultation: e.consultationID, revision: e.revision,
            from: e.fromState, to: e.toState, reason: e.reason, details: e.details, previousHash: e.previousHash, hash: e.hash)
    }

    static func detail(_ d: QueueService.Detail, now: Date) -> Detail {
        Detail(
            consultation: item(d.consultation, now: now),
            revisions: d.revisions.map {
                RevisionJSON(
                    number: $0.number, contentHash: $0.contentHash, draft: $0.draftPath, text: $0.draftText, question: $0.question, findings: $0.findings,
                    submittedAt: Timestamp.string($0.submittedAt), submittedBy: $0.submittedBy)
            },
            history: d.history.map(entry))
    }

    static func render(_ value: some Encodable) -> String {
        JSONOutput.document(value, fallback: "")
    }
}

/// How they look as text.
enum QueueText {
    static func line(_ c: Consultation, _ context: QueueContext) -> String {
        var text = "#\(c.id)  \(c.state.label)"
        if c.state.clockRuns, let due = c.dueAt {
            text += " · vence \(context.local(due)) (\(context.timeLeft(until: due)))"
        } else if c.state == .changesRequested, let remaining = c.remainingSeconds {
            text += " · reloj detenido, quedan \(QueueContext.duration(remaining))"
        }
        if let claim = c.claim { text += " · reclamada por \(claim.reviewer)" }
        return text + "  [\(c.area)] \(c.draftPath) — \(c.submitter)"
    }

    static func detail(_ d: QueueService.Detail, _ context: QueueContext) -> String {
        let c = d.consultation
        var out = "Consulta \(c.id) — \(c.state.label) (versión \(c.version))\n"
        out += "Área: \(c.area) · enviada por \(c.submitter) el \(context.local(c.submittedAt))\n"
        out += "Borrador: \(c.draftPath) (revisión \(c.revision), SHA-256 \(c.contentHash.prefix(12))…)\n"
        if c.state.clockRuns, let due = c.dueAt { out += "Vence: \(context.local(due)) (\(context.timeLeft(until: due)))\n" }
        if c.state == .changesRequested, let remaining = c.remainingSeconds {
            out += "Reloj detenido mientras se hacen los cambios; a la CNCS le quedan \(QueueContext.duration(remaining))\n"
        }
        if let claim = c.claim, c.state == .inReview {
            out += "Reclamada por \(claim.reviewer) hasta \(context.local(claim.expiresAt))\n"
        }
        if let decision = c.decision {
            out += "Respuesta de \(decision.reviewer) (\(context.local(decision.at))):\n  \(decision.comment)\n"
        }
        if c.state == .expired { out += "\n" + FallbackText.forPersonWhoAsked + "\n" }
        out += "\nPregunta:\n  \(c.question)\n"
        if let revision = d.revisions.last {
            if revision.findings.isEmpty {
                out += "\nHallazgos: ninguno\n"
            } else {
                out += "\nHallazgos:\n"
                for f in revision.findings {
                    out += "  \(f.line):\(f.column) \(f.severity) \(f.rule)\(f.kind.map { "/\($0)" } ?? "") [\(f.criterion)] \(f.message) «\(f.excerpt)»\n"
                }
            }
            out += "\nTexto (revisión \(revision.number)):\n"
            for line in revision.draftText.split(separator: "\n", omittingEmptySubsequences: false) { out += "  │ \(line)\n" }
        }
        out += "\nHistorial:\n"
        for entry in d.history { out += "  " + QueueText.entry(entry, context) + "\n" }
        return out
    }

    static func entry(_ e: AuditEntry, _ context: QueueContext) -> String {
        var text = "\(e.sequence). \(context.local(e.at)) \(e.actor): \(QueueAction.label(forEvent: e.event))"
        if let id = e.consultationID { text += " #\(id)" }
        if let from = e.fromState, let to = e.toState, from != to {
            text += " (\(ConsultationState(rawValue: from)?.label ?? from) → \(ConsultationState(rawValue: to)?.label ?? to))"
        } else if e.fromState == nil, let to = e.toState {
            text += " (→ \(ConsultationState(rawValue: to)?.label ?? to))"
        }
        if let reason = e.reason { text += " — \(reason.replacingOccurrences(of: "\n", with: " "))" }
        return text
    }
}
