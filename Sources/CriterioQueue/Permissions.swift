import Foundation

/// Who may do what (SPEC §6, §8). Two checks: the role, before anything is read; and the person's
/// relation to the item (their own submission, their claim), once the state is known to allow it.
public enum Permissions {
    /// Roles allowed to start each action.
    public static func roles(for action: QueueAction) -> Set<Role> {
        switch action {
        case .submit, .resubmit, .withdraw, .comment: [.admin, .cncs, .supervisor]
        case .claim, .release, .approve, .reject, .requestChanges: [.cncs, .supervisor]
        case .reopen: [.supervisor]
        case .expire, .expireClaim, .warn: []
        }
    }

    static func checkRole(_ user: User, may action: QueueAction) throws {
        guard roles(for: action).contains(user.role) else {
            let allowed = roles(for: action).sorted { $0.rawValue < $1.rawValue }.map(\.rawValue).joined(separator: " o ")
            throw QueueError(.forbidden, "\(user.name) (\(user.role.rawValue)) no puede \(action.verb) consultas; hace falta el rol \(allowed)")
        }
    }

    /// Tasks over the whole queue rather than one item (`tick`, verifying or exporting the whole log)
    /// are for CNCS reviewers and supervisors.
    static func checkReviewer(_ user: User, toDo task: String) throws {
        guard user.role.reviews else {
            throw QueueError(.forbidden, "\(user.name) (\(user.role.rawValue)) no puede \(task); hace falta el rol cncs o supervisor")
        }
    }

    static func checkRelation(_ user: User, may action: QueueAction, on item: Consultation, at now: Date) throws {
        let ownArea = user.role == .admin && user.area == item.area
        switch action {
        case .claim, .approve, .reject, .requestChanges:
            guard user.name != item.submitter else {
                throw QueueError(.forbidden, "nadie revisa su propia consulta: \(item.id) la envió \(user.name)")
            }
            if action != .claim {
                guard let claim = item.claim, claim.reviewer == user.name else {
                    throw QueueError(.claimConflict, "la consulta \(item.id) la reclamó \(item.claim?.reviewer ?? "otra persona"); solo quien la reclamó puede decidir")
                }
            }
        case .release:
            if let claim = item.claim, claim.reviewer != user.name, user.role != .supervisor {
                throw QueueError(.claimConflict, "la consulta \(item.id) la reclamó \(claim.reviewer); solo esa persona o una supervisora pueden liberarla")
            }
        case .resubmit:
            guard user.name == item.submitter || ownArea else {
                throw QueueError(.forbidden, "solo quien envió la consulta \(item.id) o su área (\(item.area)) pueden reenviarla")
            }
        case .withdraw:
            guard user.name == item.submitter || ownArea || user.role == .supervisor else {
                throw QueueError(.forbidden, "solo quien envió la consulta \(item.id), su área o una supervisora pueden retirarla")
            }
        case .comment, .reopen, .submit, .expire, .expireClaim, .warn:
            break
        }
    }
}

/// Sentences for refusals that depend on the item.
enum Messages {
    static func notAllowed(_ action: QueueAction, _ item: Consultation) -> String {
        switch (action, item.state) {
        case (.claim, .inReview):
            let holder = item.claim.map { " por \($0.reviewer) (su reclamo vence: \(Timestamp.string($0.expiresAt)))" } ?? ""
            return "la consulta \(item.id) ya está en revisión\(holder)"
        case (.approve, .pending), (.reject, .pending), (.requestChanges, .pending), (.release, .pending):
            return "la consulta \(item.id) está pendiente y nadie la tiene reclamada: reclámala primero con criterio queue claim \(item.id)"
        case (_, .expired) where action != .reopen:
            return "la consulta \(item.id) venció sin respuesta; vencida no es aprobada, y solo una supervisora puede reabrirla"
        default:
            let from = TransitionTable.sources(of: action).map(\.label).joined(separator: ", ")
            return "no se puede \(action.verb) la consulta \(item.id): está \(item.state.label) (se puede solo si está \(from))"
        }
    }
}
