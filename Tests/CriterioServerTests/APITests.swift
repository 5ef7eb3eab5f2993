import CriterioNotifications
import CriterioQueue
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import CriterioServer

/// The JSON API as scripts see it: answers, refusals and their Spanish messages, limits.
@Suite struct APITests {
    @Test func lintAnswersTheFileObjectOfTheJSONFormatWithItsSummary() async throws {
        let fixture = try await ServerFixture()
        let auth = try await fixture.headers(.adminOwn, .token)
        let response = try await fixture.test { client in
            try await client.execute(
                uri: "/api/v1/lint", method: .post, headers: .json(auth),
                body: jsonBody(["text": "MAÑANA TODOS A VOTAR, NO FALTEN NADIE A LA CASILLA", "network": "x", "media": ["foto.png"]]))
        }
        #expect(response.status == .ok)
        let object = try #require(response.json as? [String: Any])
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.contains { $0["rule"] as? String == "mayusculas" && $0["criterion"] as? String == "6.xxvi" })
        #expect(!findings.contains { $0["rule"] as? String == "sin-multimedia" })
        let summary = try #require(object["summary"] as? [String: Int])
        #expect(summary["warning"] ?? 0 >= 1)
        #expect(Set(findings[0].keys).isSuperset(of: ["rule", "kind", "severity", "criterion", "message", "line", "column", "endLine", "endColumn", "excerpt", "fix"]))
    }

    @Test func personalDataIsRedactedInLintAndInAConsultationsText() async throws {
        let fixture = try await ServerFixture()
        let auth = try await fixture.headers(.adminOwn, .token)
        let curp = "HEGG560427MVZRRL04"
        let text = "Escríbele a la ciudadana con CURP \(curp) hoy."
        let lint = try await fixture.test { client in
            try await client.execute(uri: "/api/v1/lint", method: .post, headers: .json(auth), body: jsonBody(["text": text]))
        }
        #expect(lint.status == .ok)
        #expect(!lint.text.contains(curp))
        let item = try await fixture.submit(text)
        let detail = try await fixture.test { client in
            try await client.execute(uri: "/api/v1/consultations/\(item.id)", method: .get, headers: auth)
        }
        #expect(detail.status == .ok)
        #expect(detail.text.contains("Escríbele"))
        #expect(!detail.text.contains(curp))
    }

    @Test func aScriptClearsAConsultationEndToEnd() async throws {
        let fixture = try await ServerFixture()
        let admin = try await fixture.headers(.adminOwn, .token)
        let reviewer = try await fixture.headers(.cncs, .token)
        try await fixture.test { client in
            let created = try await client.execute(
                uri: "/api/v1/consultations", method: .post, headers: .json(admin),
                body: jsonBody(["text": "Creo que mañana es buen día para votar.", "question": "¿Puedo publicarlo?"]))
            #expect(created.status == .created)
            let item = try #require(created.json as? [String: Any])
            let id = try #require(item["id"] as? Int)
            #expect(created.headers[.location] == "/api/v1/consultations/\(id)")
            var version = try #require(item["version"] as? Int)
            let claimed = try await client.execute(
                uri: "/api/v1/consultations/\(id)/claim", method: .post, headers: .json(reviewer), body: jsonBody(["version": version]))
            #expect(claimed.status == .ok)
            version = try #require((claimed.json as? [String: Any])?["version"] as? Int)
            // A stale version is a conflict, with the queue's Spanish sentence.
            let stale = try await client.execute(
                uri: "/api/v1/consultations/\(id)/approve", method: .post, headers: .json(reviewer),
                body: jsonBody(["version": version - 1, "comment": "Adelante."]))
            #expect(stale.status == .conflict)
            #expect(((stale.json as? [String: Any])?["message"] as? String)?.contains("cambió desde la versión") == true)
            let approved = try await client.execute(
                uri: "/api/v1/consultations/\(id)/approve", method: .post, headers: .json(reviewer),
                body: jsonBody(["version": version, "comment": "Adelante."]))
            #expect(approved.status == .ok)
            #expect((approved.json as? [String: Any])?["state"] as? String == "approved")
            let list = try await client.execute(uri: "/api/v1/consultations?status=approved", method: .get, headers: admin)
            #expect((list.json as? [[String: Any]])?.map { $0["id"] as? Int } == [id])
            let none = try await client.execute(uri: "/api/v1/consultations?overdue=true", method: .get, headers: admin)
            #expect((none.json as? [Any])?.isEmpty == true)
            let audit = try await client.execute(uri: "/api/v1/audit?consultation=\(id)", method: .get, headers: admin)
            #expect((audit.json as? [[String: Any]])?.map { $0["event"] as? String } == ["submitted", "claimed", "approved"])
            let verify = try await client.execute(uri: "/api/v1/audit/verify", method: .get, headers: reviewer)
            #expect((verify.json as? [String: Any])?["intact"] as? Bool == true)
        }
    }

    @Test func badRequestsGetTheirStatusAndASpanishMessage() async throws {
        let fixture = try await ServerFixture(maximumBodyBytes: 1 << 20)
        let auth = try await fixture.headers(.supervisor, .token)
        let cases: [(HTTPFields, ByteBuffer, Int, String)] = [
            (.json(auth), ByteBuffer(string: "{\"text\": "), 422, "JSON"),
            (.json(auth), ByteBuffer(string: "[1, 2]"), 422, "objeto"),
            (.json(auth), jsonBody(["text": 3]), 422, "text"),
            (.json(auth), jsonBody(["texto": "hola"]), 422, "campo desconocido «texto»"),
            (.json(auth), jsonBody([:]), 422, "falta"),
            (.json(auth), jsonBody(["text": "hola", "network": "myspace"]), 422, "red desconocida"),
            ([.contentType: "text/plain", .authorization: auth[.authorization]!], ByteBuffer(string: "hola"), 415, "application/json"),
            (.json(auth), ByteBuffer(repeating: UInt8(ascii: "a"), count: (1 << 20) + 1), 413, "1 MiB"),
        ]
        try await fixture.test { client in
            for (headers, body, status, words) in cases {
                let response = try await client.execute(uri: "/api/v1/lint", method: .post, headers: headers, body: body)
                #expect(Int(response.status.code) == status, "\(response.text)")
                let message = (response.json as? [String: Any])?["message"] as? String ?? ""
                #expect(message.contains(words), "«\(message)» no dice «\(words)»")
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            }
            let unknown = try await client.execute(uri: "/api/v1/consultations/999", method: .get, headers: auth)
            #expect(unknown.status == .notFound)
            #expect(((unknown.json as? [String: Any])?["message"] as? String)?.contains("no existe la consulta 999") == true)
            let badState = try await client.execute(uri: "/api/v1/consultations?status=aprobadisima", method: .get, headers: auth)
            #expect(badState.status == .unprocessableContent)
            let badToken = try await client.execute(uri: "/api/v1/consultations", method: .get, headers: [.authorization: "Bearer crt_falso"])
            #expect(badToken.status == .unauthorized)
            #expect(((badToken.json as? [String: Any])?["message"] as? String)?.contains("token") == true)
        }
    }

    @Test func healthAndMetricsTellTheQueue() async throws {
        let fixture = try await ServerFixture()
        try await fixture.submit()
        try await fixture.test { client in
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok)
            #expect((health.json as? [String: String])?["store"] == "ok")
            _ = try await client.execute(uri: "/api/v1/consultations", method: .get)
            let metrics = try await client.execute(uri: "/metrics", method: .get)
            #expect(metrics.status == .ok)
            #expect(metrics.text.contains(#"criterio_consultations{state="pending"} 1"#))
            #expect(metrics.text.contains("criterio_consultations_overdue 0"))
            #expect(metrics.text.contains(#"criterio_http_requests_total{route="/api/v1/consultations",method="GET",status="401"} 1"#))
            #expect(metrics.text.contains("criterio_http_request_duration_seconds_bucket"))
            #expect(metrics.text.contains("criterio_time_to_decision_seconds_count 0"))
        }
    }

    @Test func theOpenAPIDocumentDescribesExactlyTheRoutesOfTheRouter() async throws {
        let fixture = try await ServerFixture()
        let response = try await fixture.test { client in try await client.execute(uri: "/api/v1/openapi.json", method: .get) }
        let document = try #require(response.json as? [String: Any])
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        var described = Set<String>()
        for (path, operations) in paths {
            for method in operations.keys where ["get", "post", "put", "patch", "delete"].contains(method) {
                described.insert("\(method.uppercased()) \(path)")
            }
        }
        let routed = Set(
            fixture.server.makeRouter().routes.filter { ErrorResponseMiddleware.isMachinePath($0.path.description) }.map { "\($0.method) \($0.path)" })
        #expect(routed.subtracting(described).sorted() == [], "rutas que el documento no describe")
        #expect(described.subtracting(routed).sorted() == [], "operaciones del documento sin ruta")
    }

    @Test func everyAnswerCarriesTheSecurityHeaders() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            for uri in ["/ingresar", "/api/v1/consultations", "/no-existe", "/healthz"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true, "\(uri)")
                #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
                #expect(response.headers[.xFrameOptions] == "DENY")
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                #expect(response.headers[.referrerPolicy] != nil)
            }
            let missing = try await client.execute(uri: "/api/v1/no-existe", method: .get)
            #expect(missing.status == .notFound)
            #expect(((missing.json as? [String: Any])?["message"] as? String)?.contains("no existe") == true)
        }
    }

    @Test func theTickerExpiresOverdueItemsItself() async throws {
        let fixture = try await ServerFixture()
        let item = try await fixture.submit()
        let later = ServerFixture.now.addingTimeInterval(49 * 3600)
        let ticker = Ticker(
            service: fixture.service, deliverer: .init(store: fixture.service.store, settings: .init()), interval: .seconds(1),
            clock: { later }, logger: .init(label: "prueba"))
        await ticker.round()
        let after = try await fixture.service.detail(of: item.id, as: "sara").consultation
        #expect(after.state == .expired)
    }
}
