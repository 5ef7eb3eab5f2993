import CriterioFoundation
import Foundation

/// The CNCS consultation queue's rules (SPEC §6), whatever stores them. Every transition, the
/// automatic ones included, goes through `apply`: it checks the transition table and the version,
/// changes the item, appends the hash-chained audit entry and queues the notifications, all inside
/// one store transaction.
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

    // MARK: - Users

    /// Adds a user. The very first user needs nobody's permission and must be a supervisor; after
    /// that only supervisors add users.
    @discardableResult
    public func addUser(name: String, role: Role, area: String?, email: String?, by actorName: String?, at now: Date) throws -> User {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, !name.contains(where: \.isWhitespace), name.lowercased() != Actor.systemName else {
            throw QueueError(.invalidInput, "el nombre de usuario no puede estar vacío, llevar espacios ni ser «\(Actor.systemName)»")
        }
        let area = area?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        if role == .admin && area == nil {
            throw QueueError(.invalidInput, "una persona administradora de cuenta necesita su área: --area")
        }
        let email = email?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        if let email, !email.contains("@") { throw QueueError(.invalidInput, "«\(email)» no es una dirección de correo") }
        return try store.write { tx in
            let actor: String
            if try tx.users().isEmpty {
                guard role == .supervisor else {
                    throw QueueError(.forbidden, "la cola no tiene usuarios: el primero debe ser supervisor (--role supervisor)")
                }
                actor = name
            } else {
                guard let actorName else {
                    throw QueueError(.forbidden, "indica quién eres con --as o CRITERIO_USER; solo una supervisora agrega usuarios")
                }
                let user = try requireUser(actorName, tx)
                guard user.role == .supervisor else { throw QueueError(.forbidden, "solo una supervisora puede agregar usuarios") }
                actor = user.name
            }
            if try tx.user(named: name) != nil { throw QueueError(.invalidInput, "ya existe el usuario «\(name)»") }
            let user = User(name: name, role: role, area: area, email: email, createdAt: Timestamp.rounded(now))
            try tx.insertUser(user)
            _ = try appendAudit(
                tx, at: now, actor: actor, event: "user_added", item: nil, from: nil, to: nil, reason: nil,
                details: ["user": name, "role": role.rawValue, "area": area ?? ""])
            return user
        }
    }

    public func users() throws -> [User] {
        try store.read { try $0.users() }
    }

    /// The user acting, or a Spanish error saying how to create one.
    public func user(named name: String) throws -> User {
        try store.read { try requireUser(name, $0) }
    }

    // MARK: - Submitting

    /// Sends a draft to CNCS: a new consultation, or with `resubmitting` a new revision of one whose
    /// changes were requested.
    public func submit(_ submission: Submission, by userName: String, resubmitting id: Int64? = nil, at now: Date) throws -> Outcome {
        let question = submission.question.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !question.isEmpty else { throw QueueError(.invalidInput, "escribe la pregunta para la CNCS con --question") }
        let now = Timestamp.rounded(now)
        let hash = submission.contentHash
        let text = String(decoding: submission.draftBytes, as: UTF8.self)
        return try commit(store.write { tx in
            let user = try requireUser(userName, tx)
            if let id {
                return try attempt(tx, id: id, user: user, now: now) { item, _, tx in
                    guard item.contentHash != hash else {
                        throw QueueError(.invalidInput, "el texto no cambió desde la revisión \(item.revision) de la consulta \(item.id); corrige el borrador antes de reenviarlo")
                    }
                    return try apply(tx, .resubmit, to: item, by: .user(user), expectedVersion: nil, reason: question, at: now) { next in
                        try Permissions.checkRelation(user, may: .resubmit, on: item, at: now)
                        next.revision += 1
                        next.contentHash = hash
                        next.question = question
                        next.draftPath = submission.draftPath
                        next.dueAt = policy.clock.deadline(from: now, adding: item.remainingSeconds ?? policy.responseSeconds)
                        next.remainingSeconds = nil
                        next.warnedAt = nil
                        next.decision = nil
                        try tx.insertRevision(revision(of: next, submission: submission, text: text, question: question, by: user, at: now))
                    }
                }
            }
            let area = (submission.area?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty) ?? user.area
            guard let area else { throw QueueError(.invalidInput, "indica el área de la consulta con --area") }
            if user.role == .admin && area != user.area {
                throw QueueError(.forbidden, "\(user.name) envía consultas solo de su área (\(user.area ?? "")), no de «\(area)»")
            }
            let existing = try tx.consultations(ConsultationQuery(states: [.pending, .inReview, .changesRequested, .approved], area: area, contentHash: hash))
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
            return .done(try apply(tx, .submit, to: nil, template: draft, by: .user(user), expectedVersion: nil, reason: question, at: now) { next in
                next.dueAt = policy.clock.deadline(from: now, adding: policy.responseSeconds)
                try tx.insertRevision(revision(of: next, submission: submission, text: text, question: question, by: user, at: now))
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
    ) throws -> Outcome {
        precondition(action != .submit && action != .resubmit && !action.isAutomatic, "use submit or tick")
        let seen = action == .claim && expectedVersion == nil ? try store.read { try $0.consultation(id: id) }?.version : nil
        let now = Timestamp.rounded(now)
        let comment = comment?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        if action.isDecision || action == .comment || action == .reopen, comment == nil {
            let what = action == .reopen ? "el motivo (--reason)" : "un comentario para quien preguntó (--comment)"
            throw QueueError(.invalidInput, "para \(action.verb) la consulta hace falta \(what)")
        }
        return try commit(store.write { tx in
            let user = try requireUser(userName, tx)
            try Permissions.checkRole(user, may: action)
            return try attempt(tx, id: id, user: user, now: now) { item, loadedVersion, tx in
                // What the claim saw is the item before the queue's own automatic transitions.
                if let seen, loadedVersion != seen { throw QueueError(.versionConflict, Messages.changed(item, seen: seen)) }
                let expected = expectedVersion ?? (action.isDecision && item.claim?.reviewer == user.name ? item.claim?.version : nil)
                return try apply(tx, action, to: item, by: .user(user), expectedVersion: expected, reason: comment, at: now) { next in
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

    /// Expires overdue items, releases stale claims and sends near-due warnings. Running it twice at
    /// the same instant changes nothing the second time.
    public func tick(at now: Date) throws -> [AuditEntry] {
        let now = Timestamp.rounded(now)
        let open = try store.read { try $0.consultations(ConsultationQuery(states: [.pending, .inReview])) }
        var entries: [AuditEntry] = []
        for candidate in open {
            entries += try store.write { tx in
                guard let item = try tx.consultation(id: candidate.id) else { return [] }
                return try applyAutomatic(tx, item, at: now, warn: true).entries
            }
        }
        return entries
    }

    /// `tick` on behalf of a person: only CNCS reviewers and supervisors may run it.
    public func tick(at now: Date, as userName: String) throws -> [AuditEntry] {
        try store.read { tx in try Permissions.checkReviewer(try requireUser(userName, tx), toDo: "ejecutar queue tick") }
        return try tick(at: now)
    }

    /// What happens to an item by itself at `now`: expiry first, then a stale claim, then the reminder.
    private func applyAutomatic(_ tx: any QueueWriteTransaction, _ item: Consultation, at now: Date, warn: Bool) throws -> Outcome {
        var item = item
        var entries: [AuditEntry] = []
        if item.isOverdue(at: now), let due = item.dueAt {
            let outcome = try apply(tx, .expire, to: item, by: .system, expectedVersion: item.version, reason: "sin respuesta de la CNCS al vencer el plazo (\(Timestamp.string(due)))", at: now) { next in
                next.claim = nil
            }
            return Outcome(consultation: outcome.consultation, entries: outcome.entries)
        }
        if item.state == .inReview, let claim = item.claim, claim.expiresAt <= now {
            let outcome = try apply(tx, .expireClaim, to: item, by: .system, expectedVersion: item.version, reason: "venció el reclamo de \(claim.reviewer)", at: now) { next in
                next.claim = nil
            }
            item = outcome.consultation
            entries += outcome.entries
        }
        if warn, item.state.clockRuns, item.warnedAt == nil, let due = item.dueAt,
            policy.clock.countedSeconds(from: now, to: due) <= policy.warningSeconds
        {
            let outcome = try apply(tx, .warn, to: item, by: .system, expectedVersion: item.version, reason: nil, at: now) { next in
                next.warnedAt = now
            }
            item = outcome.consultation
            entries += outcome.entries
        }
        return Outcome(consultation: item, entries: entries)
    }

    // MARK: - The one place where transitions happen

    private enum Attempt {
        case done(Outcome)
        /// Refused after the automatic transitions (which still commit).
        case refused(QueueError, [AuditEntry])
    }

    /// Loads the item, applies what is due by itself, then tries `body` with the item and the version
    /// it had when loaded; a refusal keeps the automatic part.
    private func attempt(
        _ tx: any QueueWriteTransaction, id: Int64, user: User, now: Date, _ body: (Consultation, Int, any QueueWriteTransaction) throws -> Outcome
    ) throws -> Attempt {
        guard let loaded = try tx.consultation(id: id), user.sees(area: loaded.area) else {
            throw QueueError(.notFound, "no existe la consulta \(id)")
        }
        let automatic = try applyAutomatic(tx, loaded, at: now, warn: false)
        do {
            let outcome = try body(automatic.consultation, loaded.version, tx)
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
    /// item, stores it (compare and swap), appends the audit entry and queues the notifications.
    private func apply(
        _ tx: any QueueWriteTransaction, _ action: QueueAction, to item: Consultation?, template: Consultation? = nil, by actor: Actor,
        expectedVersion: Int?, reason: String?, at now: Date, _ change: (inout Consultation) throws -> Void
    ) throws -> Outcome {
        precondition(action.isAutomatic == (actor == .system), "automatic transitions are the queue's own, and only them")
        return try applyChecked(tx, action, to: item, template: template, by: actor, expectedVersion: expectedVersion, reason: reason, at: now, change)
    }

    private func applyChecked(
        _ tx: any QueueWriteTransaction, _ action: QueueAction, to item: Consultation?, template: Consultation?, by actor: Actor,
        expectedVersion: Int?, reason: String?, at now: Date, _ change: (inout Consultation) throws -> Void
    ) throws -> Outcome {
        if let item, let expectedVersion, item.version != expectedVersion {
            throw QueueError(.versionConflict, Messages.changed(item, seen: expectedVersion))
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
                try tx.updateConsultation(next, expectedVersion: item.version)
            } catch QueueStoreError.versionConflict {
                let current = try tx.consultation(id: item.id) ?? item
                throw QueueError(.versionConflict, Messages.changed(current, seen: item.version))
            }
        } else {
            next.id = try tx.insertConsultation(next)
            try change(&next)
            try tx.updateConsultation(next, expectedVersion: next.version)
        }
        var details: [String: String] = ["version": String(next.version)]
        if let due = next.dueAt { details["due_at"] = Timestamp.string(due) }
        if let claim = next.claim { details["claim_expires_at"] = Timestamp.string(claim.expiresAt) }
        if action == .submit || action == .resubmit { details["content_hash"] = next.contentHash }
        if let remaining = next.remainingSeconds { details["remaining_seconds"] = String(remaining) }
        let entry = try appendAudit(
            tx, at: now, actor: actor.name, event: action.eventName, item: next, from: item?.state.rawValue, to: target.rawValue,
            reason: reason, details: details)
        try queueNotifications(tx, action, item: next, entry: entry)
        return Outcome(consultation: next, entries: [entry])
    }

    private func appendAudit(
        _ tx: any QueueWriteTransaction, at now: Date, actor: String, event: String, item: Consultation?, from: String?, to: String?,
        reason: String?, details: [String: String]
    ) throws -> AuditEntry {
        let head = try tx.auditHead()
        let entry = AuditEntry(
            sequence: (head?.sequence ?? 0) + 1, at: now, actor: actor, event: event, consultationID: item?.id, revision: item?.revision,
            fromState: from, toState: to, reason: reason, details: details.isEmpty ? nil : JSONOutput.string(details, .compact),
            previousHash: head?.hash ?? AuditChain.genesis
        ).sealed()
        try tx.appendAuditEntry(entry)
        return entry
    }

    private func queueNotifications(_ tx: any QueueWriteTransaction, _ action: QueueAction, item: Consultation, entry: AuditEntry) throws {
        guard !policy.notifications.isEmpty,
            let composed = NotificationComposer.compose(action, consultation: item, actor: entry.actor, comment: entry.reason)
        else { return }
        for channel in policy.notifications.sorted(by: { $0.rawValue < $1.rawValue }) {
            var recipients: [String] = []
            if channel == .email {
                switch composed.audience {
                case .cncs:
                    recipients = policy.cncsAddresses + (try tx.users()).filter { $0.role == .cncs }.compactMap(\.email)
                case .submitter:
                    recipients = (try tx.user(named: item.submitter)?.email).map { [$0] } ?? []
                }
                var seen = Set<String>()
                recipients = recipients.filter { seen.insert($0.lowercased()).inserted }
                if recipients.isEmpty { continue }
            }
            try tx.enqueue(
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

    public func detail(of id: Int64, as userName: String) throws -> Detail {
        try store.read { tx in
            let user = try requireUser(userName, tx)
            guard let item = try tx.consultation(id: id), user.sees(area: item.area) else {
                throw QueueError(.notFound, "no existe la consulta \(id)")
            }
            return Detail(consultation: item, revisions: try tx.revisions(of: id), history: try tx.auditEntries(consultationID: id))
        }
    }

    /// Consultations `userName` may see, by deadline. Administrators see only their area's.
    public func list(_ query: ConsultationQuery, as userName: String) throws -> [Consultation] {
        try store.read { tx in
            let user = try requireUser(userName, tx)
            var query = query
            if user.role == .admin {
                if let area = query.area, area != user.area { return [] }
                query.area = user.area
            }
            return try tx.consultations(query)
        }
    }

    /// The consultation that speaks for this exact text (a draft's file bytes): an approved one
    /// first, else the latest. Needs no user: `criterio lint` and the hook ask it.
    public func consultation(coveringContent bytes: some Sequence<UInt8>) throws -> Consultation? {
        try consultation(coveringContentHash: ContentHash.sha256(bytes))
    }

    /// The consultation that speaks for the text with this content hash: an approved one first, else
    /// the latest.
    public func consultation(coveringContentHash hash: String) throws -> Consultation? {
        let matches = try store.read { try $0.consultations(ConsultationQuery(contentHash: hash)) }
        return matches.first { $0.state == .approved } ?? matches.max { ($0.updatedAt, $0.id) < ($1.updatedAt, $1.id) }
    }

    /// The log of one consultation, or the whole log, for `userName` (administrators: their area's items).
    public func auditLog(of id: Int64?, as userName: String) throws -> [AuditEntry] {
        try store.read { tx in
            let user = try requireUser(userName, tx)
            if let id {
                guard let item = try tx.consultation(id: id), user.sees(area: item.area) else {
                    throw QueueError(.notFound, "no existe la consulta \(id)")
                }
                return try tx.auditEntries(consultationID: id)
            }
            guard user.role != .admin else {
                let visible = Set(try tx.consultations(ConsultationQuery(area: user.area)).map(\.id))
                return try tx.auditEntries(consultationID: nil).filter { $0.consultationID.map(visible.contains) ?? false }
            }
            return try tx.auditEntries(consultationID: nil)
        }
    }

    /// Walks the whole chain, a page at a time, and compares its end with the recorded head.
    /// Reviewers and supervisors only.
    public func verifyAudit(as userName: String, pageSize: Int = 2000) throws -> AuditVerification {
        try store.read { tx in
            try Permissions.checkReviewer(try requireUser(userName, tx), toDo: Self.wholeLogTask)
            var verifier = AuditChain.Verifier()
            var after: Int64 = 0
            while true {
                let page = try tx.auditEntries(consultationID: nil, after: after, limit: pageSize)
                verifier.check(page)
                guard let last = page.last, page.count == pageSize else { break }
                after = last.sequence
            }
            return verifier.finish(head: try tx.auditHead())
        }
    }

    /// Calls `body` with every entry in order, a page at a time (for exports). Reviewers and
    /// supervisors only.
    public func forEachAuditEntry(as userName: String, pageSize: Int = 2000, _ body: (AuditEntry) throws -> Void) throws {
        try store.read { tx in
            try Permissions.checkReviewer(try requireUser(userName, tx), toDo: Self.wholeLogTask)
            var after: Int64 = 0
            while true {
                let page = try tx.auditEntries(consultationID: nil, after: after, limit: pageSize)
                for entry in page { try body(entry) }
                guard let last = page.last, page.count == pageSize else { break }
                after = last.sequence
            }
        }
    }

    private static let wholeLogTask = "verificar ni exportar la bitácora"

    private func requireUser(_ name: String, _ tx: any QueueReadTransaction) throws -> User {
        guard let user = try tx.user(named: name) else {
            throw QueueError(.notFound, "no existe el usuario «\(name)»; una supervisora lo crea con: criterio users add \(name) --role …")
        }
        return user
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
