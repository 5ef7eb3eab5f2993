/// How much a finding weighs on publication (SPEC §2).
public enum Severity: String, CaseIterable, Sendable, Codable, Comparable {
    /// Blocks publication.
    case error
    /// Reported; blocks only under a stricter fail level.
    case warning
    /// Doubtful: the draft needs an answer from CNCS before it may be published.
    case consult

    /// The Spanish word shown to people.
    public var label: String {
        switch self {
        case .error: "error"
        case .warning: "advertencia"
        case .consult: "consulta"
        }
    }

    /// Order used by `--fail-level`: a level fails on findings at or above it.
    /// `consult` is the lowest so that `--fail-level consult` also fails on consultations.
    public var rank: Int {
        switch self {
        case .error: 3
        case .warning: 2
        case .consult: 1
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

    /// Parses the English identifier or its Spanish label ("advertencia", "consulta").
    public init?(name: String) {
        let lowered = name.lowercased()
        if let severity = Severity(rawValue: lowered) {
            self = severity
        } else if let severity = Severity.allCases.first(where: { $0.label == lowered }) {
            self = severity
        } else {
            return nil
        }
    }
}
