import CriterioQueue
import CriterioQueueSQLite
import Foundation
import Hummingbird
import HummingbirdTesting
import ServiceLifecycle
import Testing

@testable import CriterioServer

/// A browser's client: keeps the cookies the server sets and reads the CSRF token off each page.
final class Browser: @unchecked Sendable {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    var csrf: String?

    init(_ client: any TestClientProtocol) { self.client = client }

    @discardableResult
    func get(_ uri: String) async throws -> TestResponse {
        try remember(await client.execute(uri: uri, method: .get, headers: cookieHeader()))
    }

    @discardableResult
    func post(_ uri: String, _ fields: [(String, String)], csrf: Bool = true) async throws -> TestResponse {
        let fields = csrf ? fields + [("csrf", self.csrf ?? "")] : fields
        return try remember(await client.execute(uri: uri, method: .post, headers: .form(cookieHeader()), body: formBody(fields)))
    }

    func signIn(_ name: String, password: String = ServerFixture.password) async throws -> TestResponse {
        try await get("/ingresar")
        let response = try await post("/ingresar", [("usuario", name), ("contrasena", password), ("siguiente", "/revisar")])
        // As a browser does: follow the redirect (whose page carries the new session's CSRF token).
        if response.status == .seeOther, let location = response.headers[.location] { try await get(location) }
        return response
    }

    private func cookieHeader() -> HTTPFields {
        cookies.isEmpty ? [:] : [.cookie: cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")]
    }

    private func remember(_ response: TestResponse) -> TestResponse {
        for name in [SessionCookie.name, SessionCookie.signInCSRF] {
            if let value = response.cookie(name) { cookies[name] = value.isEmpty ? nil : value }
        }
        if let token = response.csrfField { csrf = token }
        return response
    }
}

@Suite struct PageTests {
    @Test func signingInSetsAFreshHttpOnlySessionCookieAndEndsThePreviousOne() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            let browser = Browser(client)
            let first = try await browser.signIn("ana")
            #expect(first.status == .seeOther)
            #expect(first.headers[.location] == "/revisar")
            let header = try #require(first.headers[values: .setCookie].first { $0.hasPrefix(SessionCookie.name + "=") })
            #expect(header.contains("HttpOnly"))
            #expect(header.contains("SameSite=Lax"))
            #expect(!header.contains("Secure"))
            let old = try #require(browser.cookies[SessionCookie.name])
            // Signing in again with the old cookie: a new id, and the old one no longer works.
            let second = try await browser.signIn("ana")
            let new = try #require(second.cookie(SessionCookie.name))
            #expect(new != old)
            let stale = try await client.execute(uri: "/revisar", method: .get, headers: [.cookie: "\(SessionCookie.name)=\(old)"])
            #expect(stale.status == .seeOther)
            #expect(stale.headers[.location]?.hasPrefix("/ingresar") == true)
            // A planted id is never adopted: the server always makes its own.
            let planted = try await client.execute(
                uri: "/ingresar", method: .post, headers: .form([.cookie: "\(SessionCookie.name)=elegido-por-otro; \(SessionCookie.signInCSRF)=t"]),
                body: formBody([("usuario", "ana"), ("contrasena", ServerFixture.password), ("csrf", "t")]))
            #expect(planted.cookie(SessionCookie.name) != "elegido-por-otro")
            // Behind TLS the cookie is Secure.
            let secure = try await client.execute(
                uri: "/ingresar", method: .post,
                headers: .form([.cookie: "\(SessionCookie.signInCSRF)=t", .xForwardedProto: "https"]),
                body: formBody([("usuario", "ana"), ("contrasena", ServerFixture.password), ("csrf", "t")]))
            #expect(secure.headers[values: .setCookie].contains { $0.hasPrefix(SessionCookie.name + "=") && $0.contains("Secure") })
            // Signing out ends the session.
            let out = try await browser.post("/salir", [])
            #expect(out.status == .seeOther)
            let after = try await client.execute(uri: "/revisar", method: .get, headers: [.cookie: "\(SessionCookie.name)=\(new)"])
            #expect(after.status == .seeOther)
        }
    }

    @Test func stateChangesWithACookieNeedTheSessionsCSRFToken() async throws {
        let fixture = try await ServerFixture()
        let session = try await fixture.session("rita")
        let cookie: HTTPFields = [.cookie: "\(SessionCookie.name)=\(session.id)"]
        let item = try await fixture.submit()
        try await fixture.test { client in
            let noToken = try await client.execute(
                uri: "/api/v1/consultations/\(item.id)/claim", method: .post, headers: .json(cookie), body: jsonBody(["version": item.version]))
            #expect(noToken.status == .forbidden)
            #expect(((noToken.json as? [String: Any])?["message"] as? String)?.contains("CSRF") == true)
            var wrong = cookie
            wrong[.xCSRFToken] = "otro"
            let wrongToken = try await client.execute(
                uri: "/api/v1/consultations/\(item.id)/claim", method: .post, headers: .json(wrong), body: jsonBody(["version": item.version]))
            #expect(wrongToken.status == .forbidden)
            let form = try await client.execute(
                uri: "/consultas/\(item.id)/accion", method: .post, headers: .form(cookie),
                body: formBody([("accion", "reclamar"), ("version", String(item.version))]))
            #expect(form.status == .forbidden)
            #expect(try await fixture.service.detail(of: item.id, as: "rita").consultation.state == .pending)
            // The sign-in form without its cookie's token is refused too.
            let signIn = try await client.execute(
                uri: "/ingresar", method: .post, headers: .form(), body: formBody([("usuario", "rita"), ("contrasena", ServerFixture.password)]))
            #expect(signIn.status == .forbidden)
            var right = cookie
            right[.xCSRFToken] = session.session.csrfToken
            let ok = try await client.execute(
                uri: "/api/v1/consultations/\(item.id)/claim", method: .post, headers: .json(right), body: jsonBody(["version": item.version]))
            #expect(ok.status == .ok)
        }
    }

    @Test func repeatedFailedSignInsAreSlowedDown() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            let browser = Browser(client)
            for _ in 0..<3 {
                let failed = try await browser.signIn("ana", password: "no-es-la-contraseña")
                #expect(failed.status == .unauthorized)
                #expect(failed.text.contains("usuario o contraseña incorrectos"))
            }
            _ = try await browser.signIn("ana", password: "no-es-la-contraseña")
            let throttled = try await browser.signIn("ana")
            #expect(throttled.status == .tooManyRequests)
            #expect(throttled.headers[.retryAfter] != nil)
            #expect(throttled.text.contains("demasiados intentos fallidos"))
        }
    }

    @Test func aDraftHoldingMarkupRendersAsText() async throws {
        let fixture = try await ServerFixture()
        let hostile = "<script>alert('x')</script> \"comillas\" & <b>negritas</b> PINCHE SISTEMA"
        let item = try await fixture.submit(hostile)
        try await fixture.test { client in
            let browser = Browser(client)
            _ = try await browser.signIn("rita")
            let review = try await browser.post("/revisar", [("texto", hostile)])
            let page = try await browser.get("/consultas/\(item.id)")
            for response in [review, page] {
                #expect(response.status == .ok)
                #expect(!response.text.contains("<script>alert"))
                #expect(!response.text.contains("<b>negritas"))
                #expect(response.text.contains("&lt;script&gt;"))
                #expect(response.text.contains("&lt;/script&gt;"))
            }
            #expect(review.text.contains("<mark class=\"sev-error\""))
        }
    }

    @Test func anAdministratorSubmitsAndAReviewerClaimsAndApprovesThroughThePages() async throws {
        let fixture = try await ServerFixture()
        let text = "En mi opinión, el nuevo módulo de atención ciudadana es lo mejor para todas las personas. #INE"
        try await fixture.test { client in
            let admin = Browser(client)
            _ = try await admin.signIn("ana")
            let review = try await admin.post("/revisar", [("texto", text), ("red", "x")])
            #expect(review.status == .ok)
            #expect(review.text.contains("<mark"))
            #expect(review.text.contains("opinion-personal"))
            #expect(review.text.contains("criterio 6."))
            let submitted = try await admin.post("/consultas", [("texto", text), ("red", "x"), ("pregunta", "¿Lo publico así?")])
            #expect(submitted.status == .seeOther)
            let location = try #require(submitted.headers[.location])
            let mine = try await admin.get("/mis-consultas")
            #expect(mine.text.contains("¿Lo publico así?"))
            #expect(mine.text.contains("urgencia-holgada"))
            #expect(mine.text.contains("faltan 48 h"))

            let reviewer = Browser(client)
            _ = try await reviewer.signIn("rita")
            let queue = try await reviewer.get("/cola")
            #expect(queue.text.contains("href=\"\(location)\""))
            #expect(queue.text.contains("Enviadas por ana"))
            let filtered = try await reviewer.get("/cola?regla=opinion-personal")
            #expect(filtered.text.contains("href=\"\(location)\""))
            let other = try await reviewer.get("/cola?regla=discurso-odio")
            #expect(!other.text.contains("href=\"\(location)\""))
            let item = try await reviewer.get(location)
            #expect(item.text.contains("value=\"reclamar\""))
            let version = try #require(item.text.range(of: #"name="version" value=""#).map { item.text[$0.upperBound...].prefix { $0 != "\"" } })
            let claimed = try await reviewer.post(location + "/accion", [("accion", "reclamar"), ("version", String(version))])
            #expect(claimed.status == .seeOther)
            let decide = try await reviewer.get(location)
            #expect(decide.text.contains("value=\"aprobar\""))
            let newVersion = try #require(decide.text.range(of: #"name="version" value=""#).map { decide.text[$0.upperBound...].prefix { $0 != "\"" } })
            // A stale form is a conflict page with a way to reload, never a stack trace.
            let conflict = try await reviewer.post(
                location + "/accion", [("accion", "aprobar"), ("version", String(version)), ("comentario", "Adelante.")])
            #expect(conflict.status == .conflict)
            #expect(conflict.text.contains("cambió desde la versión"))
            #expect(conflict.text.contains("Recargar la consulta"))
            // Rejecting needs the confirmation box.
            let unconfirmed = try await reviewer.post(
                location + "/accion", [("accion", "rechazar"), ("version", String(newVersion)), ("comentario", "No.")])
            #expect(unconfirmed.status == .unprocessableContent)
            let approved = try await reviewer.post(
                location + "/accion", [("accion", "aprobar"), ("version", String(newVersion)), ("comentario", "Adelante, está bien.")])
            #expect(approved.status == .seeOther)
            let done = try await admin.get(location)
            #expect(done.text.contains("aprobada"))
            #expect(done.text.contains("Adelante, está bien."))
            let log = try await reviewer.get("/bitacora")
            #expect(log.text.contains("bitácora íntegra"))
        }
        let id = Int64(try await fixture.service.list(ConsultationQuery(), as: "sara")[0].id)
        let coverage = try await fixture.service.coverage(ofContent: Array(text.utf8))
        #expect(coverage?.consultation.id == id)
        #expect(coverage?.isApproved == true, "the chain backs the approval made on the page")
    }

    @Test func revealingPersonalDataIsLogged() async throws {
        let fixture = try await ServerFixture()
        let curp = "HEGG560427MVZRRL04"
        let item = try await fixture.submit("La ciudadana con CURP \(curp) pidió informes.")
        try await fixture.test { client in
            let browser = Browser(client)
            _ = try await browser.signIn("rita")
            let hidden = try await browser.get("/consultas/\(item.id)")
            #expect(!hidden.text.contains(curp))
            let shown = try await browser.post("/consultas/\(item.id)/revelar", [])
            #expect(shown.text.contains(curp))
        }
        let history = try await fixture.service.auditLog(of: item.id, as: "sara")
        #expect(history.last?.event == "revealed")
        #expect(history.last?.actor == "rita")
    }

    @Test func aQueueWithoutUsersSaysHowToCreateTheSupervisor() async throws {
        let store = try SQLiteQueueStore.inMemory()
        let server = try CriterioServer(service: QueueService(store: store), lint: ServerFixture.lint)
        let response = try await Application(router: server.makeRouter()).test(.router) { client in
            try await client.execute(uri: "/ingresar", method: .get)
        }
        #expect(response.text.contains("criterio users add NOMBRE --role supervisor"))
    }

    @Test func supervisorsManageUsersFromThePage() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            let browser = Browser(client)
            _ = try await browser.signIn("sara")
            let page = try await browser.get("/usuarios")
            #expect(page.text.contains("beto"))
            let added = try await browser.post("/usuarios", [("nombre", "carla"), ("rol", "admin"), ("area", "prensa"), ("contrasena", "una-contraseña-larga")])
            #expect(added.text.contains("Usuario carla agregado"))
            let refused = try await browser.post("/usuarios", [("nombre", "dora"), ("rol", "admin")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("necesita su área"))
            let revoked = try await browser.post("/usuarios/beto/tokens", [])
            #expect(revoked.text.contains("1 token de beto revocado"))
        }
        #expect(try await fixture.service.user(named: "carla").area == "prensa")
        let carla = try await fixture.service.signIn(name: "carla", password: "una-contraseña-larga", at: ServerFixture.now)
        #expect(carla.user.role == .admin)
    }

    @Test func sigtermDrainsAndStopsTheServerAndTheTicker() async throws {
        let fixture = try await ServerFixture()
        let server = try CriterioServer(
            service: fixture.service, lint: ServerFixture.lint, configuration: ServerConfiguration(port: 0, tickInterval: .seconds(3600)),
            clock: { ServerFixture.now })
        let app = server.makeApplication()
        let group = ServiceGroup(configuration: .init(services: [app], logger: .init(label: "prueba")))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            try await Task.sleep(for: .milliseconds(300))
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }
}
