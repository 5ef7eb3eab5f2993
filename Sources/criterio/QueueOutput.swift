import CriterioFoundation
import CriterioQueue
import Foundation

extension QueueJSON {
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
        // User management: whom it was about, and what changed.
        let details = e.detailValues
        if e.consultationID == nil, let user = details["user"] {
            text += " \(user)"
            if let from = details["from"], let to = details["to"] { text += " (\(from.isEmpty ? "—" : from) → \(to))" }
        }
        if let from = e.fromState, let to = e.toState, from != to {
            text += " (\(ConsultationState(rawValue: from)?.label ?? from) → \(ConsultationState(rawValue: to)?.label ?? to))"
        } else if e.fromState == nil, let to = e.toState {
            text += " (→ \(ConsultationState(rawValue: to)?.label ?? to))"
        }
        if let reason = e.reason { text += " — \(reason.replacingOccurrences(of: "\n", with: " "))" }
        return text
    }
}
