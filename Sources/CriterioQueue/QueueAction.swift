/// Everything that can happen to a consultation. People do the first ten; the queue itself does the
/// last three (`isAutomatic`), on `criterio queue tick` or before any action on an overdue item.
public enum QueueAction: String, CaseIterable, Sendable, Codable {
    case submit
    case claim
    case release
    case approve
    case reject
    case requestChanges = "request_changes"
    case resubmit
    case withdraw
    case reopen
    case comment
    /// The deadline passed with no answer.
    case expire
    /// A claim's lease ran out before the reviewer decided.
    case expireClaim = "expire_claim"
    /// The deadline is near (within the warning hours): CNCS is reminded.
    case warn

    public var isAutomatic: Bool { self == .expire || self == .expireClaim || self == .warn }

    /// A decision: the reviewer's answer, which carries a comment for the submitter.
    public var isDecision: Bool { self == .approve || self == .reject || self == .requestChanges }

    /// The name of the event in the audit log (past tense, stable).
    public var eventName: String {
        switch self {
        case .submit: "submitted"
        case .claim: "claimed"
        case .release: "released"
        case .approve: "approved"
        case .reject: "rejected"
        case .requestChanges: "changes_requested"
        case .resubmit: "resubmitted"
        case .withdraw: "withdrawn"
        case .reopen: "reopened"
        case .comment: "commented"
        case .expire: "expired"
        case .expireClaim: "claim_expired"
        case .warn: "due_warning"
        }
    }

    /// How people read an audit event ("envió", "reclamó"…, and the `AuditEvent`s); the log and JSON keep `eventName`.
    public static func label(forEvent name: String) -> String {
        switch name {
        case "submitted": "envió"
        case "claimed": "reclamó"
        case "released": "liberó"
        case "approved": "aprobó"
        case "rejected": "rechazó"
        case "changes_requested": "pidió cambios a"
        case "resubmitted": "reenvió"
        case "withdrawn": "retiró"
        case "reopened": "reabrió"
        case "commented": "comentó"
        case "expired": "venció"
        case "claim_expired": "venció el reclamo de"
        case "due_warning": "avisó del vencimiento de"
        default: AuditEvent(rawValue: name)?.label ?? name
        }
    }

    /// The command-line verb, for messages.
    public var verb: String {
        switch self {
        case .submit: "enviar"
        case .claim: "reclamar"
        case .release: "liberar"
        case .approve: "aprobar"
        case .reject: "rechazar"
        case .requestChanges: "pedir cambios a"
        case .resubmit: "reenviar"
        case .withdraw: "retirar"
        case .reopen: "reabrir"
        case .comment: "comentar"
        case .expire: "vencer"
        case .expireClaim: "liberar por vencimiento del reclamo"
        case .warn: "avisar del vencimiento de"
        }
    }

    /// Whether the action bumps the consultation's version (what a reviewer "saw" and a decision
    /// checks). Whatever changes the item's state, text, claim or deadline does; a comment and a
    /// due-date reminder change nothing the reviewer decides on, so they do not, and a comment never
    /// costs the claimant their decision.
    public var changesVersion: Bool { self != .warn && self != .comment }
}
