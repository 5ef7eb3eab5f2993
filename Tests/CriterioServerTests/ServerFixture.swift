import CriterioConfig
import CriterioQueue
import CriterioQueueSQLite
import CriterioRunner
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import CriterioServer

/// Who a request in a test speaks as: nobody, or one of the fixture's users.
enum Principal: String, CaseIterable, Sendable {
    case anonymous
    /// An administrator of the item's area (and its submitter).
    case adminOwn
    /// An administrator of another area.
    case adminOther
    case cncs
    case supervisor

    var userName: String? {
        switch self {
        case .anonymous: nil
        case .adminOwn: "ana"
        case .adminOther: "beto"
        case .cncs: "rita"
        case .supervisor: "sara"
        }
    }
}

/// How a signed-in principal proves it: the browser's cookie (with its CSRF token) or an API token.
enum Credential: String, CaseIterable, Sendable {
    case cookie, token
}

/// A server over an in-memory SQLite queue with four users (passwords and tokens set) and the
/// clock fixed, the linter as `criterio lint` builds it with no `.criterio.yml`.
struct ServerFixture: Sendable {
    static let password = "contraseña-de-prueba-12"
    static let now = Timestamp.parse("2026-11-23T10:00:00-06:00")!
    static let area = "comunicacion"

    let service: QueueService
    let server: CriterioServer
    let tokens: [String: String]

    static let lint: LintSetup = try! LintSetup(configuration: Configuration())

    init(credentials: CredentialPolicy = CredentialPolicy(bcryptCost: 4), maximumBodyBytes: Int = 1 << 20) async throws {
        let store = try SQLiteQueueStore.inMemory()
        service = QueueService(store: store, policy: QueuePolicy(credentials: credentials))
        let now = Self.now
        try await service.addUser(name: "sara", role: .supervisor, area: nil, email: nil, by: nil, at: now)
        try await service.addUser(name: "ana", role: .admin, area: Self.area, email: nil, by: "sara", at: now)
        try await service.addUser(name: "beto", role: .admin, area: "otra", email: nil, by: "sara", at: now)
        try await service.addUser(name: "rita", role: .cncs, area: nil, email: nil, by: "sara", at: now)
        var tokens: [String: String] = [:]
        for name in ["sara", "ana", "beto", "rita"] {
            try await service.setPassword(Self.password, for: name, by: "sara", at: now)
            tokens[name] = try await service.createAPIToken(for: name, by: "sara", at: now).secret
        }
        self.tokens = tokens
        server = try CriterioServer(
            service: service, lint: Self.lint, configuration: ServerConfiguration(maximumBodyBytes: maximumBodyBytes), clock: { now })
    }

    /// A consultation of the fixture's area, submitted by `ana`.
    @discardableResult
    func submit(_ text: String = "Mañana abrimos el módulo de atención ciudadana. Creo que es lo mejor.") async throws -> Consultation {
        let file = try DraftLinting(setup: Self.lint).lint(text: text, network: nil, replyTo: nil, media: nil)
        return try await service.submit(Submission(file, question: "¿Se puede publicar?", area: nil), by: "ana", at: Self.now).consultation
    }

    func perform(_ action: QueueAction, _ id: Int64, by name: String, comment: String? = nil) async throws -> Consultation {
        try await service.perform(action, on: id, by: name, expectedVersion: nil, comment: comment, at: Self.now).consultation
    }

    /// A session for `name`, as signing in opens one.
    func session(_ name: String) async throws -> NewSession {
        try await service.signIn(name: name, password: Self.password, at: Self.now)
    }

    /// Headers that authenticate `principal` with `credential` (a cookie also brings its CSRF token).
    func headers(_ principal: Principal, _ credential: Credential) async throws -> HTTPFields {
        guard let name = principal.userName else { return [:] }
        switch credential {
        case .token:
            return [.authorization: "Bearer \(tokens[name]!)"]
        case .cookie:
            let session = try await session(name)
            return [.cookie: "\(SessionCookie.name)=\(session.id)", .xCSRFToken: session.session.csrfToken]
        }
    }

    func test<T: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        let app = Application(router: server.makeRouter())
        return try await app.test(.router) { client in try await body(client) }
    }
}

extension HTTPFields {
    static func json(_ extra: HTTPFields = [:]) -> HTTPFields {
        var fields: HTTPFields = [.contentType: "application/json"]
        fields.append(contentsOf: extra)
        return fields
    }

    static func form(_ extra: HTTPFields = [:]) -> HTTPFields {
        var fields: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        fields.append(contentsOf: extra)
        return fields
    }
}

/// `a=1&b=2`, percent-encoded.
func formBody(_ fields: [(String, String)]) -> ByteBuffer {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    let text = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(separator: "&")
    return ByteBuffer(string: text)
}

func jsonBody(_ object: [String: Any]) -> ByteBuffer {
    ByteBuffer(bytes: try! JSONSerialization.data(withJSONObject: object))
}

extension TestResponse {
    var text: String { String(buffer: body) }

    var json: Any? { try? JSONSerialization.jsonObject(with: Data(text.utf8)) }

    /// The value of the cookie `name` this answer sets.
    func cookie(_ name: String) -> String? {
        for header in headers[values: .setCookie] {
            let first = header.split(separator: ";")[0]
            let parts = first.split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0] == name { return String(parts[1]) }
            if parts.count == 1, parts[0] == name { return "" }
        }
        return nil
    }

    /// The first `csrf` hidden field of a page.
    var csrfField: String? {
        guard let range = text.range(of: #"name="csrf" value=""#) else { return nil }
        return String(text[range.upperBound...].prefix { $0 != "\"" })
    }
}
