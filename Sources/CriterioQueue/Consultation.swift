import Foundation

/// A question to CNCS about one draft, through its revisions (SPEC §6).
public struct Consultation: Sendable, Codable, Equatable {
    public var id: Int64
    public var state: ConsultationState
    /// Bumped by every change a decision depends on (`QueueAction.changesVersion`); actions carry
    /// the version they saw.
    public var version: Int
    public var area: String
    /// The user who submitted it.
    public var submitter: String
    /// The draft's path as the submitter named it (the latest revision's).
    public var draftPath: String
    /// The number of the revision under review (1, 2, …).
    public var revision: Int
    /// SHA-256 of the latest revision's file bytes: what an approval covers.
    public var contentHash: String
    /// The question of the latest revision.
    public var question: String
    /// When the first revision was submitted.
    public var submittedAt: Date
    /// CNCS's deadline; nil while the clock is stopped (waiting on the submitter).
    public var dueAt: Date?
    /// While the clock is stopped: the working seconds CNCS had left.
    public var remainingSeconds: Int?
    /// When the near-due reminder went out for the current deadline.
    public var warnedAt: Date?
    public var claim: Claim?
    public var decision: Decision?
    public var updatedAt: Date

    public init(
        id: Int64, state: ConsultationState, version: Int, area: String, submitter: String, draftPath: String, revision: Int,
        contentHash: String, question: String, submittedAt: Date, dueAt: Date?, remainingSeconds: Int? = nil,
        warnedAt: Date? = nil, claim: Claim? = nil, decision: Decision? = nil, updatedAt: Date
    ) {
        self.id = id
        self.state = state
        self.version = version
        self.area = area
        self.submitter = submitter
        self.draftPath = draftPath
        self.revision = revision
        self.contentHash = contentHash
        self.question = question
        self.submittedAt = submittedAt
        self.dueAt = dueAt
        self.remainingSeconds = remainingSeconds
        self.warnedAt = warnedAt
        self.claim = claim
        self.decision = decision
        self.updatedAt = updatedAt
    }

    /// Past its deadline at `now` while CNCS's clock runs.
    public func isOverdue(at now: Date) -> Bool {
        guard state.clockRuns, let dueAt else { return false }
        return now >= dueAt
    }
}

/// A reviewer's lease on an item: only they may decide until it runs out.
public struct Claim: Sendable, Codable, Equatable {
    public var reviewer: String
    public var claimedAt: Date
    public var expiresAt: Date
    /// The item's version right after the claim: a decision expects it unless told otherwise.
    public var version: Int

    public init(reviewer: String, claimedAt: Date, expiresAt: Date, version: Int) {
        self.reviewer = reviewer
        self.claimedAt = claimedAt
        self.expiresAt = expiresAt
        self.version = version
    }
}

/// The last answer CNCS gave (approve, reject, request changes), with the comment the submitter sees.
public struct Decision: Sendable, Codable, Equatable {
    public var action: QueueAction
    public var reviewer: String
    public var at: Date
    public var comment: String

    public init(action: QueueAction, reviewer: String, at: Date, comment: String) {
        self.action = action
        self.reviewer = reviewer
        self.at = at
        self.comment = comment
    }
}

/// One submitted text of a consultation: the draft, its content hash, its findings and the question.
public struct Revision: Sendable, Codable, Equatable {
    public var consultationID: Int64
    public var number: Int
    public var contentHash: String
    public var draftPath: String
    /// The draft file as submitted (UTF-8).
    public var draftText: String
    public var question: String
    public var findings: [SubmittedFinding]
    public var submittedAt: Date
    public var submittedBy: String

    public init(
        consultationID: Int64, number: Int, contentHash: String, draftPath: String, draftText: String, question: String,
        findings: [SubmittedFinding], submittedAt: Date, submittedBy: String
    ) {
        self.consultationID = consultationID
        self.number = number
        self.contentHash = contentHash
        self.draftPath = draftPath
        self.draftText = draftText
        self.question = question
        self.findings = findings
        self.submittedAt = submittedAt
        self.submittedBy = submittedBy
    }
}

/// A lint finding as sent with a revision. Personal data in the excerpt is already masked.
public struct SubmittedFinding: Sendable, Codable, Equatable {
    public var rule: String
    public var kind: String?
    public var severity: String
    public var criterion: String
    public var message: String
    public var line: Int
    public var column: Int
    public var excerpt: String

    public init(rule: String, kind: String?, severity: String, criterion: String, message: String, line: Int, column: Int, excerpt: String) {
        self.rule = rule
        self.kind = kind
        self.severity = severity
        self.criterion = criterion
        self.message = message
        self.line = line
        self.column = column
        self.excerpt = excerpt
    }
}

/// What `criterio consult submit` hands the queue.
public struct Submission: Sendable {
    public var draftPath: String
    public var draftBytes: [UInt8]
    public var question: String
    /// The area it is asked for; nil takes the submitter's.
    public var area: String?
    public var findings: [SubmittedFinding]

    public init(draftPath: String, draftBytes: [UInt8], question: String, area: String? = nil, findings: [SubmittedFinding]) {
        self.draftPath = draftPath
        self.draftBytes = draftBytes
        self.question = question
        self.area = area
        self.findings = findings
    }

    public var contentHash: String { ContentHash.sha256(draftBytes) }
}
