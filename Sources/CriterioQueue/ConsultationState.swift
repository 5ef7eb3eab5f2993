/// Where a consultation stands (SPEC §6). The raw values are stable: they are stored, exported and
/// shown by `--format json`.
public enum ConsultationState: String, CaseIterable, Sendable, Codable, Comparable {
    case pending
    case inReview = "in_review"
    case approved
    case rejected
    case changesRequested = "changes_requested"
    case withdrawn
    case expired

    /// Accepts the raw value or the Spanish label.
    public init?(name: String) {
        let lowered = name.lowercased().replacingOccurrences(of: "-", with: "_")
        if let state = ConsultationState(rawValue: lowered) {
            self = state
        } else if let state = ConsultationState.allCases.first(where: { $0.label == lowered }) {
            self = state
        } else {
            return nil
        }
    }

    /// How people read it (feminine: "la consulta está pendiente / aprobada").
    public var label: String {
        switch self {
        case .pending: "pendiente"
        case .inReview: "en revisión"
        case .approved: "aprobada"
        case .rejected: "rechazada"
        case .changesRequested: "con cambios solicitados"
        case .withdrawn: "retirada"
        case .expired: "vencida"
        }
    }

    /// Finished: only a supervisor can reopen it.
    public var isFinished: Bool {
        switch self {
        case .approved, .rejected, .withdrawn, .expired: true
        case .pending, .inReview, .changesRequested: false
        }
    }

    /// CNCS's clock runs: the item is waiting on CNCS, not on the submitter.
    public var clockRuns: Bool { self == .pending || self == .inReview }

    private var order: Int { ConsultationState.allCases.firstIndex(of: self) ?? 0 }
    public static func < (lhs: ConsultationState, rhs: ConsultationState) -> Bool { lhs.order < rhs.order }
}
