import CriterioCore
import CriterioQueue
import CriterioRunner
import Foundation
import Hummingbird

/// The Spanish pages (SPEC §8), server-rendered and usable without JavaScript: signing in and out,
/// changing one's password, "Revisar un borrador", submitting, "Mis consultas", the CNCS queue, an
/// item with its decision form, the audit log and users. Forms post back here with the session's
/// CSRF token and answer with a redirect (303) or the page again with what went wrong.
struct PageRoutes: Sendable {
    let server: CriterioServer
    var service: QueueService { server.service }
    var pages: PageRenderer { server.pages }
    var linting: DraftLinting { DraftLinting(setup: server.lint) }

    static let signInPath = "/ingresar"

    /// The form's actions on an item, by the value of its `accion` field.
    static let actions: [String: QueueAction] = [
        "reclamar": .claim, "liberar": .release, "aprobar": .approve, "rechazar": .reject, "pedir-cambios": .requestChanges,
        "reabrir": .reopen, "retirar": .withdraw,
    ]

    func add(to router: Router<ServerContext>) {
        router.get("/") { _, context in
            guard let identity = context.identity else { return Reply.redirect(to: Self.signInPath) }
            return Reply.redirect(to: identity.user.role.reviews ? "/cola" : "/mis-consultas")
        }
        router.get("estatico/:archivo") { _, context in try Self.asset(context.parameters.get("archivo") ?? "") }
        router.get("ingresar") { request, context in try await signInPage(request, context: context) }
        router.post("ingresar") { request, context in try await signIn(request, context: context) }
        router.post("salir") { request, context in try await signOut(request, context: context) }
        router.get("contrasena") { _, context in
            pages.page("contrasena", title: "Cambiar contraseña", data: [:], identity: try context.requireUser())
        }
        router.post("contrasena") { request, context in try await changePassword(request, context: context) }
        router.get("revisar") { _, context in
            pages.page("revisar", title: "Revisar un borrador", data: Self.draftForm(DraftForm()), identity: try context.requireUser())
        }
        router.post("revisar") { request, context in try await review(request, context: context) }
        router.post("consultas") { request, context in try await submit(request, context: context) }
        router.get("mis-consultas") { _, context in try await mine(context: context) }
        router.get("cola") { request, context in try await queue(request, context: context) }
        router.get("consultas/:id") { _, context in try await item(context: context) }
        router.post("consultas/:id/accion") { request, context in try await act(request, context: context) }
        router.post("consultas/:id/revelar") { _, context in try await item(context: context, reveal: true) }
        router.get("bitacora") { _, context in try await auditLog(context: context) }
        router.get("usuarios") { _, context in try await users(context: context) }
        router.post("usuarios") { request, context in try await addUser(request, context: context) }
        router.post("usuarios/:nombre/rol") { request, context in try await changeRole(request, context: context) }
        router.post("usuarios/:nombre/contrasena") { request, context in try await resetPassword(request, context: context) }
        router.post("usuarios/:nombre/tokens") { _, context in try await revokeTokens(context: context) }
    }

    // MARK: - Signing in and out

    struct SignInForm: Decodable {
        var usuario: String?
        var contrasena: String?
        var siguiente: String?
    }

    func signInPage(_ request: Request, context: ServerContext, problem: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        // Signed in already (to change user): the form carries the session's token, as every form does.
        let token = context.identity?.csrfToken ?? request.cookies[SessionCookie.signInCSRF]?.value.nilIfEmpty ?? QueueService.randomSecret()
        var data: [String: Any] = ["csrf": token, "siguiente": Self.safeNext(request.uri.queryParameters["siguiente"].map(String.init))]
        if let problem { data["problema"] = problem }
        if try await service.users().isEmpty { data["sinUsuarios"] = true }
        var response = pages.page("ingresar", title: "Iniciar sesión", data: data, identity: nil, status: status)
        response.setCookie(
            SessionCookie.make(name: SessionCookie.signInCSRF, value: token, maxAge: 3600, secure: SessionCookie.isSecure(request, configuration: server.configuration)))
        return response
    }

    func signIn(_ request: Request, context: ServerContext) async throws -> Response {
        var request = request
        let form = try await RequestBodies.form(SignInForm.self, &request, context: context)
        let previous = request.cookies[SessionCookie.name]?.value.nilIfEmpty
        do {
            let session = try await service.signIn(
                name: form.usuario ?? "", password: form.contrasena ?? "", clientAddress: context.remoteAddress, replacing: previous, at: server.clock())
            var response = Reply.redirect(to: Self.safeNext(form.siguiente))
            response.setCookie(sessionCookie(session.id, request))
            return response
        } catch let error as QueueError where error.kind == .authenticationFailed || error.kind == .throttled {
            var response = try await signInPage(request, context: context, problem: error.description, status: ServerError.status(of: error))
            if let wait = error.retryAfterSeconds { response.headers[.retryAfter] = String(wait) }
            return response
        }
    }

    func signOut(_ request: Request, context: ServerContext) async throws -> Response {
        if case .session(let id, _)? = context.identity?.credential { try await service.signOut(sessionID: id) }
        var response = Reply.redirect(to: Self.signInPath)
        response.setCookie(SessionCookie.make(name: SessionCookie.name, value: "", maxAge: 0, secure: SessionCookie.isSecure(request, configuration: server.configuration)))
        return response
    }

    func sessionCookie(_ id: String, _ request: Request) -> Cookie {
        SessionCookie.make(
            name: SessionCookie.name, value: id, maxAge: service.policy.credentials.sessionLifetimeSeconds,
            secure: SessionCookie.isSecure(request, configuration: server.configuration))
    }

    struct PasswordForm: Decodable {
        var actual: String?
        var nueva: String?
        var confirmacion: String?
    }

    func changePassword(_ request: Request, context: ServerContext) async throws -> Response {
        let identity = try context.requireUser()
        var request = request
        let form = try await RequestBodies.form(PasswordForm.self, &request, context: context)
        let name = identity.user.name
        do {
            guard let new = form.nueva, new == form.confirmacion else {
                throw QueueError(.invalidInput, "la contraseña nueva y su confirmación no coinciden")
            }
            try await service.setPassword(new, for: name, by: name, currentPassword: form.actual ?? "", at: server.clock())
            // Changing it ended every session, this one too: sign in again with the new one.
            let session = try await service.signIn(name: name, password: new, clientAddress: context.remoteAddress, at: server.clock())
            let fresh = Identity(user: session.user, credential: .session(id: session.id, session.session))
            var response = pages.page("contrasena", title: "Cambiar contraseña", data: ["aviso": "Contraseña cambiada."], identity: fresh)
            response.setCookie(sessionCookie(session.id, request))
            return response
        } catch let error as QueueError where error.kind == .invalidInput || error.kind == .authenticationFailed {
            return pages.page(
                "contrasena", title: "Cambiar contraseña", data: ["problema": error.description], identity: identity, status: .unprocessableContent)
        }
    }

    // MARK: - Reviewing and submitting a draft

    struct DraftForm: Decodable {
        var texto: String?
        var red: String?
        var respuesta_a: String?
        var multimedia: String?
        var pregunta: String?
        var area: String?

        var media: [String] { (multimedia ?? "").split(whereSeparator: \.isNewline).map(String.init) }

        /// The draft as a file would hold it: browsers send a text area's line breaks as CRLF, and
        /// the approval covers the exact bytes `criterio lint` later reads.
        var text: String { (texto ?? "").replacingOccurrences(of: "\r\n", with: "\n") }
    }

    static func draftForm(_ form: DraftForm) -> [String: Any] {
        let networks = Network.allCases.map { ["clave": $0.rawValue, "nombre": $0.displayName, "elegida": $0.rawValue == form.red] as [String: Any] }
        return [
            "texto": form.text, "red": form.red ?? "", "redes": networks, "respuesta_a": form.respuesta_a ?? "", "multimedia": form.multimedia ?? "",
            "pregunta": form.pregunta ?? "", "area": form.area ?? "",
        ]
    }

    func review(_ request: Request, context: ServerContext) async throws -> Response {
        let identity = try context.requireUser()
        var request = request
        let form = try await RequestBodies.form(DraftForm.self, &request, context: context)
        var data = Self.draftForm(form)
        do {
            let file = try linting.lint(text: form.text, network: form.red, replyTo: form.respuesta_a, media: form.media)
            data["resultado"] = Self.findings(file, redact: true)
        } catch let error as ServerError {
            data["problema"] = error.message
        }
        return pages.page("revisar", title: "Revisar un borrador", data: data, identity: identity)
    }

    /// The highlighted text and the reasons panel of a linted draft.
    static func findings(_ file: FileReport, redact: Bool) -> [String: Any] {
        let presented = file.presented(redact: redact)
        let counts = LintReport(files: [file]).summary
        let pieces = HighlightedText(file, redact: redact).pieces.map { piece -> [String: Any] in
            var item: [String: Any] = ["texto": piece.text]
            if let severity = piece.severity {
                item["marca"] = true
                item["severidad"] = severity.rawValue
                item["numeros"] = piece.findings.map(String.init).joined(separator: ", ")
                item["titulo"] = piece.findings.map { number in
                    let finding = presented[number - 1]
                    return "\(number). \(finding.ruleID) (\(finding.finding.criterion.description)): \(finding.message)"
                }.joined(separator: "\n")
            }
            return item
        }
        let reasons = presented.enumerated().map { index, item -> [String: Any] in
            [
                "numero": index + 1, "regla": item.ruleID, "severidad": item.severity.rawValue, "criterio": item.finding.criterion.description,
                "mensaje": item.message, "extracto": item.excerpt, "linea": item.start.line, "columna": item.start.column,
                "correccion": item.fix ?? "",
            ]
        }
        return [
            "piezas": pieces, "hallazgos": reasons, "ninguno": reasons.isEmpty, "errores": counts[.error] ?? 0,
            "advertencias": counts[.warning] ?? 0, "consultas": counts[.consult] ?? 0, "consulta": (counts[.consult] ?? 0) > 0,
        ]
    }

    func submit(_ request: Request, context: ServerContext) async throws -> Response {
        let identity = try context.requireUser()
        var request = request
        let form = try await RequestBodies.form(DraftForm.self, &request, context: context)
        do {
            let file = try linting.lint(text: form.text, network: form.red, replyTo: form.respuesta_a, media: form.media)
            let outcome = try await service.submit(
                Submission(file, question: form.pregunta ?? "", area: form.area?.nilIfEmpty), by: identity.user.name, at: server.clock())
            await server.deliverNotifications()
            return Reply.redirect(to: "/consultas/\(outcome.consultation.id)")
        } catch let error as QueueError where error.kind == .invalidInput || error.kind == .forbidden {
            var data = Self.draftForm(form)
            data["problema"] = error.description
            if let file = try? linting.lint(text: form.text, network: form.red, replyTo: form.respuesta_a, media: form.media) {
                data["resultado"] = Self.findings(file, redact: true)
            }
            return pages.page("revisar", title: "Revisar un borrador", data: data, identity: identity, status: ServerError.status(of: error))
        }
    }

    // MARK: - Lists

    func mine(context: ServerContext) async throws -> Response {
        let identity = try context.requireUser()
        let user = identity.user
        let query = user.role == .admin ? ConsultationQuery() : ConsultationQuery(submitter: user.name)
        let now = server.clock()
        let items = try await service.list(query, as: user.name)
        let rows = Self.urgent(items, now: now).map { row($0, now: now) }
        return pages.page(
            "mis-consultas", title: "Mis consultas", data: ["consultas": rows, "vacia": rows.isEmpty, "area": user.area ?? ""], identity: identity)
    }

    /// Overdue first, then by deadline; items without a running clock last, newest first.
    static func urgent(_ items: [Consultation], now: Date) -> [Consultation] {
        items.sorted { a, b in
            let (ka, kb) = (a.isOverdue(at: now), b.isOverdue(at: now))
            if ka != kb { return ka }
            switch (a.state.clockRuns ? a.dueAt : nil, b.state.clockRuns ? b.dueAt : nil) {
            case let (x?, y?): return x != y ? x < y : a.id < b.id
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return a.updatedAt != b.updatedAt ? a.updatedAt > b.updatedAt : a.id > b.id
            }
        }
    }

    struct QueueFilter {
        var estado: String?
        var area: String?
        var regla: String?
        var reclamante: String?
    }

    func queue(_ request: Request, context: ServerContext) async throws -> Response {
        let identity = try context.requireUser()
        guard identity.user.role.reviews else {
            throw ServerError(.forbidden, "la cola de la CNCS es para revisoras y supervisoras; tus consultas están en «Mis consultas»")
        }
        let parameters = request.uri.queryParameters
        let filter = QueueFilter(
            estado: parameters["estado"].map(String.init)?.nilIfEmpty, area: parameters["area"].map(String.init)?.nilIfEmpty,
            regla: parameters["regla"].map(String.init)?.nilIfEmpty, reclamante: parameters["reclamante"].map(String.init)?.nilIfEmpty)
        var query = ConsultationQuery(states: [.pending, .inReview, .changesRequested], area: filter.area)
        if let estado = filter.estado {
            guard let state = ConsultationState(name: estado) else { throw ServerError(.unprocessableContent, "estado desconocido «\(estado)»") }
            query.states = [state]
        }
        let now = server.clock()
        var items = try await service.list(query, as: identity.user.name)
        if let reviewer = filter.reclamante { items = items.filter { $0.claim?.reviewer == reviewer } }
        if let rule = filter.regla {
            var kept: [Consultation] = []
            for item in items {
                let detail = try await service.detail(of: item.id, as: identity.user.name)
                if detail.revisions.last?.findings.contains(where: { $0.rule == rule }) == true { kept.append(item) }
            }
            items = kept
        }
        // Grouped by submitter, the group with the most urgent item first.
        var groups: [(submitter: String, items: [Consultation])] = []
        for item in Self.urgent(items, now: now) {
            if let index = groups.firstIndex(where: { $0.submitter == item.submitter }) {
                groups[index].items.append(item)
            } else {
                groups.append((item.submitter, [item]))
            }
        }
        let all = try await service.list(ConsultationQuery(states: [.pending, .inReview, .changesRequested]), as: identity.user.name)
        let states = [ConsultationState.pending, .inReview, .changesRequested].map {
            ["clave": $0.rawValue, "nombre": $0.label, "elegido": $0.rawValue == filter.estado] as [String: Any]
        }
        let data: [String: Any] = [
            "grupos": groups.map { ["remitente": $0.submitter, "consultas": $0.items.map { row($0, now: now) }] as [String: Any] },
            "vacia": groups.isEmpty, "estados": states,
            "areas": Set(all.map(\.area)).sorted().map { ["nombre": $0, "elegida": $0 == filter.area] as [String: Any] },
            "reclamantes": Set(all.compactMap(\.claim?.reviewer)).sorted().map { ["nombre": $0, "elegido": $0 == filter.reclamante] as [String: Any] },
            "regla": filter.regla ?? "", "total": items.count,
        ]
        return pages.page("cola", title: "Cola de la CNCS", data: data, identity: identity)
    }

    /// One consultation as a row of a list, with its countdown.
    func row(_ c: Consultation, now: Date) -> [String: Any] {
        var row: [String: Any] = [
            "id": c.id, "estado": c.state.label, "estadoClave": c.state.rawValue, "area": c.area, "remitente": c.submitter,
            "borrador": c.draftPath, "pregunta": c.question, "enviada": pages.local(c.submittedAt),
        ]
        row.merge(countdown(c, now: now)) { $1 }
        if let claim = c.claim, c.state == .inReview { row["reclamo"] = "\(claim.reviewer) hasta \(pages.local(claim.expiresAt))" }
        if let decision = c.decision { row["respuesta"] = decision.comment }
        return row
    }

    /// Time left, coloured by urgency: more than half the time (holgada), under 20 % (urgente),
    /// between (media), overdue (vencida); a stopped clock (changes requested) says so.
    func countdown(_ c: Consultation, now: Date) -> [String: Any] {
        let clock = service.policy.clock
        if c.state == .changesRequested {
            let left = c.remainingSeconds.map { ", quedarán \(DurationText.string(seconds: $0))" } ?? ""
            return ["urgencia": "detenida", "restante": "reloj detenido mientras se hacen los cambios\(left)"]
        }
        guard c.state.clockRuns, let due = c.dueAt else { return ["urgencia": "terminada", "restante": ""] }
        var data: [String: Any] = ["vence": pages.local(due)]
        // The script counts down in calendar time only, from the server's "now" (which demos may move).
        if clock is CalendarClock { data["cuenta"] = ["venceISO": Timestamp.string(due), "ahoraISO": Timestamp.string(now)] }
        if c.isOverdue(at: now) {
            data["urgencia"] = "vencida"
            data["restante"] = "venció hace \(DurationText.string(seconds: Int(now.timeIntervalSince(due))))"
            return data
        }
        let left = clock.countedSeconds(from: now, to: due)
        let share = Double(left) / Double(max(1, service.policy.responseSeconds))
        data["urgencia"] = share > 0.5 ? "holgada" : share < 0.2 ? "urgente" : "media"
        data["restante"] = "faltan \(DurationText.string(seconds: left))"
        return data
    }

    // MARK: - An item

    func item(context: ServerContext, reveal: Bool = false, notice: String? = nil, conflict: String? = nil, status: HTTPResponse.Status = .ok)
        async throws -> Response
    {
        let identity = try context.requireUser()
        let id = try APIRoutes.id(context)
        let detail =
            reveal
            ? try await service.reveal(id, by: identity.user.name, at: server.clock())
            : try await service.detail(of: id, as: identity.user.name)
        let c = detail.consultation
        let user = identity.user
        let now = server.clock()
        var data = row(c, now: now)
        data["version"] = c.version
        data["revision"] = c.revision
        data["hash"] = c.contentHash
        data["revelado"] = reveal
        if let notice { data["aviso"] = notice }
        if let conflict { data["conflicto"] = conflict }
        if c.state == .expired { data["alternativa"] = FallbackText.forPersonWhoAsked }
        if let decision = c.decision {
            data["decision"] = ["quien": decision.reviewer, "cuando": pages.local(decision.at), "comentario": decision.comment, "accion": decision.action.verb]
        }
        if let revision = detail.revisions.last, let file = try? linting.lint(text: revision.draftText, network: nil, replyTo: nil, media: nil) {
            data["resultado"] = Self.findings(file, redact: !reveal)
        }
        if detail.revisions.count > 1 {
            let old = detail.revisions[detail.revisions.count - 2]
            let new = detail.revisions[detail.revisions.count - 1]
            data["diferencias"] = [
                "de": old.number, "a": new.number,
                "lineas": Self.lineDifference(from: linting.redactedText(of: old), to: linting.redactedText(of: new)),
            ] as [String: Any]
        }
        data["historial"] = detail.history.map { entry -> [String: Any] in
            [
                "cuando": pages.local(entry.at), "quien": entry.actor, "que": QueueAction.label(forEvent: entry.event),
                "motivo": entry.reason ?? "", "secuencia": entry.sequence,
            ]
        }
        let reviews = user.role.reviews && user.name != c.submitter
        let mine = c.claim?.reviewer == user.name && c.state == .inReview
        data["puedeReclamar"] = reviews && c.state == .pending
        data["puedeLiberar"] = c.state == .inReview && (mine || user.role == .supervisor)
        data["puedeDecidir"] = reviews && mine
        data["puedeReabrir"] = user.role == .supervisor && c.state.isFinished
        data["puedeRetirar"] = !c.state.isFinished && (user.name == c.submitter || (user.role == .admin && user.area == c.area) || user.role == .supervisor)
        return pages.page("consulta", title: "Consulta \(c.id)", data: data, identity: identity, status: status)
    }

    /// Line by line: kept, removed and added lines, in order.
    static func lineDifference(from old: String, to new: String) -> [[String: Any]] {
        let a = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let difference = b.difference(from: a)
        var removed = Set<Int>()
        var inserted = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        var lines: [[String: Any]] = []
        var (i, j) = (0, 0)
        while i < a.count || j < b.count {
            if i < a.count, removed.contains(i) {
                lines.append(["tipo": "quitada", "signo": "−", "texto": a[i]])
                i += 1
            } else if j < b.count, inserted.contains(j) {
                lines.append(["tipo": "agregada", "signo": "+", "texto": b[j]])
                j += 1
            } else {
                if j < b.count { lines.append(["tipo": "igual", "signo": " ", "texto": b[j]]) }
                i += 1
                j += 1
            }
        }
        return lines
    }

    struct ActionForm: Decodable {
        var accion: String?
        var version: String?
        var comentario: String?
        var confirmar: String?
    }

    func act(_ request: Request, context: ServerContext) async throws -> Response {
        let identity = try context.requireUser()
        let id = try APIRoutes.id(context)
        var request = request
        let form = try await RequestBodies.form(ActionForm.self, &request, context: context)
        guard let name = form.accion, let action = Self.actions[name] else {
            throw ServerError(.unprocessableContent, "acción desconocida «\(form.accion ?? "")»")
        }
        guard let version = form.version.flatMap(Int.init) else { throw ServerError(.unprocessableContent, "falta la versión que viste") }
        do {
            if action == .reject || action == .reopen, form.confirmar != "si" {
                throw QueueError(.invalidInput, "marca la casilla de confirmación para \(action.verb) la consulta")
            }
            _ = try await service.perform(action, on: id, by: identity.user.name, expectedVersion: version, comment: form.comentario, at: server.clock())
            await server.deliverNotifications()
            return Reply.redirect(to: "/consultas/\(id)")
        } catch let error as QueueError where [.versionConflict, .claimConflict, .invalidTransition].contains(error.kind) {
            return try await item(context: context, conflict: error.description, status: .conflict)
        } catch let error as QueueError where error.kind == .invalidInput {
            return try await item(context: context, notice: error.description, status: .unprocessableContent)
        }
    }

    // MARK: - Audit log and users

    func auditLog(context: ServerContext) async throws -> Response {
        let identity = try context.requireUser()
        let entries = try await service.auditLog(of: nil, as: identity.user.name)
        var data: [String: Any] = [
            "entradas": entries.reversed().map { entry -> [String: Any] in
                [
                    "secuencia": entry.sequence, "cuando": pages.local(entry.at), "quien": entry.actor, "que": QueueAction.label(forEvent: entry.event),
                    "consulta": entry.consultationID.map { "#\($0)" } ?? "", "consultaID": entry.consultationID.map(String.init) ?? "", "motivo": entry.reason ?? "",
                    "huella": String(entry.hash.prefix(16)),
                ]
            }
        ]
        if identity.user.role.reviews {
            let verification = QueueJSON.verification(try await service.verifyAudit(as: identity.user.name))
            data["verificacion"] = ["integra": verification.intact, "mensaje": verification.message, "cabeza": verification.lastHash ?? "—"] as [String: Any]
        }
        return pages.page("bitacora", title: "Bitácora", data: data, identity: identity)
    }

    func users(context: ServerContext, notice: String? = nil, problem: String? = nil, secret: String? = nil, status: HTTPResponse.Status = .ok)
        async throws -> Response
    {
        let identity = try context.requireUser()
        let users = try await service.users(as: identity.user.name)
        var rows: [[String: Any]] = []
        for user in users {
            let tokens = try await service.apiTokens(of: user.name, as: identity.user.name)
            rows.append([
                "nombre": user.name, "rol": user.role.rawValue, "rolNombre": user.role.label, "area": user.area ?? "", "correo": user.email ?? "",
                "tokens": tokens.count,
                "roles": Role.allCases.map { ["clave": $0.rawValue, "nombre": $0.label, "elegido": $0 == user.role] as [String: Any] },
            ])
        }
        var data: [String: Any] = ["usuarios": rows, "roles": Role.allCases.map { ["clave": $0.rawValue, "nombre": $0.label] }]
        if let notice { data["aviso"] = notice }
        if let problem { data["problema"] = problem }
        return pages.page("usuarios", title: "Usuarios", data: data, identity: identity, status: status)
    }

    struct UserForm: Decodable {
        var nombre: String?
        var rol: String?
        var area: String?
        var correo: String?
        var contrasena: String?
    }

    /// Runs a supervisor's change and shows the users page again, with what happened.
    func userChange(_ context: ServerContext, _ body: () async throws -> String) async throws -> Response {
        // The users page is the supervisors': anyone else is refused before anything changes.
        _ = try await service.users(as: try context.requireUser().user.name)
        do {
            return try await users(context: context, notice: try await body())
        } catch let error as QueueError where error.kind == .invalidInput {
            return try await users(context: context, problem: error.description, status: .unprocessableContent)
        }
    }

    func addUser(_ request: Request, context: ServerContext) async throws -> Response {
        let identity = try context.requireUser()
        var request = request
        let form = try await RequestBodies.form(UserForm.self, &request, context: context)
        return try await userChange(context) {
            guard let role = Role(rawValue: form.rol ?? "") else { throw QueueError(.invalidInput, "elige un rol") }
            let user = try await service.addUser(
                name: form.nombre ?? "", role: role, area: form.area, email: form.correo, by: identity.user.name, at: server.clock())
            if let password = form.contrasena?.nilIfEmpty {
                try await service.setPassword(password, for: user.name, by: identity.user.name, at: server.clock())
            }
            return "Usuario \(user.name) agregado como \(user.role.label)."
        }
    }

    func changeRole(_ request: Request, context: ServerContext) async throws -> Response {
        let identity = try context.requireUser()
        let name = context.parameters.get("nombre") ?? ""
        var request = request
        let form = try await RequestBodies.form(UserForm.self, &request, context: context)
        return try await userChange(context) {
            guard let role = Role(rawValue: form.rol ?? "") else { throw QueueError(.invalidInput, "elige un rol") }
            var user = try await service.changeRole(of: name, to: role, area: form.area, by: identity.user.name, at: server.clock())
            if role == .admin, let area = form.area?.nilIfEmpty, area != user.area {
                user = try await service.changeArea(of: name, to: area, by: identity.user.name, at: server.clock())
            }
            return "\(user.name) es ahora \(user.role.label)\(user.area.map { " del área \($0)" } ?? "")."
        }
    }

    func resetPassword(_ request: Request, context: ServerContext) async throws -> Response {
        let identity = try context.requireUser()
        let name = context.parameters.get("nombre") ?? ""
        var request = request
        let form = try await RequestBodies.form(UserForm.self, &request, context: context)
        return try await userChange(context) {
            try await service.setPassword(form.contrasena ?? "", for: name, by: identity.user.name, at: server.clock())
            return "Contraseña de \(name) cambiada; sus sesiones se cerraron."
        }
    }

    func revokeTokens(context: ServerContext) async throws -> Response {
        let identity = try context.requireUser()
        let name = context.parameters.get("nombre") ?? ""
        return try await userChange(context) {
            let count = try await service.revokeAllAPITokens(of: name, by: identity.user.name, at: server.clock())
            return "\(count) token\(count == 1 ? "" : "s") de \(name) revocado\(count == 1 ? "" : "s")."
        }
    }

    // MARK: - Helpers

    /// A local path to go to after signing in; anything else (another site, `//host`) goes home.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\"), next != signInPath,
            !next.contains(where: { $0.isNewline || $0 == "\\" })
        else { return "/" }
        return next.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "/"
    }

    /// The style sheet and the script, from the module's resources, cached for an hour.
    static func asset(_ name: String) throws -> Response {
        let types = ["estilo.css": "text/css; charset=utf-8", "criterio.js": "text/javascript; charset=utf-8"]
        guard let type = types[name], let url = Bundle.module.resourceURL?.appendingPathComponent("Static/" + name),
            let data = FileManager.default.contents(atPath: url.path)
        else { throw ServerError.notFound }
        var response = Reply.raw(data, contentType: type)
        response.headers[.cacheControl] = "public, max-age=3600"
        return response
    }
}

extension String {
    var nilIfEmpty: String? { trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : self }
}
