import Foundation
import Testing

@testable import CriterioQueue

/// The stores' instants: the arithmetic spelling must say exactly what Foundation's calendar and
/// parser say (the audit chain hashes these texts), and leave every other text to them.
@Suite("instantes de la cola")
struct TimestampTests {
    @Test func theArithmeticSpellingAgreesWithFoundationsCalendar() throws {
        var generator = SystemRandomNumberGenerator()
        let edges: [Int64] = [
            0, 86_399_999, 951_782_400_000,  // 2000-02-29
            4_107_542_400_000,  // 2100-02-28
            4_107_628_800_000,  // 2100-03-01
            253_402_300_799_999,  // 9999-12-31T23:59:59.999Z
        ]
        let random = (0..<2_000).map { _ in Int64.random(in: 0...4_102_444_800_000, using: &generator) }
        for milliseconds in edges + random {
            let expected = Timestamp.calendarString(milliseconds: milliseconds)
            let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
            #expect(Timestamp.string(date) == expected)
            #expect(Timestamp.parse(expected) == Timestamp.foundationParse(expected), "\(expected)")
            #expect(Timestamp.parse(expected).map(Timestamp.string) == expected)
        }
    }

    @Test func impossibleDatesAreNotReadAsRealOnes() {
        for text in [
            "2023-02-29T10:00:00.000Z", "2026-13-01T10:00:00.000Z", "2026-04-31T10:00:00.000Z", "2026-11-23T24:00:00.000Z",
            "2026-11-23T10:60:00.000Z", "2026-11-23T10:00:61.000Z", "2026-11-2310:00:00.000Z", "2026-11-23T10:00:00.0a0Z",
        ] {
            #expect(CanonicalSpelling.milliseconds(text) == nil, "\(text)")
            #expect(Timestamp.parse(text) == Timestamp.foundationParse(text), "\(text)")
        }
    }

    @Test func otherSpellingsStillGoThroughTheGeneralParser() {
        #expect(Timestamp.string(Timestamp.parse("2026-11-23T10:00:00-06:00")!) == "2026-11-23T16:00:00.000Z")
        #expect(Timestamp.string(Timestamp.parse(" 2026-11-23T16:00:00.5Z ")!) == "2026-11-23T16:00:00.500Z")
        #expect(Timestamp.parse("2026-11-23T10:00:00Z basura") == nil)
        #expect(Timestamp.string(.distantPast) == Timestamp.calendarString(milliseconds: Timestamp.milliseconds(.distantPast)))
    }
}
