@testable import CriterioArchives
import Foundation
import Testing

@Suite("Líneas JSON sin JSONDecoder")
struct JSONLineFastPathTests {
    static let lines = [
        #"{"id": 1, "text": "Hola \u00e1 \ud83d\ude00 \"q\" \\ \/ \n\t fin", "created_at": "2024-03-01T10:00:00Z", "media": 2}"#,
        #"{"id": -0, "texto": "Mi CURP", "fecha": 1709290000, "multimedia": "a.jpg", "cuenta": "INEMexico", "red": "twitter"}"#,
        #"{"id": "x", "text": null, "texto": "segundo", "media": null, "multimedia": ["b.png", "c.mp4"]}"#,
        #"{"id": true, "text": "verdadero", "reply_to": false, "otro": null, "n": -12}"#,
        #"  {"text": "espacios", "media": [], "media_extra": "x"}   "#,
        #"{"text":"x","account":"A","network":"facebook","created_at":"2024-05-01 10:00","reply_to":12345,"id_str":"9"}"#,
        #"{"text": "\u0041\u00F1o \u20AC", "id": "01", "media": ""}"#,
        #"{}"#,
    ]
    /// Lines the fast path leaves to the decoder (which accepts some and explains the rest).
    static let declined = [
        #"{"id": 1.5, "text": "fracción"}"#, #"{"id": "dup", "text": "uno", "text": "dos"}"#,
        #"{"text": "anidado", "extra": {"a": [1, 2]}}"#, #"{"id": 99999999999999999999, "text": "grande"}"#,
        #"{"text": "escape malo \x"}"#, #"{"text": "sustituto \ud83d solo"}"#, #"{"text": 5}"#, "[1,2]", #"{"text": "sin cerrar""#,
        #"{"text": "coma final",}"#, #"{"text": "negativa", "media": -1}"#, #"{"text": "lista rara", "media": [1]}"#,
        "{\"text\": \"tab\tliteral\"}", #"{"text": "x"} basura"#, #"{"id": 01, "text": "cero"}"#, #"{"media": true, "text": "x"}"#,
    ]

    @Test func readsWhatTheDecoderReads() throws {
        for line in Self.lines {
            let fast = try #require(line.utf8.withContiguousStorageIfAvailable { JSONLineFastPath.parse(UnsafeRawBufferPointer($0)) } ?? nil, "\(line)")
            let decoded = try JSONDecoder().decode(JSONLinePost.self, from: Data(line.utf8))
            #expect(fast.id == decoded.id && fast.text == decoded.text && fast.createdAt == decoded.createdAt, "\(line)")
            #expect(fast.media == decoded.media && fast.account == decoded.account, "\(line)")
            #expect(fast.network == decoded.network && fast.replyTo == decoded.replyTo, "\(line)")
        }
    }

    @Test func leavesEverythingElseToTheDecoder() {
        for line in Self.declined {
            let bytes = Array(line.utf8)
            #expect(bytes.withUnsafeBytes(JSONLineFastPath.parse) == nil, "\(line)")
        }
        // Bytes that are not UTF-8 are the decoder's to explain too.
        let latin1: [UInt8] = Array(#"{"text": "latin1 "#.utf8) + [0xE1, UInt8(ascii: "\""), UInt8(ascii: "}")]
        #expect(latin1.withUnsafeBytes(JSONLineFastPath.parse) == nil)
    }
}
