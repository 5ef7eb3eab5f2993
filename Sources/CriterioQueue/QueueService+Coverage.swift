import CriterioFoundation
import Foundation

/// What the queue says about publishing one exact text (SPEC §6): the consultation that speaks for
/// it and whether the audit chain confirms that it was approved.
public struct ContentCoverage: Sendable, Equatable {
    public let consultation: Consultation
    /// Whether the text may be published: the consultation is approved and its approval entry, for
    /// this content hash, is in an intact chain with nothing after it that undid it.
    public var isApproved: Bool { consultation.state == .approved && unconfirmedApproval == nil }
    /// When the consultation's row says «aprobada» but the log does not back it: why, in Spanish.
    public let unconfirmedApproval: String?

    public init(consultation: Consultation, unconfirmedApproval: String?) {
        self.consultation = consultation
        self.unconfirmedApproval = unconfirmedApproval
    }

    /// One Spanish sentence for `lint`, the hook and the server (`Consultation.publicationNote`), or
    /// why an approval that the log does not back counts for nothing.
    public func publicationNote(at now: Date, in timeZone: TimeZone) -> String {
        guard let unconfirmedApproval else { return consultation.publicationNote(at: now, in: timeZone) }
        return "consulta \(consultation.id): la base de datos la marca aprobada, pero \(unconfirmedApproval); no cuenta como aprobación (revisa con criterio audit verify)"
    }
}

extension QueueService {
    /// The consultation that speaks for this exact text (a draft's file bytes). Needs no user:
    /// `criterio lint` and the hook ask it.
    public func coverage(ofContent bytes: some Sequence<UInt8>) async throws -> ContentCoverage? {
        try await coverage(ofContentHash: ContentHash.sha256(bytes))
    }

    /// The consultation that speaks for the text with this content hash: one whose approval the
    /// chain confirms first, else one that only its row calls approved (with the reason it does not
    /// count), else the latest.
    public func coverage(ofContentHash hash: String) async throws -> ContentCoverage? {
        try await store.read { tx in
            let matches = try await tx.consultations(ConsultationQuery(contentHash: hash))
            var unconfirmed: ContentCoverage?
            for item in matches where item.state == .approved {
                let problem = try await ApprovalEvidence.problem(with: item, contentHash: hash, in: tx)
                if problem == nil { return ContentCoverage(consultation: item, unconfirmedApproval: nil) }
                unconfirmed = unconfirmed ?? ContentCoverage(consultation: item, unconfirmedApproval: problem)
            }
            if let unconfirmed { return unconfirmed }
            return matches.max { ($0.updatedAt, $0.id) < ($1.updatedAt, $1.id) }.map { ContentCoverage(consultation: $0, unconfirmedApproval: nil) }
        }
    }
}

/// Whether the audit log backs a consultation's approval of one content hash. The log, not the
/// consultation's row, decides: the item's last submission entry carries this hash, an approval
/// entry follows it, no later entry of the item leaves the approved state, the item's entries
/// from that submission on are sealed as written, and the chain runs intact from the approval to
/// the recorded head. The cost is reading the item's entries and those after its approval.
enum ApprovalEvidence {
    static let pageSize = 2000

    /// nil when the log backs the approval; otherwise what is missing, in Spanish.
    static func problem(with item: Consultation, contentHash hash: String, in tx: any QueueReadTransaction) async throws -> String? {
        let entries = try await tx.auditEntries(consultationID: item.id)
        let submissions = [QueueAction.submit.eventName, QueueAction.resubmit.eventName]
        guard let submission = entries.last(where: { submissions.contains($0.event) }),
            submission.detailValues["content_hash"] == hash
        else { return "la bitácora no registra el envío de este texto en esa consulta" }
        guard let approval = entries.last(where: { $0.event == QueueAction.approve.eventName }), approval.sequence > submission.sequence else {
            return "la bitácora no registra que la CNCS haya aprobado este texto"
        }
        guard entries.last?.toState == ConsultationState.approved.rawValue else {
            return "según la bitácora, la consulta dejó de estar aprobada después"
        }
        guard entries.allSatisfy({ $0.sequence < submission.sequence || AuditChain.hash(of: $0) == $0.hash }) else {
            return "las entradas de la bitácora de esa consulta fueron alteradas"
        }
        var verifier = AuditChain.Verifier(startingAt: approval.sequence, previousHash: approval.previousHash)
        var after = approval.sequence - 1
        while true {
            let page = try await tx.auditEntries(consultationID: nil, after: after, limit: pageSize)
            verifier.check(page)
            guard let last = page.last, page.count == pageSize else { break }
            after = last.sequence
        }
        if case .broken = verifier.finish(head: try await tx.auditHead()) {
            return "la cadena de la bitácora está rota desde su aprobación"
        }
        return nil
    }
}
