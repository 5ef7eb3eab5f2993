import Foundation

/// Users and their credentials (SPEC §8): who may use the queue and as what, their passwords
/// (bcrypt) and API tokens (SHA-256 of a random secret shown once). Every change is audited, never
/// with a secret or a hash. A supervisor manages everyone; a person manages their own password and
/// tokens.
extension QueueService {
    // MARK: - Users

    /// Adds a user. The very first user needs nobody's permission and must be a supervisor; after
    /// that only supervisors add users.
    @discardableResult
    public func addUser(name: String, role: Role, area: String?, email: String?, by actorName: String?, at now: Date) async throws -> User {
        let name = try QueueNames.userName(name)
        let area = try QueueNames.area(area)
        if role == .admin && area == nil {
            throw QueueError(.invalidInput, "una persona administradora de cuenta necesita su área: --area")
        }
        let email = email?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        if let email, !email.contains("@") { throw QueueError(.invalidInput, "«\(email)» no es una dirección de correo") }
        return try await store.write { tx in
            let actor: String
            if try await tx.users().isEmpty {
                guard role == .supervisor else {
                    throw QueueError(.forbidden, "la cola no tiene usuarios: el primero debe ser supervisor (--role supervisor)")
                }
                actor = name
            } else {
                guard let actorName else {
                    throw QueueError(.forbidden, "indica quién eres con --as o CRITERIO_USER; solo una supervisora agrega usuarios")
                }
                let user = try await requireUser(actorName, tx)
                guard user.role == .supervisor else { throw QueueError(.forbidden, "solo una supervisora puede agregar usuarios") }
                actor = user.name
            }
            if let existing = try await findUser(name, tx) { throw QueueError(.invalidInput, "ya existe el usuario «\(existing.name)»") }
            let user = User(name: name, role: role, area: area, email: email, createdAt: Timestamp.rounded(now))
            try await tx.insertUser(user)
            _ = try await appendAudit(
                tx, at: now, actor: actor, event: AuditEvent.userAdded.rawValue, item: nil, from: nil, to: nil, reason: nil,
                details: ["user": name, "role": role.rawValue, "area": area ?? ""])
            return user
        }
    }

    public func users() async throws -> [User] {
        try await store.read { try await $0.users() }
    }

    /// The user acting, or a Spanish error saying how to create one.
    public func user(named name: String) async throws -> User {
        try await store.read { try await requireUser(name, $0) }
    }

    /// Changes a user's role. An administrator needs an area (`area`, or the one they had); other
    /// roles have none (`changeArea` moves an administrator). The queue always keeps a supervisor.
    /// Supervisors only.
    @discardableResult
    public func changeRole(of name: String, to role: Role, area: String? = nil, by actorName: String, at now: Date) async throws -> User {
        let area = try QueueNames.area(area)
        return try await store.write { tx in
            let actor = try await requireSupervisor(actorName, toDo: "cambiar roles", tx)
            var user = try await requireUser(name, tx)
            let before = user
            guard role != user.role else { return user }
            if user.role == .supervisor, role != .supervisor, try await tx.users().filter({ $0.role == .supervisor }).count == 1 {
                throw QueueError(.invalidInput, "\(user.name) es la única supervisora; la cola se quedaría sin nadie que administre usuarios")
            }
            user.role = role
            user.area = role == .admin ? area ?? user.area : nil
            if role == .admin && user.area == nil {
                throw QueueError(.invalidInput, "una persona administradora de cuenta necesita su área: --area")
            }
            try await tx.updateUser(user)
            _ = try await appendAudit(
                tx, at: Timestamp.rounded(now), actor: actor.name, event: AuditEvent.roleChanged.rawValue, item: nil, from: nil, to: nil,
                reason: nil, details: ["user": user.name, "from": before.role.rawValue, "to": role.rawValue, "area": user.area ?? ""])
            return user
        }
    }

    /// Changes the area an administrator submits for. Supervisors only.
    @discardableResult
    public func changeArea(of name: String, to area: String, by actorName: String, at now: Date) async throws -> User {
        guard let area = try QueueNames.area(area) else {
            throw QueueError(.invalidInput, "el área no puede quedar vacía")
        }
        return try await store.write { tx in
            let actor = try await requireSupervisor(actorName, toDo: "cambiar áreas", tx)
            var user = try await requireUser(name, tx)
            guard user.role == .admin else {
                throw QueueError(.invalidInput, "solo las personas administradoras de cuenta tienen área; \(user.name) es \(user.role.rawValue)")
            }
            guard user.area != area else { return user }
            let before = user.area ?? ""
            user.area = area
            try await tx.updateUser(user)
            _ = try await appendAudit(
                tx, at: Timestamp.rounded(now), actor: actor.name, event: AuditEvent.areaChanged.rawValue, item: nil, from: nil, to: nil,
                reason: nil, details: ["user": user.name, "from": before, "to": area])
            return user
        }
    }

    // MARK: - Passwords

    /// Sets `name`'s password: a supervisor sets (resets) anyone's, a person their own. With
    /// `currentPassword` (a person changing their own from a page) it must be the present one. Ends
    /// every session of the user: whoever had the old password is signed out (a page that changed the
    /// signed-in person's own password signs them in again with the new one).
    public func setPassword(_ password: String, for name: String, by actorName: String, currentPassword: String? = nil, at now: Date) async throws {
        let rules = policy.credentials
        let (actor, user) = try await passwordChange(of: name, by: actorName)
        if let problem = rules.problem(with: password, of: user.name) { throw QueueError(.invalidInput, problem) }
        if let currentPassword {
            guard try await passwordMatches(currentPassword, of: user.name) else {
                throw QueueError(.authenticationFailed, "la contraseña actual no es correcta")
            }
        }
        let hash = await PasswordHashing.hash(password, cost: rules.bcryptCost)
        try await store.write { tx in
            _ = try await requireSelfOrSupervisor(actorName, over: name, toDo: "cambiar la contraseña de", tx)
            try await tx.setPasswordHash(hash, of: user.name, at: Timestamp.rounded(now))
            _ = try await tx.deleteSessions(of: user.name)
            _ = try await appendAudit(
                tx, at: Timestamp.rounded(now), actor: actor.name, event: AuditEvent.passwordSet.rawValue, item: nil, from: nil, to: nil,
                reason: nil, details: ["user": user.name])
        }
    }

    /// The actor and the user whose password the actor may set (a supervisor, or the user), or the
    /// refusal: a front end asks it before prompting for a new password.
    public func passwordChange(of name: String, by actorName: String) async throws -> (actor: User, user: User) {
        try await store.read { tx in try await requireSelfOrSupervisor(actorName, over: name, toDo: "cambiar la contraseña de", tx) }
    }

    /// Whether `password` is `name`'s. Unknown users and users without a password take as long as
    /// the others and never match.
    func passwordMatches(_ password: String, of name: String) async throws -> Bool {
        guard let hash = try await store.read({ try await $0.passwordHash(of: name) }) else {
            await PasswordHashing.waste(password, cost: policy.credentials.bcryptCost)
            return false
        }
        return await PasswordHashing.verify(password, against: hash)
    }

    // MARK: - API tokens

    /// Creates an API token for `name` (a supervisor for anyone, a person for themselves). The
    /// secret is in the result only: the store keeps its SHA-256.
    public func createAPIToken(for name: String, label: String = "", by actorName: String, at now: Date) async throws -> NewAPIToken {
        let label = label.trimmingCharacters(in: .whitespacesAndNewlines)
        guard label.count <= 200, !label.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw QueueError(.invalidInput, "la etiqueta del token debe ser una línea de hasta 200 caracteres")
        }
        let secret = Secrets.tokenPrefix + Secrets.random()
        return try await store.write { tx in
            let (actor, user) = try await requireSelfOrSupervisor(actorName, over: name, toDo: "crear tokens de", tx)
            var token = APIToken(userName: user.name, label: label, hash: Secrets.digest(secret), createdAt: now)
            token.id = try await tx.insertAPIToken(token)
            _ = try await appendAudit(
                tx, at: token.createdAt, actor: actor.name, event: AuditEvent.tokenCreated.rawValue, item: nil, from: nil, to: nil, reason: nil,
                details: ["user": user.name, "token": String(token.id), "label": label])
            return NewAPIToken(secret: secret, token: token)
        }
    }

    /// `name`'s API tokens, without their secrets (a supervisor, or the person).
    public func apiTokens(of name: String, as actorName: String) async throws -> [APIToken] {
        try await store.read { tx in
            let user = try await requireSelfOrSupervisor(actorName, over: name, toDo: "ver los tokens de", tx).user
            return try await tx.apiTokens(of: user.name)
        }
    }

    /// Revokes one of `name`'s tokens, by id (a supervisor, or the person).
    public func revokeAPIToken(_ id: Int64, of name: String, by actorName: String, at now: Date) async throws {
        try await store.write { tx in
            let (actor, user) = try await requireSelfOrSupervisor(actorName, over: name, toDo: "revocar tokens de", tx)
            guard try await tx.apiTokens(of: user.name).contains(where: { $0.id == id }), try await tx.deleteAPIToken(id: id) else {
                throw QueueError(.notFound, "\(user.name) no tiene el token \(id); consulta sus tokens con criterio users token \(user.name) --list")
            }
            _ = try await appendAudit(
                tx, at: Timestamp.rounded(now), actor: actor.name, event: AuditEvent.tokenRevoked.rawValue, item: nil, from: nil, to: nil,
                reason: nil, details: ["user": user.name, "tokens": String(id)])
        }
    }

    /// Revokes every token of `name` (a supervisor, or the person); returns how many there were.
    @discardableResult
    public func revokeAllAPITokens(of name: String, by actorName: String, at now: Date) async throws -> Int {
        try await store.write { tx in
            let (actor, user) = try await requireSelfOrSupervisor(actorName, over: name, toDo: "revocar tokens de", tx)
            let ids = try await tx.apiTokens(of: user.name).map { String($0.id) }
            guard !ids.isEmpty else { return 0 }
            _ = try await tx.deleteAPITokens(of: user.name)
            _ = try await appendAudit(
                tx, at: Timestamp.rounded(now), actor: actor.name, event: AuditEvent.tokenRevoked.rawValue, item: nil, from: nil, to: nil,
                reason: nil, details: ["user": user.name, "tokens": ids.joined(separator: ",")])
            return ids.count
        }
    }

    /// The user an `Authorization: Bearer` token belongs to. Its last use is recorded at most once
    /// per `CredentialPolicy.touchIntervalSeconds`, so that most requests only read, once.
    public func authenticate(bearer secret: String, at now: Date) async throws -> TokenHolder {
        let refused = QueueError(.authenticationFailed, "el token no es válido o fue revocado")
        guard secret.hasPrefix(Secrets.tokenPrefix) else { throw refused }
        let hash = Secrets.digest(secret)
        let now = Timestamp.rounded(now)
        let found = try await store.read { tx -> (APIToken, TokenHolder)? in
            guard let token = try await tx.apiToken(hash: hash), let user = try await tx.user(named: token.userName) else { return nil }
            return (token, TokenHolder(user: user, auditHead: try await tx.auditHead()))
        }
        guard let (token, holder) = found else { throw refused }
        if token.lastUsedAt.map({ now.timeIntervalSince($0) >= Double(policy.credentials.touchIntervalSeconds) }) ?? true {
            try await store.write { try await $0.touchAPIToken(id: token.id, at: now) }
        }
        return holder
    }

    // MARK: - Who may

    func requireSupervisor(_ name: String, toDo task: String, _ tx: any QueueReadTransaction) async throws -> User {
        let user = try await requireUser(name, tx)
        guard user.role == .supervisor else { throw QueueError(.forbidden, "solo una supervisora puede \(task)") }
        return user
    }

    /// The actor and the user acted on, when the actor is that user or a supervisor.
    func requireSelfOrSupervisor(_ actorName: String, over name: String, toDo task: String, _ tx: any QueueReadTransaction) async throws -> (
        actor: User, user: User
    ) {
        let actor = try await requireUser(actorName, tx)
        let user = try await requireUser(name, tx)
        guard actor.role == .supervisor || actor.name == user.name else {
            throw QueueError(.forbidden, "\(actor.name) no puede \(task) \(user.name): solo una supervisora lo hace por otra persona")
        }
        return (actor, user)
    }
}
