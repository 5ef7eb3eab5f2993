import CriterioCore
import CriterioQueue
import CriterioReporters
import CriterioRunner
import Foundation
import Hummingbird

/// The JSON API under `/api/v1` (SPEC §8), described by `openapi.json`. Each route reads its
/// input, calls the queue service or the linter, and answers with the JSON of the command line's
/// `--format json`; refusals become statuses in `ErrorResponseMiddleware`.
struct APIRoutes: Sendable {
    let server: CriterioServer
    var service: QueueService { server.service }

    /// The actions of `POST /api/v1/consultations/{id}/ACTION`, by their path segment.
    static let actions: [(segment: String, action: QueueAction)] = [
        ("claim", .claim), ("release", .release), ("approve", .approve), ("reject", .reject), ("request-changes", .requestChanges),
        ("reopen", .reopen), ("withdraw", .withdraw),
    ]

    func add(to router: Router<ServerContext>) {
        router.get("healthz") { _, _ in try await health() }
        router.get("metrics") { _, _ in
            Reply.raw(try await server.metrics.scrape(store: service.store, now: server.clock()), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
        let api = router.group("api/v1")
        api.get("openapi.json") { _, _ in Reply.raw(OpenAPIDocument.bytes, contentType: Reply.jsonType) }
        api.post("lint") { request, context in
            _ = try context.requireUser()
            let body = try await RequestBodies.json(LintBody.self, request, context: context)
            let file = try DraftLinting(setup: server.lint).lint(text: body.text, network: body.network, replyTo: body.replyTo, media: body.media)
            return Reply.json(JSONReporter.singleFile(file, options: ReportOptions()))
        }
        api.get("consultations") { request, context in
            let identity = try context.requireUser()
            let now = server.clock()
            let parameters = request.uri.queryParameters
            let query = try Self.query({ parameters[Substring($0)].map(String.init) }, now: now)
            guard let key = ListAnswers.key(user: identity.user.name, query: query) else {
                return Reply.raw(QueueJSON.items(try await service.list(query, as: identity.user.name), now: now), contentType: Reply.jsonType)
            }
            // Read with the credential, before the list (a change in between makes the kept answer stale, never wrong).
            var head = identity.auditHead
            if head == nil { head = try await service.auditHead() }
            if let kept = server.listAnswers.answer(for: key, head: head, at: now) { return Reply.raw(kept, contentType: Reply.jsonType) }
            let items = try await service.list(query, as: identity.user.name)
            let body = ByteBuffer(bytes: QueueJSON.items(items, now: now))
            server.listAnswers.keep(body, listing: items, for: key, head: head, at: now)
            return Reply.raw(body, contentType: Reply.jsonType)
        }
        api.post("consultations") { request, context in
            let identity = try context.requireUser()
            let body = try await RequestBodies.json(SubmitBody.self, request, context: context)
            let file = try DraftLinting(setup: server.lint).lint(text: body.text, network: body.network, replyTo: nil, media: body.media)
            let outcome = try await service.submit(
                Submission(file, question: body.question, area: body.area), by: identity.user.name, at: server.clock())
            await server.deliverNotifications()
            var response = Reply.json(QueueJSON.item(outcome.consultation, now: server.clock()), status: .created)
            response.headers[.location] = "/api/v1/consultations/\(outcome.consultation.id)"
            return response
        }
        api.get("consultations/:id") { _, context in
            let identity = try context.requireUser()
            let detail = try await service.detail(of: try Self.id(context), as: identity.user.name)
            let linting = DraftLinting(setup: server.lint)
            return Reply.json(QueueJSON.detail(detail, now: server.clock()) { linting.redactedText(of: $0) })
        }
        for (segment, action) in Self.actions {
            api.post(RouterPath("consultations/:id/\(segment)")) { request, context in
                let identity = try context.requireUser()
                let id = try Self.id(context)
                let body = try await RequestBodies.json(ActionBody.self, request, context: context)
                let outcome = try await service.perform(
                    action, on: id, by: identity.user.name, expectedVersion: body.version, comment: body.comment, at: server.clock())
                await server.deliverNotifications()
                return Reply.json(QueueJSON.item(outcome.consultation, now: server.clock()))
            }
        }
        api.get("audit") { request, context in
            let identity = try context.requireUser()
            var id: Int64?
            if let text = request.uri.queryParameters["consultation"] {
                guard let value = Int64(text) else { throw ServerError(.unprocessableContent, "consultation debe ser un número de consulta") }
                id = value
            }
            return Reply.json(try await service.auditLog(of: id, as: identity.user.name).map(QueueJSON.entry))
        }
        api.get("audit/verify") { _, context in
            let identity = try context.requireUser()
            return Reply.json(QueueJSON.verification(try await service.verifyAudit(as: identity.user.name)))
        }
        api.get("users") { _, context in
            let identity = try context.requireUser()
            return Reply.json(try await service.users(as: identity.user.name).map(QueueJSON.user))
        }
        api.post("users") { request, context in
            let identity = try context.requireUser()
            let body = try await RequestBodies.json(UserBody.self, request, context: context)
            guard let role = Role(rawValue: body.role.lowercased()) else {
                throw ServerError(.unprocessableContent, "rol desconocido «\(body.role)»; los roles son: admin, cncs, supervisor")
            }
            let user = try await service.addUser(
                name: body.name, role: role, area: body.area, email: body.email, by: identity.user.name, at: server.clock())
            return Reply.json(QueueJSON.user(user), status: .created)
        }
    }

    /// Liveness and whether the store answers.
    func health() async throws -> Response {
        struct Health: Encodable {
            let status: String
            let store: String
        }
        do {
            _ = try await service.store.read { try await $0.auditHead() }
            return Reply.json(Health(status: "ok", store: "ok"))
        } catch {
            return Reply.json(Health(status: "error", store: "la base de datos de la cola no responde"), status: .serviceUnavailable)
        }
    }

    static func id(_ context: ServerContext) throws -> Int64 {
        guard let text = context.parameters.get("id"), let id = Int64(text), id > 0 else { throw ServerError.notFound }
        return id
    }

    /// `?status=pending,in_review&area=…&overdue=true`.
    static func query(_ parameters: (String) -> String?, now: Date) throws -> ConsultationQuery {
        var query = ConsultationQuery()
        if let status = parameters("status"), !status.isEmpty {
            var states = Set<ConsultationState>()
            for name in status.split(separator: ",") {
                guard let state = ConsultationState(name: String(name)) else {
                    let known = ConsultationState.allCases.map(\.rawValue).joined(separator: ", ")
                    throw ServerError(.unprocessableContent, "estado desconocido «\(name)»; los estados son: \(known)")
                }
                states.insert(state)
            }
            query.states = states
        }
        if let area = parameters("area"), !area.isEmpty { query.area = area }
        switch parameters("overdue").map({ $0.lowercased() }) {
        case nil, "", "false": break
        case "true":
            query.dueAtOrBefore = now
            query.states = (query.states ?? [.pending, .inReview]).filter(\.clockRuns)
        case let other?: throw ServerError(.unprocessableContent, "overdue debe ser true o false, no «\(other)»")
        }
        return query
    }
}

struct LintBody: APIBody {
    let text: String
    let network: String?
    let replyTo: String?
    let media: [String]?
    static let fields: Set<String> = ["text", "network", "reply_to", "media"]
    enum CodingKeys: String, CodingKey {
        case text, network, media
        case replyTo = "reply_to"
    }
}

struct SubmitBody: APIBody {
    let text: String
    let question: String
    let area: String?
    let network: String?
    let media: [String]?
    static let fields: Set<String> = ["text", "question", "area", "network", "media"]
}

struct ActionBody: APIBody {
    let version: Int
    let comment: String?
    static let fields: Set<String> = ["version", "comment"]
}

struct UserBody: APIBody {
    let name: String
    let role: String
    let area: String?
    let email: String?
    static let fields: Set<String> = ["name", "role", "area", "email"]
}
