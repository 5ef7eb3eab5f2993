import CriterioFoundation
import Foundation
import Testing

@Suite("JSONWriter escribe lo que Foundation lee")
struct JSONWriterTests {
    static func written(_ value: String?) -> String {
        var json = JSONWriter()
        json.string(value)
        return String(decoding: json.bytes, as: UTF8.self)
    }

    @Test("Comillas, diagonales invertidas y caracteres de control se escapan; lo demás pasa tal cual")
    func escapes() throws {
        #expect(Self.written("") == "\"\"")
        #expect(Self.written(nil) == "null")
        #expect(Self.written("Mi CURP es HEGG560427MVZRRL04") == "\"Mi CURP es HEGG560427MVZRRL04\"")
        #expect(Self.written("\"hola\"") == "\"\\\"hola\\\"\"")
        #expect(Self.written("a\\b\nc\td\r\u{08}\u{0C}") == "\"a\\\\b\\nc\\td\\r\\b\\f\"")
        #expect(Self.written("\u{00}\u{1F}x\u{07}") == "\"\\u0000\\u001fx\\u0007\"")
        #expect(Self.written("niñas, acción ⚠️ https://ine.mx/a") == "\"niñas, acción ⚠️ https://ine.mx/a\"")

        // Every control character, alone and between text, at the start and at the end, reads back unchanged.
        var samples = (0..<0x20).map { String(UnicodeScalar(UInt8($0))) }
        samples += ["\"", "\\", "ñ\"ñ", "\n\nfin", "inicio\\", "voto \u{1}libre\u{1F} y \"secreto\""]
        for sample in samples {
            let text = Self.written(sample)
            let decoded = try JSONDecoder().decode(String.self, from: Data(text.utf8))
            #expect(decoded == sample, "\(text)")
        }
    }
}
