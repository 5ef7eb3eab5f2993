import CriterioCore

/// What the CNCS consultation queue knows about a draft's exact text (SPEC §6): `criterio lint` and
/// the hook let `consult` findings through only when an approved consultation covers it.
public protocol ConsultationLookup: Sendable {
    /// The most relevant consultation for this exact content (an approved one first), or nil.
    func consultation(covering draft: Draft) throws -> ConsultationSummary?
}

/// A consultation as `lint` reports it.
public struct ConsultationSummary: Sendable, Equatable {
    public let id: String
    /// The queue state (`pending`, `in_review`, `approved`, `rejected`, `changes_requested`, `withdrawn`, `expired`).
    public let state: String
    /// A Spanish sentence for the user ("consulta 12 pendiente; vence el 25/11 a las 10:00").
    public let description: String

    public init(id: String, state: String, description: String) {
        self.id = id
        self.state = state
        self.description = description
    }

    public var isApproved: Bool { state == "approved" }
}
