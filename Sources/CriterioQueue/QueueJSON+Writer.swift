import CriterioFoundation
import Foundation

/// Lists of consultations written straight into bytes (`JSONWriter`): the object `Encodable` gives
/// with `JSONOutput`'s compact style (keys sorted, absent values left out), without Foundation's
/// encoder, which took most of the time of `GET /api/v1/consultations`. A test holds the two
/// spellings equal for items in every state.
extension QueueJSON {
    public static func items(_ consultations: [Consultation], now: Date) -> [UInt8] {
        var json = JSONWriter(capacity: 64 + consultations.count * 400)
        json.raw("[")
        for (index, consultation) in consultations.enumerated() {
            if index > 0 { json.raw(",") }
            item(consultation, now: now).write(to: &json)
        }
        json.raw("]")
        return json.bytes
    }
}

extension QueueJSON.Item {
    /// Keys in the order `.sortedKeys` puts them.
    public func write(to json: inout JSONWriter) {
        json.raw("{")
        json.field("area", area)
        if let claim {
            json.key("claim")
            json.raw("{")
            json.field("claimed_at", claim.claimedAt)
            json.field("expires_at", claim.expiresAt)
            json.field("reviewer", claim.reviewer)
            json.raw("}")
        }
        json.field("content_hash", contentHash)
        if let decision {
            json.key("decision")
            json.raw("{")
            json.field("action", decision.action)
            json.field("at", decision.at)
            json.field("comment", decision.comment)
            json.field("reviewer", decision.reviewer)
            json.raw("}")
        }
        json.field("draft", draft)
        if let dueAt { json.field("due_at", dueAt) }
        if let fallback { json.field("fallback", fallback) }
        json.field("id", id)
        json.field("overdue", overdue)
        json.field("question", question)
        if let remainingSeconds { json.field("remaining_seconds", remainingSeconds) }
        json.field("revision", revision)
        json.field("state", state)
        json.field("submitted_at", submittedAt)
        json.field("submitter", submitter)
        json.field("version", version)
        json.raw("}")
    }
}
