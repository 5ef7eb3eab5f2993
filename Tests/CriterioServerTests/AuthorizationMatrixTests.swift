import CriterioQueue
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import CriterioServer

/// Every route of the router × every principal × both credentials → the status expected. The cases
/// come from the router's own table: a route with no entry here, or an entry for a route that is
/// gone, fails the test.
@Suite struct AuthorizationMatrixTests {
    /// What one case sends: the state to set up first, then the request.
    struct Case: Sendable {
        var prepare: @Sendable (ServerFixture, Principal) async throws -> (uri: String, body: ByteBuffer?, headers: HTTPFields)
        /// Expected status per principal; `signedIn` fills every signed-in principal at once.
        var expected: [Principal: Int]
    }

    static func all(_ anonymous: Int, _ signedIn: Int, except: [Principal: Int] = [:]) -> [Principal: Int] {
        var result: [Principal: Int] = [.anonymous: anonymous]
        for principal in Principal.allCases where principal != .anonymous { result[principal] = signedIn }
        return result.merging(except) { $1 }
    }

    static func get(_ uri: String, _ expected: [Principal: Int]) -> Case {
        Case(prepare: { _, _ in (uri, nil, [:]) }, expected: expected)
    }

    static func getItem(_ path: @escaping @Sendable (Int64) -> String, _ expected: [Principal: Int]) -> Case {
        Case(prepare: { fixture, _ in (path(try await fixture.submit().id), nil, [:]) }, expected: expected)
    }

    static func api(_ uri: String, _ body: [String: any Sendable], _ expected: [Principal: Int]) -> Case {
        Case(prepare: { _, _ in (uri, jsonBody(body), .json()) }, expected: expected)
    }

    static func form(_ uri: String, _ fields: [(String, String)], _ expected: [Principal: Int]) -> Case {
        Case(prepare: { _, _ in (uri, formBody(fields), .form()) }, expected: expected)
    }

    /// An item in the state an action needs: pending; claimed by `rita` (or by the acting reviewer
    /// when it decides); approved.
    enum Stage: Sendable { case pending, claimedByRita, claimedByActor, approved }

    static func stage(_ fixture: ServerFixture, _ principal: Principal, _ stage: Stage) async throws -> Consultation {
        let item = try await fixture.submit()
        switch stage {
        case .pending: return item
        case .claimedByRita: return try await fixture.perform(.claim, item.id, by: "rita")
        case .claimedByActor:
            let reviewer = principal == .supervisor ? "sara" : "rita"
            return try await fixture.perform(.claim, item.id, by: reviewer)
        case .approved:
            _ = try await fixture.perform(.claim, item.id, by: "rita")
            return try await fixture.perform(.approve, item.id, by: "rita", comment: "Adelante.")
        }
    }

    static func apiAction(_ segment: String, _ stage: Stage, comment: Bool, _ expected: [Principal: Int]) -> Case {
        Case(
            prepare: { fixture, principal in
                let item = try await Self.stage(fixture, principal, stage)
                var body: [String: any Sendable] = ["version": item.version]
                if comment { body["comment"] = "Motivo de la prueba." }
                return ("/api/v1/consultations/\(item.id)/\(segment)", jsonBody(body), .json())
            }, expected: expected)
    }

    static let reviewers = all(401, 403, except: [.cncs: 200, .supervisor: 200])
    static let supervisors = all(401, 403, except: [.supervisor: 200])
    static let ownArea = all(401, 200, except: [.adminOther: 404])
    static let ownAreaPage = all(303, 200, except: [.adminOther: 404])
    static let signedInPage = all(303, 200)

    /// "METHOD /path" as the router spells it → the case.
    static let cases: [String: Case] = [
        "GET /healthz": get("/healthz", all(200, 200)),
        "GET /metrics": get("/metrics", all(200, 200)),
        "GET /api/v1/openapi.json": get("/api/v1/openapi.json", all(200, 200)),
        "POST /api/v1/lint": api("/api/v1/lint", ["text": "Hola a todas las personas."], all(401, 200)),
        "GET /api/v1/consultations": get("/api/v1/consultations", all(401, 200)),
        "POST /api/v1/consultations": api(
            "/api/v1/consultations", ["text": "Un texto nuevo para la consulta.", "question": "¿Se puede?", "area": ServerFixture.area],
            all(401, 201, except: [.adminOther: 403])),
        "GET /api/v1/consultations/{id}": getItem({ "/api/v1/consultations/\($0)" }, ownArea),
        "POST /api/v1/consultations/{id}/claim": apiAction("claim", .pending, comment: false, reviewers),
        "POST /api/v1/consultations/{id}/release": apiAction("release", .claimedByRita, comment: false, reviewers),
        "POST /api/v1/consultations/{id}/approve": apiAction("approve", .claimedByActor, comment: true, reviewers),
        "POST /api/v1/consultations/{id}/reject": apiAction("reject", .claimedByActor, comment: true, reviewers),
        "POST /api/v1/consultations/{id}/request-changes": apiAction("request-changes", .claimedByActor, comment: true, reviewers),
        "POST /api/v1/consultations/{id}/reopen": apiAction("reopen", .approved, comment: true, supervisors),
        "POST /api/v1/consultations/{id}/withdraw": apiAction(
            "withdraw", .pending, comment: false, all(401, 200, except: [.adminOther: 404, .cncs: 403])),
        "GET /api/v1/audit": get("/api/v1/audit", all(401, 200)),
        "GET /api/v1/audit/verify": get("/api/v1/audit/verify", reviewers),
        "GET /api/v1/users": get("/api/v1/users", supervisors),
        "POST /api/v1/users": api("/api/v1/users", ["name": "nueva", "role": "cncs"], all(401, 403, except: [.supervisor: 201])),
        // Pages: a page that needs a session sends an anonymous browser to sign in (303).
        "GET /": get("/", all(303, 303)),
        "GET /estatico/{archivo}": get("/estatico/estilo.css", all(200, 200)),
        "GET /ingresar": get("/ingresar", all(200, 200)),
        "POST /ingresar": Case(
            prepare: { fixture, principal in
                let name = principal.userName ?? "sara"
                return (
                    "/ingresar", formBody([("usuario", name), ("contrasena", ServerFixture.password), ("csrf", "pre"), ("siguiente", "/revisar")]),
                    .form([.cookie: "\(SessionCookie.signInCSRF)=pre"])
                )
            }, expected: all(303, 303)),
        "POST /salir": form("/salir", [], all(303, 303)),
        "GET /contrasena": get("/contrasena", signedInPage),
        "POST /contrasena": form(
            "/contrasena",
            [("actual", ServerFixture.password), ("nueva", "otra-contraseña-larga"), ("confirmacion", "otra-contraseña-larga")], all(401, 200)),
        "GET /revisar": get("/revisar", signedInPage),
        "POST /revisar": form("/revisar", [("texto", "Hola a todas las personas.")], all(401, 200)),
        "POST /consultas": form(
            "/consultas", [("texto", "Un texto nuevo para la consulta."), ("pregunta", "¿Se puede?"), ("area", ServerFixture.area)],
            all(401, 303, except: [.adminOther: 403])),
        "GET /mis-consultas": get("/mis-consultas", signedInPage),
        "GET /cola": get("/cola", all(303, 403, except: [.cncs: 200, .supervisor: 200])),
        "GET /consultas/{id}": getItem({ "/consultas/\($0)" }, ownAreaPage),
        "POST /consultas/{id}/accion": Case(
            prepare: { fixture, _ in
                let item = try await fixture.submit()
                return ("/consultas/\(item.id)/accion", formBody([("accion", "reclamar"), ("version", String(item.version))]), .form())
            }, expected: all(401, 403, except: [.cncs: 303, .supervisor: 303])),
        "POST /consultas/{id}/revelar": Case(
            prepare: { fixture, _ in ("/consultas/\(try await fixture.submit().id)/revelar", formBody([]), .form()) }, expected: ownArea),
        "GET /bitacora": get("/bitacora", signedInPage),
        "GET /usuarios": get("/usuarios", all(303, 403, except: [.supervisor: 200])),
        "POST /usuarios": form("/usuarios", [("nombre", "nueva"), ("rol", "cncs")], supervisors),
        "POST /usuarios/{nombre}/rol": form("/usuarios/beto/rol", [("rol", "admin"), ("area", "tercera")], supervisors),
        "POST /usuarios/{nombre}/contrasena": form("/usuarios/beto/contrasena", [("contrasena", "nueva-contraseña-larga")], supervisors),
        "POST /usuarios/{nombre}/tokens": form("/usuarios/beto/tokens", [], supervisors),
    ]

    @Test func everyRouteHasACaseAndEveryCaseARoute() async throws {
        let fixture = try await ServerFixture()
        let routes = Set(fixture.server.makeRouter().routes.map { "\($0.method) \($0.path)" })
        #expect(routes.subtracting(Self.cases.keys).sorted() == [], "rutas sin caso en la matriz")
        #expect(Set(Self.cases.keys).subtracting(routes).sorted() == [], "casos sin ruta")
    }

    @Test(arguments: cases.keys.sorted())
    func route(_ key: String) async throws {
        let entry = try #require(Self.cases[key])
        let method = HTTPRequest.Method(String(key.split(separator: " ")[0]))!
        for principal in Principal.allCases {
            for credential in principal == .anonymous ? [Credential.cookie] : Credential.allCases {
                let fixture = try await ServerFixture()
                let (uri, body, extra) = try await entry.prepare(fixture, principal)
                var headers = extra
                let auth = try await fixture.headers(principal, credential)
                for field in auth {
                    if field.name == .cookie, let existing = headers[.cookie] {
                        headers[.cookie] = existing + "; " + field.value
                    } else {
                        headers.append(field)
                    }
                }
                let sent = headers
                let response = try await fixture.test { client in
                    try await client.execute(uri: uri, method: method, headers: sent, body: body)
                }
                let expected = try #require(entry.expected[principal])
                #expect(
                    Int(response.status.code) == expected,
                    "\(key) como \(principal) con \(credential): \(response.status.code), se esperaba \(expected): \(response.text.prefix(300))")
            }
        }
    }
}
