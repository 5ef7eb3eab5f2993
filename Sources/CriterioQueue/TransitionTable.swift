/// The states and transitions of SPEC §6, as data. `QueueService` consults this table for every
/// transition, the automatic ones included; nothing else decides which moves are legal.
public enum TransitionTable {
    /// `from == nil` is a consultation that does not exist yet.
    public struct Transition: Hashable, Sendable {
        public let action: QueueAction
        public let from: ConsultationState?
        public let to: ConsultationState
    }

    public static let all: [Transition] = {
        var transitions: [Transition] = []
        func add(_ action: QueueAction, _ from: [ConsultationState?], _ to: ConsultationState?) {
            for state in from { transitions.append(Transition(action: action, from: state, to: to ?? state!)) }
        }
        add(.submit, [nil], .pending)
        add(.claim, [.pending], .inReview)
        add(.release, [.inReview], .pending)
        add(.expireClaim, [.inReview], .pending)
        add(.approve, [.inReview], .approved)
        add(.reject, [.inReview], .rejected)
        add(.requestChanges, [.inReview], .changesRequested)
        add(.resubmit, [.changesRequested], .pending)
        add(.withdraw, [.pending, .inReview, .changesRequested], .withdrawn)
        add(.reopen, [.approved, .rejected, .withdrawn, .expired], .pending)
        add(.expire, [.pending, .inReview], .expired)
        add(.warn, [.pending, .inReview], nil)
        add(.comment, ConsultationState.allCases, nil)
        return transitions
    }()

    /// Where `action` takes an item in `state`, or nil when the move is not allowed.
    public static func target(of action: QueueAction, from state: ConsultationState?) -> ConsultationState? {
        all.first { $0.action == action && $0.from == state }?.to
    }

    /// The states from which `action` is allowed, for messages.
    public static func sources(of action: QueueAction) -> [ConsultationState] {
        all.filter { $0.action == action }.compactMap(\.from)
    }
}
