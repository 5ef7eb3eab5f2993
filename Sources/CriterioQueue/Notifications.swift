import CriterioFoundation
import Foundation

/// How a notification leaves the machine.
public enum NotificationChannel: String, Sendable, Codable, CaseIterable, Hashable {
    case email
    case webhook
}

/// Who hears of an event.
public enum Audience: String, Sendable, Codable {
    /// CNCS: new and near-due items.
    case cncs
    /// The person who asked: every outcome.
    case submitter
}

/// A notification written to the outbox in the transition's transaction, delivered after commit.
public struct OutboxMessage: Sendable, Equatable {
    public var id: Int64
    /// The audit entry it tells of: (event, channel) is unique, so nothing is queued twice.
    public var auditSequence: Int64
    public var channel: NotificationChannel
    public var audience: Audience
    /// E-mail addresses (empty for the webhook).
    public var recipients: [String]
    public var subject: String
    public var body: String
    /// The webhook's JSON document.
    public var payload: String
    public var createdAt: Date
    public var attempts: Int

    public init(
        id: Int64 = 0, auditSequence: Int64, channel: NotificationChannel, audience: Audience, recipients: [String], subject: String,
        body: String, payload: String, createdAt: Date, attempts: Int = 0
    ) {
        self.id = id
        self.auditSequence = auditSequence
        self.channel = channel
        self.audience = audience
        self.recipients = recipients
        self.subject = subject
        self.body = body
        self.payload = payload
        self.createdAt = createdAt
        self.attempts = attempts
    }
}

/// What the person who asked is told when CNCS did not answer in time (criterion 6.viii, with the
/// channels of 6.vii; the published 6.viii writes "INTEL" for INETEL).
public enum FallbackText {
    public static let forPersonWhoAsked = """
        La CNCS no emitió respuesta dentro del plazo de 48 horas (criterio 6.viii). Esto no es una aprobación: \
        el borrador no debe publicarse. Comunica a la persona usuaria que puede obtener la información vía INETEL \
        o a través de la Plataforma Nacional de Transparencia (https://www.plataformadetransparencia.org.mx).
        """
}

/// Writes the Spanish subject and body of each notification, and the webhook document.
enum NotificationComposer {
    struct Composed {
        let audience: Audience
        let subject: String
        let body: String
    }

    static func compose(_ action: QueueAction, consultation item: Consultation, actor: String, comment: String?) -> Composed? {
        let name = "consulta \(item.id)"
        let due = item.dueAt.map { " Vence: \(Timestamp.string($0))." } ?? ""
        let answer = comment.map { "\n\nComentario de la CNCS:\n\($0)" } ?? ""
        switch action {
        case .submit, .resubmit, .reopen:
            let what = action == .submit ? "Nueva" : action == .resubmit ? "Nueva revisión de la" : "Se reabrió la"
            return Composed(
                audience: .cncs, subject: "[Criterio] \(what) \(name) (\(item.area))",
                body: "\(what) \(name) del área \(item.area), enviada por \(item.submitter): \(item.draftPath).\(due)\n\nPregunta:\n\(item.question)\n\nRevísala con: criterio queue show \(item.id)")
        case .warn:
            return Composed(
                audience: .cncs, subject: "[Criterio] La \(name) está por vencer",
                body: "La \(name) del área \(item.area) sigue sin respuesta.\(due)\n\nRevísala con: criterio queue show \(item.id)")
        case .approve:
            return Composed(
                audience: .submitter, subject: "[Criterio] La CNCS aprobó la \(name)",
                body: "La CNCS (\(actor)) aprobó la \(name) (\(item.draftPath), revisión \(item.revision)). La aprobación cubre solo este texto exacto; si lo cambias, necesitas otra consulta.\(answer)")
        case .reject:
            return Composed(
                audience: .submitter, subject: "[Criterio] La CNCS rechazó la \(name)",
                body: "La CNCS (\(actor)) rechazó la \(name) (\(item.draftPath)). No publiques este borrador.\(answer)")
        case .requestChanges:
            return Composed(
                audience: .submitter, subject: "[Criterio] La CNCS pide cambios en la \(name)",
                body: "La CNCS (\(actor)) pide cambios en la \(name) (\(item.draftPath)). Envía la nueva versión con: criterio consult submit \(item.draftPath) --resubmit \(item.id) --question \"…\"\(answer)")
        case .expire:
            return Composed(
                audience: .submitter, subject: "[Criterio] La \(name) venció sin respuesta",
                body: "La \(name) (\(item.draftPath)) venció sin respuesta de la CNCS.\n\n\(FallbackText.forPersonWhoAsked)")
        case .withdraw where actor != item.submitter:
            return Composed(
                audience: .submitter, subject: "[Criterio] Se retiró la \(name)",
                body: "\(actor) retiró la \(name) (\(item.draftPath)).\(comment.map { "\n\nMotivo:\n\($0)" } ?? "")")
        case .claim, .release, .withdraw, .comment, .expireClaim:
            return nil
        }
    }

    struct WebhookDocument: Encodable {
        let event: String
        let eventID: Int64
        let at: String
        let actor: String
        let audience: String
        let consultation: Item
        let from: String?
        let to: String?
        let comment: String?
        let subject: String
        let message: String

        struct Item: Encodable {
            let id: Int64
            let state: String
            let version: Int
            let area: String
            let submitter: String
            let draft: String
            let revision: Int
            let contentHash: String
            let dueAt: String?

            enum CodingKeys: String, CodingKey {
                case id, state, version, area, submitter, draft, revision
                case contentHash = "content_hash"
                case dueAt = "due_at"
            }
        }

        enum CodingKeys: String, CodingKey {
            case event, at, actor, audience, consultation, from, to, comment, subject, message
            case eventID = "event_id"
        }
    }

    static func payload(entry: AuditEntry, item: Consultation, composed: Composed) -> String {
        let document = WebhookDocument(
            event: entry.event, eventID: entry.sequence, at: Timestamp.string(entry.at), actor: entry.actor, audience: composed.audience.rawValue,
            consultation: .init(
                id: item.id, state: item.state.rawValue, version: item.version, area: item.area, submitter: item.submitter, draft: item.draftPath,
                revision: item.revision, contentHash: item.contentHash, dueAt: item.dueAt.map(Timestamp.string)),
            from: entry.fromState, to: entry.toState, comment: entry.reason, subject: composed.subject, message: composed.body)
        return JSONOutput.string(document, .compact)
    }
}
