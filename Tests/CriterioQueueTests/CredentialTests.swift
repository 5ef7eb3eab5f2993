import CriterioQueue
import Foundation
import Testing

/// Passwords, sessions, API tokens, sign-in throttling and user management, against every store.
@Suite("credenciales y usuarios")
struct CredentialTests {
    static let password = "una clave bastante larga"

    /// Everything the log holds, as text: no secret nor hash may appear in it.
    func logText(_ fixture: Fixture) async throws -> String {
        try await fixture.log().map { "\($0.event) \($0.actor) \($0.reason ?? "") \($0.details ?? "")" }.joined(separator: "\n")
    }

    // MARK: Passwords

    @Test(arguments: StoreFactory.all)
    func aPasswordIsSetByItsOwnerOrASupervisorAndStoredAsBcrypt(_ kind: StoreFactory) async throws {
        let fixture = try await Fixture(kind)
        let service = fixture.service
        try await service.setPassword(Self.password, for: "ana", by: "sofia", at: Fixture.start)
        try await service.setPassword("otra clave igual de larga", for: "rosa", by: "rosa", at: Fixture.start)
        let other = await #expect(throws: QueueError.self) {
            try await service.setPassword(Self.password, for: "rosa", by: "ana", at: Fixture.start)
        }
        #expect(other?.kind == .forbidden)
        #expect(other?.description == "ana no puede cambiar la contraseña de rosa: solo una supervisora lo hace por otra persona")
        await #expect(throws: QueueError.self) { try await service.setPassword(Self.password, for: "ana", by: "raul", at: Fixture.start) }

        let hash = try #require(try await service.store.read { try await $0.passwordHash(of: "ana") })
        #expect(hash.hasPrefix("$2"), "a bcrypt hash")
        #expect(!hash.contains(Self.password))
        let entries = try await fixture.log().filter { $0.event == AuditEvent.passwordSet.rawValue }
        #expect(entries.map(\.actor) == ["sofia", "rosa"])
        #expect(entries.first?.details == #"{"user":"ana"}"#)
        let log = try await logText(fixture)
        #expect(!log.contains(Self.password) && !log.contains(hash) && !log.contains("$2"))
        #expect(QueueAction.label(forEvent: "password_set") == "cambió la contraseña de")
    }

    @Test(arguments: StoreFactory.all)
    func aWeakPasswordIsRefusedAndNothingChanges(_ kind: StoreFactory) async throws {
        let fixture = try await Fixture(kind)
        try await fixture.service.addUser(name: "mariaguadalupe", role: .cncs, area: nil, email: nil, by: "sofia", at: Fixture.start)
        let cases = [
            ("corta12345", "al menos 12 caracteres"),
            (String(repeating: "ñ", count: 37), "72 bytes"),
            ("con un\ttabulador", "caracteres de control"),
            ("MariaGuadalupe", "nombre de usuario"),
        ]
        for (password, reason) in cases {
            let error = await #expect(throws: QueueError.self) {
                try await fixture.service.setPassword(password, for: "mariaguadalupe", by: "sofia", at: Fixture.start)
            }
            #expect(error?.kind == .invalidInput)
            #expect(error?.description.contains(reason) == true, "\(error?.description ?? "")")
        }
        #expect(try await fixture.service.store.read { try await $0.passwordHash(of: "mariaguadalupe") } == nil)
        #expect(try await fixture.log().allSatisfy { $0.event != AuditEvent.passwordSet.rawValue })
    }

    @Test(arguments: StoreFactory.all)
    func changingOnesOwnPasswordFromAPageNeedsTheCurrentOne(_ kind: StoreFactory) async throws {
        let fixture = try await Fixture(kind)
        let service = fixture.service
        try await service.setPassword(Self.password, for: "ana", by: "sofia", at: Fixture.start)
        let wrong = await #expect(throws: QueueError.self) {
            try await service.setPassword("la nueva clave de ana", for: "ana", by: "ana", currentPassword: "no es esta", at: Fixture.start)
        }
        #expect(wrong?.kind == .authenticationFailed)
        try await service.setPassword("la nueva clave de ana", for: "ana", by: "ana", currentPassword: Self.password, at: Fixture.start)
        _ = try await service.signIn(name: "ana", password: "la nueva clave de ana", at: Fixture.start)
    }

    // MARK: Sessions

    @Test(arguments: StoreFactory.all)
    func signingInOpensANewSessionEveryTime(_ kind: StoreFactory) async throws {
        let fixture = try await Fixture(kind)
        let service = fixture.service
        try await service.setPassword(Self.password, for: "ana", by: "sofia", at: Fixture.start)
        let first = try await service.signIn(name: "ana", password: Self.password, at: Fixture.start)
        #expect(first.user.name == "ana")
        let found = try #require(try await service.session(id: first.id, at: Fixture.start))
        #expect(found.user.name == "ana" && found.session == first.session)
        let head = try await service.auditHead()
        #expect(head != nil && found.auditHead == head, "the audit head is read with the session")
        // The store keeps the SHA-256 of the id, never the id.
        let stored = try await service.store.read { try await $0.sessions(of: "ana") }
        #expect(stored.map(\.idHash) == [ContentHash.sha256(Array(first.id.utf8))])
        #expect(stored.allSatisfy { $0.idHash != first.id })
        #expect(first.session.accepts(csrfToken: first.session.csrfToken))
        #expect(!first.session.accepts(csrfToken: first.session.csrfToken + "x"))
        #expect(!first.session.accepts(csrfToken: ""))

        // Signing in again from the same browser: a new id, the old one ends (no fixation).
        let second = try await service.signIn(name: "ana", password: Self.password, replacing: first.id, at: Fixture.start)
        #expect(second.id != first.id && second.session.csrfToken != first.session.csrfToken)
        #expect(try await service.session(id: first.id, at: Fixture.start) == nil)
        #expect(try await service.session(id: second.id, at: Fixture.start)?.user.name == "ana")
        // A second server instance sees the same sessions.
        #expect(try await fixture.secondInstance().session(id: second.id, at: Fixture.start)?.user.name == "ana")
        try await service.signOut(sessionID: second.id)
        #expect(try await service.session(id: second.id, at: Fixture.start) == nil)
        #expect(try await service.session(id: "inventada", at: Fixture.start) == nil)
    }

    @Test(arguments: StoreFactory.all)
    func aWrongPasswordAndAnUnknownUserGetTheSameAnswer(_ kind: StoreFactory) async throws {
        let fixture = try await Fixture(kind)
        try await fixture.service.setPassword(Self.password, for: "ana", by: "sofia", at: Fixture.start)
        var answers: [String] = []
        for (name, password) in [("ana", "no es la clave de ana"), ("nadie", Self.password), ("rosa", Self.password), ("", "")] {
            let error = await #expect(throws: QueueError.self) { try await fixture.service.signIn(name: name, password: password, at: Fixture.start) }
            #expect(error?.kind == .authenticationFailed)
            answers.append(error?.description ?? "")
        }
        #expect(Set(answers) == ["usuario o contraseña incorrectos"], "rosa has no password yet")
        #expect(try await fixture.service.store.read { try await $0.sessions(of: "ana") }.isEmpty)
    }

    @Test(arguments: StoreFactory.all)
    func sessionsSlideWithUseUpToTheirLifetime(_ kind: StoreFactory) async throws {
        var credentials = Fixture.credentials
        credentials.sessionIdleSeconds = 3600
        credentials.sessionLifetimeSeconds = 3 * 3600
        credentials.touchIntervalSeconds = 60
        let fixture = try await Fixture(kind, policy: QueuePolicy(credentials: credentials))
        let service = fixture.service
        try await service.setPassword(Self.password, for: "ana", by: "sofia", at: Fixture.start)
        let opened = try await service.signIn(name: "ana", password: Self.password, at: Fixture.start)
        #expect(opened.session.expiresAt == fixture.hours(1))
        // Within the touch interval a lookup only reads.
        #expect(try await service.session(id: opened.id, at: Fixture.start.addingTimeInterval(30))?.session.lastSeenAt == Fixture.start)
        for hour in [0.8, 1.6, 2.4] {
            let used = try #require(try await service.session(id: opened.id, at: fixture.hours(hour)), "still open at \(hour) h")
            #expect(used.session.lastSeenAt == fixture.hours(hour))
            #expect(used.session.expiresAt == min(fixture.hours(hour + 1), fixture.hours(3)))
        }
        #expect(try await service.session(id: opened.id, at: fixture.hours(3)) == nil, "the lifetime caps the sliding")
        #expect(try await service.store.read { try await $0.sessions(of: "ana") }.isEmpty, "an ended session is removed")

        // Left idle, a session ends; the ticker removes it even if nobody looks it up again.
        let idle = try await service.signIn(name: "ana", password: Self.password, at: fixture.hours(10))
        #expect(try await service.session(id: idle.id, at: fixture.hours(11)) == nil)
        let forgotten = try await service.signIn(name: "ana", password: Self.password, at: fixture.hours(20))
        _ = try await service.tick(at: fixture.hours(22))
        #expect(try await service.store.read { try await $0.session(idHash: forgotten.session.idHash) } == nil)
    }

    @Test(arguments: StoreFactory.all)
    func sessionsEndWithTheirPasswordOrOnRequest(_ kind: StoreFactory) async throws {
        let fixture = try await Fixture(kind)
        let service = fixture.service
        try await service.setPassword(Self.password, for: "ana", by: "sofia", at: Fixture.start)
        try await service.setPassword(Self.password, for: "rosa", by: "sofia", at: Fixture.start)
        let ana = try await service.signIn(name: "ana", password: Self.password, at: Fixture.start)
        _ = try await service.signIn(name: "ana", password: Self.password, at: Fixture.start)
        let rosa = try await service.signIn(name: "rosa", password: Self.password, at: Fixture.start)
        let forbidden = await #expect(throws: QueueError.self) { try await service.endSessions(of: "rosa", by: "ana") }
        #expect(forbidden?.kind == .forbidden)
        #expect(try await service.endSessions(of: "ana", by: "ana") == 2)
        #expect(try await service.session(id: ana.id, at: Fixture.start) == nil)
        // A new password signs out whoever had the old one.
        try await service.setPassword("una clave nueva para rosa", for: "rosa", by: "sofia", at: Fixture.start)
        #expect(try await service.session(id: rosa.id, at: Fixture.start) == nil)
        await #expect(throws: QueueError.self) { try await service.signIn(name: "rosa", password: Self.password, at: Fixture.start) }
    }

    // MARK: Throttling

    @Test(arguments: StoreFactory.all)
    func failedSignInsSlowDownAcrossInstances(_ kind: StoreFactory) async throws {
        var credentials = Fixture.credentials
        credentials.freeFailuresPerUser = 3
        credentials.firstDelaySeconds = 2
        credentials.maximumDelaySeconds = 8
        let fixture = try await Fixture(kind, policy: QueuePolicy(credentials: credentials))
        let one = fixture.service
        let other = try await fixture.secondInstance()
        try await one.setPassword(Self.password, for: "ana", by: "sofia", at: Fixture.start)
        func attempt(_ service: QueueService, _ password: String, at seconds: Double) async -> QueueError? {
            do {
                _ = try await service.signIn(name: "ana", password: password, at: Fixture.start.addingTimeInterval(seconds))
                return nil
            } catch {
                return error as? QueueError ?? QueueError(.invalidInput, "\(error)")
            }
        }
        for _ in 1...3 { #expect(await attempt(one, "mal", at: 0)?.kind == .authenticationFailed) }
        // The fourth failure is past the free ones: the next attempt, on any instance, waits 2 s.
        #expect(await attempt(one, "mal", at: 0)?.kind == .authenticationFailed)
        let waiting = await attempt(other, Self.password, at: 1)
        #expect(waiting?.kind == .throttled)
        #expect(waiting?.retryAfterSeconds == 1)
        #expect(waiting?.description == "demasiados intentos fallidos; espera 1 s antes de volver a intentarlo")
        // Each further failure doubles the wait, up to the maximum.
        #expect(await attempt(other, "mal", at: 2)?.kind == .authenticationFailed)
        #expect(await attempt(one, Self.password, at: 5.5)?.retryAfterSeconds == 1, "4 s after the fifth failure")
        #expect(await attempt(one, "mal", at: 6)?.kind == .authenticationFailed)
        #expect(await attempt(one, "mal", at: 14)?.kind == .authenticationFailed)
        #expect(await attempt(one, "mal", at: 14.5)?.retryAfterSeconds == 8, "capped at 8 s")
        // A success clears the name's count.
        #expect(await attempt(other, Self.password, at: 22) == nil)
        for _ in 1...4 { #expect(await attempt(one, "mal", at: 23)?.kind == .authenticationFailed) }
        #expect(await attempt(one, Self.password, at: 23)?.kind == .throttled)
    }

    @Test(arguments: StoreFactory.all)
    func anAddressTryingManyNamesIsSlowedDownToo(_ kind: StoreFactory) async throws {
        var credentials = Fixture.credentials
        credentials.freeFailuresPerAddress = 5
        credentials.forgetFailuresAfterSeconds = 3600
        let fixture = try await Fixture(kind, policy: QueuePolicy(credentials: credentials))
        let service = fixture.service
        try await service.setPassword(Self.password, for: "ana", by: "sofia", at: Fixture.start)
        for name in ["a1", "a2", "a3", "a4", "a5", "a6"] {
            await #expect(throws: QueueError.self) {
                try await service.signIn(name: name, password: "x", clientAddress: "203.0.113.7", at: Fixture.start)
            }
        }
        let blocked = await #expect(throws: QueueError.self) {
            try await service.signIn(name: "ana", password: Self.password, clientAddress: "203.0.113.7", at: Fixture.start)
        }
        #expect(blocked?.kind == .throttled)
        _ = try await service.signIn(name: "ana", password: Self.password, clientAddress: "198.51.100.20", at: Fixture.start)
        // The address is kept only as a digest, and forgotten with time.
        let key = SignInThrottle.key(address: "203.0.113.7")
        #expect(!key.contains("203.0.113.7"))
        #expect(try await service.store.read { try await $0.signInThrottle(key: key) }?.failures == 6)
        _ = try await service.tick(at: fixture.hours(2))
        #expect(try await service.store.read { try await $0.signInThrottle(key: key) } == nil)
        _ = try await service.signIn(name: "ana", password: Self.password, clientAddress: "203.0.113.7", at: fixture.hours(2))
    }

    // MARK: API tokens

    @Test(arguments: StoreFactory.all)
    func anAPITokenIsShownOnceAndStoredAsItsDigest(_ kind: StoreFactory) async throws {
        let fixture = try await Fixture(kind)
        let service = fixture.service
        let created = try await service.createAPIToken(for: "ana", label: "integración continua", by: "ana", at: Fixture.start)
        #expect(created.secret.hasPrefix("crt_"))
        #expect(created.secret.count == 4 + 43, "32 random bytes in base64url")
        #expect(created.secret.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_-".contains($0)) })
        let stored = try await service.store.read { try await $0.apiTokens(of: "ana") }
        #expect(stored == [created.token])
        #expect(created.token.hash == ContentHash.sha256(Array(created.secret.utf8)))
        #expect(try await service.apiTokens(of: "ana", as: "sofia").map(\.label) == ["integración continua"])

        #expect(try await service.authenticate(bearer: created.secret, at: Fixture.start).user.name == "ana")
        #expect(try await fixture.secondInstance().authenticate(bearer: created.secret, at: Fixture.start).user.name == "ana")
        #expect(try await service.store.read { try await $0.apiTokens(of: "ana") }.first?.lastUsedAt == Fixture.start)
        _ = try await service.authenticate(bearer: created.secret, at: Fixture.start.addingTimeInterval(30))
        #expect(try await service.store.read { try await $0.apiTokens(of: "ana") }.first?.lastUsedAt == Fixture.start, "written at most once a minute")
        _ = try await service.authenticate(bearer: created.secret, at: fixture.hours(1))
        #expect(try await service.store.read { try await $0.apiTokens(of: "ana") }.first?.lastUsedAt == fixture.hours(1))

        for wrong in ["crt_" + String(created.secret.dropFirst(4).reversed()), String(created.secret.dropFirst(4)), ""] {
            let error = await #expect(throws: QueueError.self) { try await service.authenticate(bearer: wrong, at: Fixture.start) }
            #expect(error?.kind == .authenticationFailed)
        }
        // With the user comes the audit head as it stood, read in the same transaction: what the
        // server compares its kept list answers with. Creating a token moves it.
        let headBefore = try await service.auditHead()
        #expect(try await service.authenticate(bearer: created.secret, at: fixture.hours(1)).auditHead == headBefore)
        let another = try await service.createAPIToken(for: "ana", by: "sofia", at: Fixture.start)
        #expect(another.secret != created.secret && another.token.id != created.token.id)
        let headAfter = try await service.auditHead()
        #expect(headAfter != headBefore)
        #expect(try await fixture.secondInstance().authenticate(bearer: created.secret, at: fixture.hours(1)).auditHead == headAfter)
        let log = try await logText(fixture)
        #expect(!log.contains(created.secret) && !log.contains(created.token.hash))
        #expect(try await fixture.log().filter { $0.event == "token_created" }.map(\.actor) == ["ana", "sofia"])
    }

    @Test(arguments: StoreFactory.all)
    func tokensAreManagedByTheirOwnerOrASupervisorAndRevocationIsAudited(_ kind: StoreFactory) async throws {
        let fixture = try await Fixture(kind)
        let service = fixture.service
        let forbidden = await #expect(throws: QueueError.self) { try await service.createAPIToken(for: "rosa", by: "ana", at: Fixture.start) }
        #expect(forbidden?.kind == .forbidden)
        await #expect(throws: QueueError.self) { try await service.apiTokens(of: "rosa", as: "ana") }
        let first = try await service.createAPIToken(for: "ana", label: "uno", by: "ana", at: Fixture.start)
        let second = try await service.createAPIToken(for: "ana", label: "dos", by: "ana", at: Fixture.start)
        let rosas = try await service.createAPIToken(for: "rosa", by: "rosa", at: Fixture.start)

        let notHers = await #expect(throws: QueueError.self) { try await service.revokeAPIToken(rosas.token.id, of: "ana", by: "ana", at: Fixture.start) }
        #expect(notHers?.kind == .notFound)
        try await service.revokeAPIToken(first.token.id, of: "ana", by: "ana", at: Fixture.start)
        await #expect(throws: QueueError.self) { try await service.authenticate(bearer: first.secret, at: Fixture.start) }
        #expect(try await service.authenticate(bearer: second.secret, at: Fixture.start).user.name == "ana")
        #expect(try await service.revokeAllAPITokens(of: "ana", by: "sofia", at: Fixture.start) == 1)
        #expect(try await service.revokeAllAPITokens(of: "ana", by: "sofia", at: Fixture.start) == 0, "nothing left, nothing logged")
        await #expect(throws: QueueError.self) { try await service.authenticate(bearer: second.secret, at: Fixture.start) }
        #expect(try await service.authenticate(bearer: rosas.secret, at: Fixture.start).user.name == "rosa")
        let revocations = try await fixture.log().filter { $0.event == AuditEvent.tokenRevoked.rawValue }
        #expect(revocations.map(\.actor) == ["ana", "sofia"])
        #expect(revocations.map(\.details) == [#"{"tokens":"\#(first.token.id)","user":"ana"}"#, #"{"tokens":"\#(second.token.id)","user":"ana"}"#])
    }

    // MARK: User management

    @Test(arguments: StoreFactory.all)
    func rolesAndAreasChangeAuditedAndTheQueueKeepsASupervisor(_ kind: StoreFactory) async throws {
        let fixture = try await Fixture(kind)
        let service = fixture.service
        let notAllowed = await #expect(throws: QueueError.self) { try await service.changeRole(of: "raul", to: .supervisor, by: "rosa", at: Fixture.start) }
        #expect(notAllowed?.kind == .forbidden)
        let reviewer = try await service.changeRole(of: "ana", to: .cncs, by: "sofia", at: Fixture.start)
        #expect(reviewer.role == .cncs && reviewer.area == nil)
        let noArea = await #expect(throws: QueueError.self) { try await service.changeRole(of: "raul", to: .admin, by: "sofia", at: Fixture.start) }
        #expect(noArea?.kind == .invalidInput)
        #expect(try await service.changeRole(of: "raul", to: .admin, area: "DERFE", by: "sofia", at: Fixture.start).area == "DERFE")
        let last = await #expect(throws: QueueError.self) { try await service.changeRole(of: "sofia", to: .cncs, by: "sofia", at: Fixture.start) }
        #expect(last?.description.contains("única supervisora") == true)
        _ = try await service.changeRole(of: "rosa", to: .supervisor, by: "sofia", at: Fixture.start)
        _ = try await service.changeRole(of: "sofia", to: .cncs, by: "rosa", at: Fixture.start)

        #expect(try await service.changeArea(of: "beto", to: "DECEYEC", by: "rosa", at: Fixture.start).area == "DECEYEC")
        let reviewersHaveNone = await #expect(throws: QueueError.self) { try await service.changeArea(of: "sofia", to: "DERFE", by: "rosa", at: Fixture.start) }
        #expect(reviewersHaveNone?.kind == .invalidInput)
        // beto now submits for DECEYEC and sees its items.
        let item = try await fixture.submit(by: "beto")
        #expect(item.area == "DECEYEC")
        #expect(try await service.list(ConsultationQuery(), as: "beto").map(\.id) == [item.id])

        let changes = try await fixture.log().filter { $0.event == "user_role_changed" || $0.event == "user_area_changed" }
        #expect(changes.map(\.details) == [
            #"{"area":"","from":"admin","to":"cncs","user":"ana"}"#, #"{"area":"DERFE","from":"cncs","to":"admin","user":"raul"}"#,
            #"{"area":"","from":"cncs","to":"supervisor","user":"rosa"}"#, #"{"area":"","from":"supervisor","to":"cncs","user":"sofia"}"#,
            #"{"from":"DERFE","to":"DECEYEC","user":"beto"}"#,
        ])
        #expect(changes.map(\.actor) == ["sofia", "sofia", "sofia", "rosa", "rosa"])
        #expect(QueueAction.label(forEvent: "user_role_changed") == "cambió el rol de")
        #expect(try await service.verifyAudit(as: "rosa") == .intact(entries: try await fixture.log().count, lastHash: try await fixture.log().last?.hash))
    }

    // MARK: Revealing personal data

    @Test(arguments: StoreFactory.all)
    func revealingPersonalDataIsAnEntryOfTheLog(_ kind: StoreFactory) async throws {
        let fixture = try await Fixture(kind)
        let item = try await fixture.submit("Su CURP es HEGG560427MVZRRL04.\n")
        let detail = try await fixture.service.reveal(item.id, by: "rosa", at: fixture.hours(1))
        #expect(detail.revisions.first?.draftText == "Su CURP es HEGG560427MVZRRL04.\n")
        let entry = try #require(detail.history.last)
        #expect(entry.event == "revealed" && entry.actor == "rosa" && entry.consultationID == item.id && entry.revision == 1)
        #expect(entry.fromState == "pending" && entry.toState == "pending")
        #expect(QueueAction.label(forEvent: entry.event) == "reveló los datos personales")
        #expect(try await fixture.service.auditLog(of: item.id, as: "ana").last == entry)
        #expect(try await fixture.item(item.id) == item, "revealing changes nothing a reviewer decides on")
        let otherArea = await #expect(throws: QueueError.self) { try await fixture.service.reveal(item.id, by: "beto", at: fixture.hours(1)) }
        #expect(otherArea?.kind == .notFound)
        let noSuchRevision = await #expect(throws: QueueError.self) { try await fixture.service.reveal(item.id, revision: 2, by: "rosa", at: fixture.hours(1)) }
        #expect(noSuchRevision?.kind == .notFound)
        #expect(try await fixture.log().filter { $0.event == "revealed" }.count == 1)
    }
}
