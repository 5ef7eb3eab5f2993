import CriterioFoundation
import Foundation

/// The CNCS consultation queue's rules (SPEC §6), whatever stores them. Every transition, the
/// automatic ones included, goes through `apply`: it checks the transition table and the version,
/// changes the item, appends the hash-chained audit entry and queues the notifications, all inside
/// one store transaction.
///
/// Every method is asynchronous and safe to call from any task: the store never blocks a thread of
/// the cooperative pool, and bcrypt runs on a thread of its own. Refusals are `QueueError`s, whose
/// `kind` a front end maps to its own answer (an exit status, an HTTP status). Users, passwords,
/// tokens and sessions are in `QueueService+Accounts.swift` and `QueueService+Sessions.swift`.
public struct QueueService: Sendable {
    public let store: any QueueStore
    public let policy: QueuePolicy

    public init(store: any QueueStore, policy: QueuePolicy = QueuePolicy()) {
        self.store = store
        self.policy = policy
    }

    /// A transition's outcome: the item afterwards and the log entries written (automatic ones first).
    public struct Outcome: Sendable {
        public let consultation: Consultation
        public let entries: [AuditEntry]
    }

    // MARK: - Submitting

    /// Sends a draft to CNCS: a new consultation, or with `resubmitting` a new revision of one whose
    /// changes were requested.
    public func submit(_ submission: Submission, by userName: String, resubmitting id: Int64? = nil, at now: Date) async throws -> Outcome {
        let question = submission.question.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !question.isEmpty else { throw QueueError(.invalidInput, "escribe la pregunta para la CNCS con --question") }
        let now = Timestamp.rounded(now)
        let hash = submission.contentHash
        let text = String(decoding: submission.draftBytes, as: UTF8.self)
        return try commit(
            await store.write { tx in
                let user = try await requireUser(userName, tx)
                if let id {
                    return try await attempt(tx, id: id, user: user, now: now) { item, _, tx in
                        guard item.contentHash != hash else {
                            throw QueueError(.invalidInput, "el texto no cambió desde la revisión \(item.revision) de la consulta \(item.id); corrige el borrador antes de reenviarlo")
                        }
                        return try await apply(tx, .resubmit, to: item, by: .user(user), expectedVersion: nil, reason: question, at: now) { next in
                            try Permissions.checkRelation(user, may: .resubmit, on: item, at: now)
                            next.revision += 1
                            next.contentHash = hash
                            next.question = question
                            next.draftPath = submission.draftPath
                            next.dueAt = policy.clock.deadline(from: now, adding: item.remainingSeconds ?? policy.responseSeconds)
                            next.remainingSeconds = nil
                            next.warnedAt = nil
                            next.decision = nil
                        } stored: { next in
                            try await tx.insertRevision(revision(of: next, submission: submission, text: text, question: question, by: user, at: now))
                        }
                    }
                }
                // The area as the user's record spells it, when it is theirs however it was typed.
                let area = try QueueNames.area(submission.area).map { typed in user.area.flatMap { QueueNames.same($0, typed) ? $0 : nil } ?? typed } ?? user.area
                guard let area else { throw QueueError(.invalidInput, "indica el área de la consulta con --area") }
                if user.role == .admin && area != user.area {
                    throw QueueError(.forbidden, "\(user.name) envía consultas solo de su área (\(user.area ?? "")), no de «\(area)»")
                }
                let existing = try await tx.consultations(
                    ConsultationQuery(states: [.pending, .inReview, .changesRequested, .approved], area: area, contentHash: hash))
                if let other = existing.first {
                    let hint =
                        other.state == .approved ? "ya la aprobó: puedes publicarlo"
                        : other.state == .changesRequested ? "pidió cambios en este texto: corrígelo y reenvíalo con --resubmit \(other.id)"
                        : "ya la tiene (\(other.state.label))"
                    return .refused(QueueError(.invalidInput, "este texto exacto ya está en la consulta \(other.id); la CNCS \(hint)"), [])
                }
                let draft = Consultation(
                    id: 0, state: .pending, version: 0, area: area, submitter: user.name, draftPath: submission.draftPath, revision: 1,
                    contentHash: hash, question: question, submittedAt: now, dueAt: nil, updatedAt: now)
                return .done(
                    try await apply(tx, .submit, to: nil, template: draft, by: .user(user), expectedVersion: nil, reason: question, at: now) { next in
                        next.dueAt = policy.clock.deadline(from: now, adding: policy.responseSeconds)
                    } stored: { next in
                        try await tx.insertRevision(revision(of: next, submission: submission, text: text, question: question, by: user, at: now))
                    })
            })
    }

    private func revision(of item: Consultation, submission: Submission, text: String, question: String, by user: User, at now: Date) -> Revision {
        Revision(
            consultationID: item.id, number: item.revision, contentHash: item.contentHash, draftPath: submission.draftPath, draftText: text,
            question: question, findings: submission.findings, submittedAt: now, submittedBy: user.name)
    }

    // MARK: - Acting on an item

    /// Claims, releases, decides, withdraws, reopens or comments on consultation `id`.
    ///
    /// `expectedVersion` is the version the user saw; the action fails if the item changed since. For
    /// a decision, nil means the version the user's own claim saw; for a claim, the version read just
    /// before it (so that of several simultaneous claims exactly one wins and the others are told the
    /// item changed); for other actions nil skips the check.
    public func perform(
        _ action: QueueAction, on id: Int64, by userName: String, expectedVersion: Int?, comment: String? = nil, at now: Date
    ) async throws -> Outcome {
        precondition(action != .submit && action != .resubmit && !action.isAutomatic, "use submit or tick")
        let seen = action == .claim && expectedVersion == nil ? try await store.read { try await $0.consultation(id: id) }?.version : nil
        let now = Timestamp.rounded(now)
        let comment = comment?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        if action.isDecision || action == .comment || action == .reopen, comment == nil {
            let what = action == .reopen ? "el motivo (--reason)" : "un comentario para quien preguntó (--comment)"
            throw QueueError(.invalidInput, "para \(action.verb) la consulta hace falta \(what)")
        }
        return try commit(
            await store.write { tx in
                let user = try await requireUser(userName, tx)
                try Permissions.checkRole(user, may: action)
                return try await attempt(tx, id: id, user: user, now: now) { item, loadedVersion, tx in
                    // What the claim saw is the item before the queue's own automatic transitions.
                    if let seen, loadedVersion != seen { throw try await versionConflict(tx, item, seen: seen) }
                    let expected = expectedVersion ?? (action.isDecision && item.claim?.reviewer == user.name ? item.claim?.version : nil)
                    return try await apply(tx, action, to: item, by: .user(user), expectedVersion: expected, reason: comment, at: now) { next in
                        try Permissions.checkRelation(user, may: action, on: item, at: now)
                        switch action {
                        case .claim:
                            next.claim = Claim(
                                reviewer: user.name, claimedAt: now, expiresAt: now.addingTimeInterval(TimeInterval(policy.leaseSeconds)),
                                version: item.version + 1)
                        case .release, .withdraw:
                            next.claim = nil
                        case .approve, .reject, .requestChanges:
                            next.claim = nil
                            next.decision = Decision(action: action, reviewer: user.name, at: now, comment: comment ?? "")
                            if action == .requestChanges, let due = item.dueAt {
                                next.remainingSeconds = policy.clock.countedSeconds(from: now, to: due)
                                next.dueAt = nil
                            }
                        case .reopen:
                            next.claim = nil
                            next.decision = nil
                            next.dueAt = policy.clock.deadline(from: now, adding: policy.responseSeconds)
                            next.remainingSeconds = nil
                            next.warnedAt = nil
                        case .comment, .submit, .resubmit, .expire, .expireClaim, .warn:
                            break
                        }
                    }
                }
            })
    }

    // MARK: - Automatic transitions

    /// Expires overdue items, releases stale claims and sends near-due warnings, and purges ended
    /// sessions and forgotten sign-in failures. Running it twice at the same instant changes nothing
    /// the second time.
    public func tick(at now: Date) async throws -> [AuditEntry] {
        let now = Timestamp.rounded(now)
        let open = try await store.read { try await $0.consultations(ConsultationQuery(states: [.pending, .inReview])) }
        var entries: [AuditEntry] = []
        for candidate in open {
            entries += try await store.write { tx in
                guard let item = try await tx.consultation(id: candidate.id) else { return [] }
                return try await applyAutomatic(tx, item, at: now, warn: true).entries
            }
        }
        try await purgeCredentials(at: now)
        return entries
    }

    /// `tick` on behalf of a person: only CNCS reviewers and supervisors may run it.
    public func tick(at now: Date, as userName: String) async throws -> [AuditEntry] {
        try await store.read { tx in try Permissions.checkReviewer(try await requireUser(userName, tx), toDo: "ejecutar queue tick") }
        return try await tick(at: now)
    }

    /// What happens to an item by itself at `now`: expiry first, then a stale claim, then the reminder.
    private func applyAutomatic(_ tx: any QueueWriteTransaction, _ item: Consultation, at now: Date, warn: Bool) async throws -> Outcome {
        var item = item
        var entries: [AuditEntry] = []
        if item.isOverdue(at: now), let due = item.dueAt {
            let reason = "sin respuesta de la CNCS al vencer el plazo (\(Timestamp.string(due)))"
            let outcome = try await apply(tx, .expire, to: item, by: .system, expectedVersion: item.version, reason: reason, at: now) { next in
                next.claim = nil
            }
            return Outcome(consultation: outcome.consultation, entries: outcome.entries)
        }
        if item.state == .inReview, let claim = item.claim, claim.expiresAt <= now {
            let reason = "venció el reclamo de \(claim.reviewer)"
            let outcome = try await apply(tx, .expireClaim, to: item, by: .system, expectedVersion: item.version, reason: reason, at: now) { next in
                next.claim = nil
            }
            item = outcome.consultation
            entries += outcome.entries
        }
        if warn, item.state.clockRuns, item.warnedAt == nil, let due = item.dueAt,
            policy.clock.countedSeconds(from: now, to: due) <= policy.warningSeconds
        {
            let outcome = try await apply(tx, .warn, to: item, by: .system, expectedVersion: item.version, reason: nil, at: now) { next in
                next.warnedAt = now
            }
            item = outcome.consultation
            entries += outcome.entries
        }
        return Outcome(consultation: item, entries: entries)
    }

    // MARK: - The one place where transitions happen

    private enum Attempt: Sendable {
        case done(Outcome)
        /// Refused after the automatic transitions (which still commit).
        case refused(QueueError, [AuditEntry])
    }

    /// Loads the item, applies what is due by itself, then tries `body` with the item and the version
    /// it had when loaded; a refusal keeps the automatic part.
    private func attempt(
        _ tx: any QueueWriteTransaction, id: Int64, user: User, now: Date,
        _ body: (Consultation, Int, any QueueWriteTransaction) async throws -> Outcome
    ) async throws -> Attempt {
        guard let loaded = try await tx.consultation(id: id), user.sees(area: loaded.area) else {
            throw QueueError(.notFound, "no existe la consulta \(id)")
        }
        let automatic = try await applyAutomatic(tx, loaded, at: now, warn: false)
        do {
            let outcome = try await body(automatic.consultation, loaded.version, tx)
            return .done(Outcome(consultation: outcome.consultation, entries: automatic.entries + outcome.entries))
        } catch let error as QueueError where !automatic.entries.isEmpty {
            return .refused(error, automatic.entries)
        }
    }

    private func commit(_ attempt: Attempt) throws -> Outcome {
        switch attempt {
        case .done(let outcome): return outcome
        case .refused(let error, _): throw error
        }
    }

    /// Checks `action` against the transition table and the version, lets `change` fill in the new
    /// item, stores it (compare and swap), lets `stored` write what hangs off the stored item (a
    /// revision), appends the audit entry and queues the notifications.
    private func apply(
        _ tx: any QueueWriteTransaction, _ action: QueueAction, to item: Consultation?, template: Consultation? = nil, by actor: Actor,
        expectedVersion: Int?, reason: String?, at now: Date, _ change: (inout Consultation) throws -> Void,
        stored: (Consultation) async throws -> Void = { _ in }
    ) async throws -> Outcome {
        precondition(action.isAutomatic == (actor == .system), "automatic transitions are the queue's own, and only them")
        if let item, let expectedVersion, item.version != expectedVersion {
            throw try await versionConflict(tx, item, seen: expectedVersion)
        }
        guard let target = TransitionTable.target(of: action, from: item?.state) else {
            throw QueueError(.invalidTransition, Messages.notAllowed(action, item!))
        }
        guard var next = item ?? template else { preconditionFailure("submit needs a template") }
        next.state = target
        if action.changesVersion { next.version += 1 }
        next.updatedAt = now
        if let item {
            try change(&next)
            do {
                try await tx.updateConsultation(next, expectedVersion: item.version)
            } catch QueueStoreError.versionConflict {
                let current = try await tx.consultation(id: item.id) ?? item
                throw try await versionConflict(tx, current, seen: item.version)
            }
        } else {
            next.id = try await tx.insertConsultation(next)
            try change(&next)
            try await tx.updateConsultation(next, expectedVersion: next.version)
        }
        try await stored(next)
        var details: [String: String] = ["version": String(next.version)]
        if let due = next.dueAt { details["due_at"] = Timestamp.string(due) }
        if let claim = next.claim { details["claim_expires_at"] = Timestamp.string(claim.expiresAt) }
        if action == .submit || action == .resubmit { details["content_hash"] = next.contentHash }
        if let remaining = next.remainingSeconds { details["remaining_seconds"] = String(remaining) }
        let entry = try await appendAudit(
            tx, at: now, actor: actor.name, event: action.eventName, item: next, from: item?.state.rawValue, to: target.rawValue,
            reason: reason, details: details)
        try await queueNotifications(tx, action, item: next, entry: entry)
        return Outcome(consultation: next, entries: [entry])
    }

    /// A version conflict said as what happened since the version the person saw (from the log:
    /// who did what, at which version) and how to go on.
    func versionConflict(_ tx: any QueueReadTransaction, _ item: Consultation, seen: Int) async throws -> QueueError {
        let since = try await tx.auditEntries(consultationID: item.id).compactMap { entry -> String? in
            guard let version = entry.detailValues["version"].flatMap(Int.init), version > seen else { return nil }
            return "\(entry.actor) \(QueueAction.label(forEvent: entry.event)) la consulta (versión \(version))"
        }
        var text = "la consulta \(item.id) cambió desde la versión \(seen) que viste"
        if !since.isEmpty { text += ": " + since.joined(separator: "; ") }
        text += ". Ahora es la versión \(item.version) y está \(item.state.label)"
        if let claim = item.claim, item.state == .inReview { text += ", reclamada por \(claim.reviewer)" }
        return QueueError(
            .versionConflict, text + ". Revísala con criterio queue show \(item.id); si tu acción sigue en pie, repítela con --version \(item.version)")
    }

    /// How far behind the previous entry an honest writer's time can be. Each caller takes its time
    /// before its transaction waits for the lock (up to the busy timeout, at most 600 s), so writers
    /// that commit in another order can hold instants slightly out of order.
    static let writerSkewSeconds: TimeInterval = 600

    /// The time an entry is logged at: `now`, or the previous entry's time when `now` is behind it by
    /// no more than a waiting writer can be, so the log's times never run backwards through honest
    /// concurrency. A clock set back further is written as it is, and `audit verify` reports it.
    private func loggedTime(_ now: Date, after head: AuditHead?, _ tx: any QueueWriteTransaction) async throws -> Date {
        guard let head, let previous = try await tx.auditEntries(consultationID: nil, after: head.sequence - 1, limit: 1).first,
            previous.at > now, previous.at.timeIntervalSince(now) <= Self.writerSkewSeconds
        else { return now }
        return previous.at
    }

    /// Appends one sealed entry after the current head. Every event of the log is written here.
    func appendAudit(
        _ tx: any QueueWriteTransaction, at now: Date, actor: String, event: String, item: Consultation?, from: String?, to: String?,
        reason: String?, details: [String: String]
    ) async throws -> AuditEntry {
        let head = try await tx.auditHead()
        let entry = AuditEntry(
            sequence: (head?.sequence ?? 0) + 1, at: try await loggedTime(now, after: head, tx), actor: actor, event: event, consultationID: item?.id, revision: item?.revision,
            fromState: from, toState: to, reason: reason, details: details.isEmpty ? nil : JSONOutput.string(details, .compact),
            previousHash: head?.hash ?? AuditChain.genesis
        ).sealed()
        try await tx.appendAuditEntry(entry)
        return entry
    }

    private func queueNotifications(_ tx: any QueueWriteTransaction, _ action: QueueAction, item: Consultation, entry: AuditEntry) async throws {
        guard !policy.notifications.isEmpty,
            let composed = NotificationComposer.compose(action, consultation: item, actor: entry.actor, comment: entry.reason)
        else { return }
        for channel in policy.notifications.sorted(by: { $0.rawValue < $1.rawValue }) {
            var recipients: [String] = []
            if channel == .email {
                switch composed.audience {
                case .cncs:
                    recipients = policy.cncsAddresses + (try await tx.users()).filter { $0.role == .cncs }.compactMap(\.email)
                case .submitter:
                    recipients = (try await tx.user(named: item.submitter)?.email).map { [$0] } ?? []
                }
                var seen = Set<String>()
                recipients = recipients.filter { seen.insert($0.lowercased()).inserted }
                if recipients.isEmpty { continue }
            }
            try await tx.enqueue(
                OutboxMessage(
                    auditSequence: entry.sequence, channel: channel, audience: composed.audience, recipients: recipients, subject: composed.subject,
                    body: composed.body, payload: NotificationComposer.payload(entry: entry, item: item, composed: composed), createdAt: entry.at))
        }
    }

    // MARK: - Reading

    /// A consultation with its revisions and its history, if `userName` may see it.
    public struct Detail: Sendable {
        public let consultation: Consultation
        public let revisions: [Revision]
        public let history: [AuditEntry]
    }

    public func detail(of id: Int64, as userName: String) async throws -> Detail {
        try await store.read { tx in
            let user = try await requireUser(userName, tx)
            return try await detail(of: id, for: user, tx)
        }
    }

    private func detail(of id: Int64, for user: User, _ tx: any QueueReadTransaction) async throws -> Detail {
        guard let item = try await tx.consultation(id: id), user.sees(area: item.area) else {
            throw QueueError(.notFound, "no existe la consulta \(id)")
        }
        return Detail(consultation: item, revisions: try await tx.revisions(of: id), history: try await tx.auditEntries(consultationID: id))
    }

    /// Records in the log that `userName` revealed the personal data that pages and reports redact
    /// in the text of consultation `id` (its current revision, or `revision`), and returns the
    /// consultation as it is after the entry. Anyone who may see the item may reveal; nobody does
    /// it unrecorded.
    public func reveal(_ id: Int64, revision: Int? = nil, by userName: String, at now: Date) async throws -> Detail {
        try await store.write { tx in
            let user = try await requireUser(userName, tx)
            let current = try await detail(of: id, for: user, tx)
            let number = revision ?? current.consultation.revision
            guard current.revisions.contains(where: { $0.number == number }) else {
                throw QueueError(.notFound, "la consulta \(id) no tiene revisión \(number)")
            }
            var item = current.consultation
            item.revision = number
            let entry = try await appendAudit(
                tx, at: Timestamp.rounded(now), actor: user.name, event: AuditEvent.revealed.rawValue, item: item,
                from: item.state.rawValue, to: item.state.rawValue, reason: nil, details: [:])
            return Detail(consultation: current.consultation, revisions: current.revisions, history: current.history + [entry])
        }
    }

    /// Consultations `userName` may see, by deadline. Administrators see only their area's.
    public func list(_ query: ConsultationQuery, as userName: String) async throws -> [Consultation] {
        try await store.read { tx in
            let user = try await requireUser(userName, tx)
            var query = query
            if user.role == .admin {
                // An administrator whose row lost its area (edited by hand) sees nothing, not everything.
                guard let own = user.area, query.area.map({ QueueNames.same(own, $0) }) ?? true else { return [] }
                query.area = own
            }
            return try await tx.consultations(query)
        }
    }

    /// The log of one consultation, or the whole log, for `userName` (administrators: their area's items).
    public func auditLog(of id: Int64?, as userName: String) async throws -> [AuditEntry] {
        try await store.read { tx in
            let user = try await requireUser(userName, tx)
            if let id {
                guard let item = try await tx.consultation(id: id), user.sees(area: item.area) else {
                    throw QueueError(.notFound, "no existe la consulta \(id)")
                }
                return try await tx.auditEntries(consultationID: id)
            }
            guard user.role != .admin else {
                guard let area = user.area else { return [] }
                let visible = Set(try await tx.consultations(ConsultationQuery(area: area)).map(\.id))
                return try await tx.auditEntries(consultationID: nil).filter { $0.consultationID.map(visible.contains) ?? false }
            }
            return try await tx.auditEntries(consultationID: nil)
        }
    }

    /// Walks the whole chain, a page at a time, and compares its end with the recorded head.
    /// Reviewers and supervisors only.
    /// With `expectedHead`, the hash of a head saved elsewhere must be in the chain.
    public func verifyAudit(as userName: String, expectedHead: String? = nil, pageSize: Int = 2000) async throws -> AuditVerification {
        try await store.read { tx in
            try Permissions.checkReviewer(try await requireUser(userName, tx), toDo: Self.wholeLogTask)
            var verifier = AuditChain.Verifier(expectedHead: expectedHead)
            var after: Int64 = 0
            while true {
                let page = try await tx.auditEntries(consultationID: nil, after: after, limit: pageSize)
                verifier.check(page)
                guard let last = page.last, page.count == pageSize else { break }
                after = last.sequence
            }
            return verifier.finish(head: try await tx.auditHead())
        }
    }

    /// Calls `body` with every entry in order, a page at a time (for exports). Reviewers and
    /// supervisors only.
    public func forEachAuditEntry(as userName: String, pageSize: Int = 2000, _ body: (AuditEntry) throws -> Void) async throws {
        try await store.read { tx in
            try Permissions.checkReviewer(try await requireUser(userName, tx), toDo: Self.wholeLogTask)
            var after: Int64 = 0
            while true {
                let page = try await tx.auditEntries(consultationID: nil, after: after, limit: pageSize)
                for entry in page { try body(entry) }
                guard let last = page.last, page.count == pageSize else { break }
                after = last.sequence
            }
        }
    }

    private static let wholeLogTask = "verificar ni exportar la bitácora"

    /// The user named, or a Spanish error saying how to create one.
    func requireUser(_ name: String, _ tx: any QueueReadTransaction) async throws -> User {
        guard let user = try await findUser(name, tx) else {
            throw QueueError(.notFound, "no existe el usuario «\(name)»; una supervisora lo crea con: criterio users add \(name) --role …")
        }
        return user
    }
}

extension QueueService {
    /// The user with this name however it is typed (`QueueNames`): the stored spelling first, then
    /// the same name in NFC without case.
    func findUser(_ name: String, _ tx: any QueueReadTransaction) async throws -> User? {
        if let user = try await tx.user(named: name) { return user }
        let key = QueueNames.key(name.trimmingCharacters(in: .whitespacesAndNewlines))
        return try await tx.users().first { QueueNames.key($0.name) == key }
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
