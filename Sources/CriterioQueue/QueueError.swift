import CriterioFoundation
import Foundation

/// Why the queue refused something. Every case reads as a Spanish sentence for the person.
public struct QueueError: ExplainedError, Equatable {
    public enum Kind: String, Sendable {
        /// No such consultation or user (or not visible to this user).
        case notFound = "not_found"
        /// The role or the person may not do this.
        case forbidden
        /// The transition is not allowed from the item's state.
        case invalidTransition = "invalid_transition"
        /// The item changed since the version the action carried.
        case versionConflict = "version_conflict"
        /// Someone else holds the claim, or the caller's claim ran out.
        case claimConflict = "claim_conflict"
        /// Missing or bad input (an empty comment, an unknown role).
        case invalidInput = "invalid_input"
    }

    public let kind: Kind
    public let description: String

    public init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }
}
