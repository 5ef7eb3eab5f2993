import Testing
@testable import CriterioRegex

@Suite("PCRE2")
struct RegexPatternTests {
    @Test func findsEveryMatchWithByteOffsets() throws {
        let pattern = try RegexPattern(#"\d{4}"#)
        // "Año" has a two-byte ñ, so the second number starts one byte later than its character index.
        #expect(pattern.matchRanges(in: "Año 2024 y 2025") == [5..<9, 12..<16])
    }

    @Test func wordBoundariesKnowSpanishLetters() throws {
        let pattern = try RegexPattern(#"\bCURP\b"#)
        #expect(pattern.matchRanges(in: "ÁCURP").isEmpty)
        #expect(pattern.matchRanges(in: "la CURP es").count == 1)
    }

    @Test func caseInsensitivityCoversAccentedLetters() throws {
        let pattern = try RegexPattern("información", options: .caseInsensitive)
        #expect(pattern.matchRanges(in: "INFORMACIÓN reservada").count == 1)
    }

    @Test func capturesGroupsByName() throws {
        let pattern = try RegexPattern(#"(?<year>\d{4})-(?<month>\d{2})"#)
        let year = try #require(pattern.groupNumber(named: "year"))
        #expect(pattern.groupNumber(named: "day") == nil)
        let bytes = Array("fecha 2024-06".utf8)
        let scratch = MatchScratch()
        let range = bytes.withUnsafeBufferPointer { buffer in
            pattern.firstMatch(in: buffer, scratch: scratch)?.range(group: year)
        }
        #expect(range == 6..<10)
    }

    @Test func aBadPatternIsAnErrorWithItsOffsetNotACrash() {
        #expect(throws: RegexCompileError.self) { try RegexPattern("(sin cerrar") }
        do {
            _ = try RegexPattern("abc[")
            Issue.record("debió fallar")
        } catch {
            #expect(error.offset == 4)
            #expect(error.description.contains("abc["))
        }
    }

    @Test func emptyMatchesAdvanceOverWholeCharacters() throws {
        let pattern = try RegexPattern("x*")
        // Must terminate and never split the two-byte "ñ".
        let ranges = pattern.matchRanges(in: "ñx")
        #expect(ranges.contains(2..<3))
        #expect(!ranges.contains { $0.lowerBound == 1 })
    }

    @Test func escapedLiteralsMatchThemselves() throws {
        let literal = "ine.mx/(casilla)?"
        let pattern = try RegexPattern(RegexPattern.escape(literal))
        #expect(pattern.matchRanges(in: "ver ine.mx/(casilla)? hoy") == [4..<21])
        #expect(pattern.matchRanges(in: "inexmx/casilla").isEmpty)
    }

    @Test func usesTheJITWhenTheLibraryHasIt() throws {
        #expect(try RegexPattern("a+b").isJITCompiled)
    }
}
