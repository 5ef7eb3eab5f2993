import CriterioFoundation
import Foundation
import Hummingbird
import NIOCore

/// A JSON body the API accepts: its fields, so that a field it does not know is refused rather
/// than silently ignored.
protocol APIBody: Decodable, Sendable {
    static var fields: Set<String> { get }
}

/// Reading request bodies: at most the server's limit (413 beyond it, also when `Content-Length`
/// says so before anything is read), of the content type the route takes (415 otherwise), decoded
/// with Spanish errors (422).
enum RequestBodies {
    static func collect(_ request: inout Request, context: ServerContext) async throws -> ByteBuffer {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > context.maximumBodyBytes {
            throw ServerError.tooLarge
        }
        do {
            return try await request.collectBody(upTo: context.maximumBodyBytes)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw ServerError.tooLarge
        }
    }

    static func isForm(_ request: Request) -> Bool {
        mediaType(request) == "application/x-www-form-urlencoded"
    }

    static func mediaType(_ request: Request) -> String? {
        request.headers[.contentType].map { $0.split(separator: ";")[0].trimmingCharacters(in: .whitespaces).lowercased() }
    }

    /// The JSON body as `T`.
    static func json<T: APIBody>(_ type: T.Type, _ request: Request, context: ServerContext) async throws -> T {
        guard mediaType(request) == "application/json" else { throw ServerError.unsupportedType(expected: "application/json") }
        var request = request
        let buffer = try await collect(&request, context: context)
        let data = Data(buffer.readableBytesView)
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw ServerError(.unprocessableContent, "el cuerpo no es JSON válido: " + FoundationErrors.json(error).message)
        }
        guard let members = object as? [String: Any] else {
            throw ServerError(.unprocessableContent, "el cuerpo debe ser un objeto JSON «{…}»")
        }
        if let unknown = members.keys.sorted().first(where: { !T.fields.contains($0) }) {
            let known = T.fields.sorted().joined(separator: ", ")
            throw ServerError(.unprocessableContent, "campo desconocido «\(unknown)»; los campos son: \(known)")
        }
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw ServerError(.unprocessableContent, FoundationErrors.describe(error))
        }
    }

    /// The form body (`application/x-www-form-urlencoded`) as `T`.
    static func form<T: Decodable>(_ type: T.Type, _ request: inout Request, context: ServerContext) async throws -> T {
        guard isForm(request) else { throw ServerError.unsupportedType(expected: "application/x-www-form-urlencoded") }
        let buffer = try await collect(&request, context: context)
        do {
            return try URLEncodedFormDecoder().decode(T.self, from: String(buffer: buffer))
        } catch let error as DecodingError {
            throw ServerError(.unprocessableContent, FoundationErrors.describe(error))
        } catch {
            throw ServerError(.unprocessableContent, "el formulario no se pudo leer")
        }
    }
}

/// Answers: JSON with the project's encoder, HTML pages, redirects.
enum Reply {
    static let jsonType = "application/json; charset=utf-8"

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        raw(JSONOutput.data(value, .compact), contentType: jsonType, status: status)
    }

    static func raw(_ data: some Sequence<UInt8>, contentType: String, status: HTTPResponse.Status = .ok) -> Response {
        raw(ByteBuffer(bytes: data), contentType: contentType, status: status)
    }

    static func raw(_ buffer: ByteBuffer, contentType: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: contentType], body: .init(byteBuffer: buffer))
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        raw(Array(text.utf8), contentType: "text/html; charset=utf-8", status: status)
    }

    /// 303: after a form, the browser asks for the next page with GET.
    static func redirect(to location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}
