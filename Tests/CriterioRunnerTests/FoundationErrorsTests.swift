import CriterioFoundation
import Foundation
import Testing

/// What Foundation says in English must reach people in Spanish.
@Suite("Errores de Foundation en español")
struct FoundationErrorsTests {
    /// Words of Foundation's English messages that must never show.
    static let english = ["The ", "doesn’t", "doesn't", "couldn’t", "NSCocoaErrorDomain", "operation", "Invalid", "around character", "JSON text", "Error"]

    static func isSpanish(_ message: String) -> Bool {
        !english.contains { message.contains($0) }
    }

    @Test func realFileErrorsAreSaidInSpanish() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("a.txt", "x")
        var messages: [String] = []
        func record(_ body: () throws -> Void) {
            do { try body() } catch { messages.append(FoundationErrors.message(for: error)) }
        }
        record { _ = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/no-existe.txt")) }
        record { try Data("x".utf8).write(to: URL(fileURLWithPath: folder.path + "/no/existe/b.txt"), options: .atomic) }
        record { _ = try Data(contentsOf: URL(fileURLWithPath: folder.path)) }
        record { try FileManager.default.createDirectory(atPath: file + "/sub", withIntermediateDirectories: true) }
        record { _ = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/no-existe") }
        record {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: folder.path + "/no-existe")
            try process.run()
        }
        #expect(messages.count == 6)
        #expect(messages.filter { $0 == "no existe el archivo o la carpeta" }.count >= 3, "\(messages)")
        #expect(messages.contains("es una carpeta, no un archivo"), "\(messages)")
        for message in messages { #expect(Self.isSpanish(message), "\(message)") }
    }

    @Test func cocoaAndPOSIXCodesHaveSpanishWords() {
        #expect(FoundationErrors.describe(CocoaError(.fileWriteOutOfSpace)) == "no queda espacio en el disco")
        #expect(FoundationErrors.describe(CocoaError(.fileWriteNoPermission)) == "no hay permiso")
        #expect(FoundationErrors.describe(CocoaError(.fileWriteUnknown)) == "no se pudo escribir")
        #expect(FoundationErrors.describe(CocoaError(.fileWriteVolumeReadOnly)) == "el sistema de archivos es de solo lectura")
        #expect(FoundationErrors.describe(POSIXError(.EIO)) == "error de lectura o escritura en el disco")
        for code in [ENOENT, EACCES, EISDIR, ENOTDIR, ENOSPC, EROFS, ELOOP, ENAMETOOLONG, EIO, EMFILE, 9999] {
            #expect(Self.isSpanish(FoundationErrors.posix(code)) && !FoundationErrors.posix(code).isEmpty)
        }
    }

    @Test(arguments: [
        ("", "el archivo termina antes de cerrar el JSON", nil),
        ("hola", "valor inválido", 0),
        ("\"hola\"", "el texto no empieza con un objeto", nil),
        ("{\"a\": 01}", "un número no puede empezar con cero", 7),
        ("{\"a\": \"\\x\"}", "secuencia de escape inválida", 7),
        ("{\"a\": \"\\uD800\"}", "falta la segunda mitad de un par sustituto", nil),
        ("{\"a\": \"b\nc\"}", "carácter de control sin escapar", 8),
        (String(repeating: "[", count: 600) + String(repeating: "]", count: 600), "demasiados niveles", 513),
    ] as [(String, String, Int?)])
    func jsonParseErrorsAreSaidInSpanishWithTheirOffset(input: String, expected: String, offset: Int?) throws {
        let error = #expect(throws: (any Error).self) { _ = try JSONSerialization.jsonObject(with: Data(input.utf8)) }
        let problem = try FoundationErrors.json(#require(error))
        #expect(problem.message.contains(expected), "\(problem.message)")
        #expect(problem.offset == offset)
        #expect(Self.isSpanish(problem.message))
    }

    struct Settings: Decodable {
        let hours: Double
        let names: [String]
        let inner: Inner
        struct Inner: Decodable {
            let url: String
            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                url = try container.decode(String.self, forKey: .url)
                guard url.hasPrefix("https://") else { throw DecodingError.spanish("debe empezar con https://", forKey: .url, in: container) }
            }
            enum CodingKeys: String, CodingKey { case url }
        }
    }

    @Test(arguments: [
        (#"{"hours": "x", "names": [], "inner": {"url": "https://a"}}"#, "config.hours: el valor no es un número"),
        (#"{"hours": 1, "names": ["a", 2], "inner": {"url": "https://a"}}"#, "config.names[1]: el valor no es un texto"),
        (#"{"hours": 1, "names": [], "inner": {}}"#, "config.inner.url: falta este campo"),
        (#"{"hours": 1, "names": [], "inner": {"url": "http://a"}}"#, "config.inner.url: debe empezar con https://"),
        (#"{"hours": 1, "names": [], "inner": {"url": null}}"#, "config.inner.url: falta el valor (se esperaba un texto)"),
        (#"{"hours": 1,"#, "config: JSON inválido"),
    ])
    func decodingErrorsNameWhereAndWhat(json: String, expected: String) {
        let error = #expect(throws: DecodingError.self) { _ = try JSONDecoder().decode(Settings.self, from: Data(json.utf8)) }
        #expect(error.map { FoundationErrors.describe($0, root: "config") } == expected)
    }

    @Test func criterioWritesJSONOneWay() throws {
        struct Document: Encodable {
            let zeta = 1
            let alfa = "https://ine.mx/a"
        }
        #expect(JSONOutput.string(Document(), .compact) == #"{"alfa":"https://ine.mx/a","zeta":1}"#)
        #expect(JSONOutput.document(Document()) == "{\n  \"alfa\" : \"https://ine.mx/a\",\n  \"zeta\" : 1\n}\n")
    }
}
