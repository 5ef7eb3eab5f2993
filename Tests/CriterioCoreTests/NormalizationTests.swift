import CriterioCore
import CriterioDrafts
import CriterioRules
import CriterioRunner
import CriterioWordlists
import Testing

/// SPEC §2: text is normalised once, before any rule, so that nothing invisible or look-alike hides
/// a finding, and every finding still points at the original file.
@Suite("Normalización del texto")
struct NormalizationTests {
    static let linter = try! Linter(ruleTypes: BuiltInRules.all, wordlists: BundledWordlists(), spellers: Lint.spellers)

    static func findings(_ text: String, path: String = "a.md", rule: String? = nil) throws -> (Draft, [Finding]) {
        let draft = try DraftParser.parse(text, path: path, format: DraftFormat(path: path) ?? .markdown)
        let found = linter.lint(draft).filter { rule == nil || $0.ruleID == rule }
        return (draft, found)
    }

    /// The column, in the original text, of the character that starts `needle` (columns count scalars).
    static func column(of needle: String, in text: String) -> Int {
        let prefix = text.components(separatedBy: needle)[0]
        let lastLine = prefix.split(separator: "\n", omittingEmptySubsequences: false).last ?? ""
        return lastLine.unicodeScalars.count + 1
    }

    static let invisibles: [(String, String)] = [
        ("espacio de ancho cero", "\u{200B}"), ("unión de ancho cero", "\u{200D}"), ("no unión de ancho cero", "\u{200C}"),
        ("guion suave", "\u{00AD}"), ("unión de palabras", "\u{2060}"), ("marca de orden de bytes", "\u{FEFF}"),
        ("marca de izquierda a derecha", "\u{200E}"), ("sobrescritura de derecha a izquierda", "\u{202E}"),
        ("aislamiento", "\u{2066}"), ("selector de variante", "\u{FE0F}"), ("acento combinado", "\u{0301}"),
        ("marca combinada sobre dígito", "\u{0331}"),
    ]

    @Test("Un carácter invisible dentro de una CURP no la oculta", arguments: invisibles)
    func invisibleCharactersDoNotHideACURP(name: String, character: String) throws {
        let text = "Felicidades. Su CURP es HEGG5604\(character)27MVZ\(character)RRL04 y ya.\n"
        let (draft, found) = try Self.findings(text, rule: "datos-personales")
        let curp = try #require(found.first { $0.kind == "curp" }, "\(name): \(found)")
        #expect(curp.severity == .error)
        // The position is the original file's, and the finding covers the invisible characters in it.
        #expect(draft.position(of: curp.range.lowerBound) == SourcePosition(line: 1, column: Self.column(of: "HEGG", in: text)))
        let end = draft.positions(of: curp.range).end
        #expect(end == SourcePosition(line: 1, column: Self.column(of: " y ya", in: text)), "\(name)")
    }

    @Test func positionsAfterInvisibleCharactersAreTheOriginalFile() throws {
        let text = "\u{200B}\u{200B}Hola.\n\u{FEFF}\u{2060}Mi CURP: HEGG560427MVZRRL04\n"
        let (draft, found) = try Self.findings(text, rule: "datos-personales")
        let curp = try #require(found.first)
        // Line 2, after two invisible characters and "Mi CURP: ": column 12 of the file.
        #expect(draft.position(of: curp.range.lowerBound) == SourcePosition(line: 2, column: 12))
        #expect(draft.positions(of: curp.range).end == SourcePosition(line: 2, column: 30))
        // The normalised text has the same lines.
        #expect(draft.text.lineStarts.count == SourceText(text).lineStarts.count)
        #expect(draft.text.string(curp.range) == "HEGG560427MVZRRL04")
        #expect(draft.fileBytes == Array(text.utf8), "an approval covers the file as written")
    }

    @Test func aByteOrderMarkIsNotAColumn() throws {
        let text = "\u{FEFF}Mi CURP es HEGG560427MVZRRL04\n"
        let (draft, found) = try Self.findings(text, rule: "datos-personales")
        #expect(draft.position(of: try #require(found.first).range.lowerBound) == SourcePosition(line: 1, column: 12))
        #expect(SourceText(text).position(of: 3) == SourcePosition(line: 1, column: 1))
    }

    @Test func spacesThatAreNotSpacesDoNotHideAPhone() throws {
        for space in ["\u{00A0}", "\u{202F}", "\u{2007}", "\u{3000}", "\u{2009}"] {
            let (_, found) = try Self.findings("Llámame al 55\(space)1234\(space)5678 cuando puedas.", rule: "datos-personales")
            #expect(found.map(\.kind) == ["telefono"], "U+\(String(space.unicodeScalars.first!.value, radix: 16))")
            #expect(found.first?.severity == .error)
        }
    }

    @Test func fullwidthAndMathematicalLettersAndOtherDigitsAreRead() throws {
        for text in [
            "Su CURP es ＨＥＧＧ５６０４２７ＭＶＺＲＲＬ０４.", "Su CURP es 𝐇𝐄𝐆𝐆560427𝐌𝐕𝐙𝐑𝐑𝐋04.", "Su CURP es HEGG٥٦٠٤٢٧MVZRRL٠٤.",
        ] {
            let (draft, found) = try Self.findings(text, rule: "datos-personales")
            let curp = try #require(found.first, "\(text)")
            #expect(curp.kind == "curp")
            #expect(draft.position(of: curp.range.lowerBound).column == 12)
        }
    }

    @Test func invisibleCharactersDoNotHideHateSpeech() throws {
        let (_, found) = try Self.findings("No son más que unos mari\u{200B}co\u{00AD}nes.", rule: "discurso-odio")
        #expect(found.map(\.kind) == ["diversidad-sexual"])
        #expect(found.first?.severity == .error)
    }

    @Test func decomposedAccentsAreComposed() throws {
        let draft = try DraftParser.parse("Ca\u{0301}mara y Congreso de la Unio\u{0301}n\n", path: "a.md")
        #expect(draft.text.string(0..<draft.text.bytes.count) == "Cámara y Congreso de la Unión\n")
    }

    @Test func emojiSequencesStayWhole() throws {
        let text = "Familias 👨‍👩‍👧 votan 1️⃣ vez ❤️ 🏳️‍🌈 🇲🇽\n"
        #expect(TextNormalizer.normalize(Array(text.utf8)) == nil)
    }

    @Test func plainSpanishNeedsNoNormalization() {
        let text = "¡Participa! Año de elección: «vota» con tu credencial — ñandú, pingüino.\n"
        #expect(TextNormalizer.normalize(Array(text.utf8)) == nil)
    }

    @Test func aStackOfMarksIsCutAndFast() throws {
        let text = "Hola " + "a" + String(repeating: "\u{0301}", count: 5_000) + " mundo"
        let normalized = try #require(TextNormalizer.normalize(Array(text.utf8)))
        #expect(String(decoding: normalized.bytes, as: UTF8.self) == "Hola á mundo")
    }

    @Test func offsetsMapBothWays() throws {
        // "A" + ZWSP + "Ｂ" + "C": the ZWSP goes, the fullwidth B becomes one byte.
        let original = Array("A\u{200B}ＢC".utf8)
        let (bytes, map) = try #require(TextNormalizer.normalize(original))
        #expect(bytes == Array("ABC".utf8))
        // "B" starts after the ZWSP and covers the whole fullwidth character.
        #expect(map.originalRange(of: 1..<2) == 4..<7)
        // "A" ends before the ZWSP.
        #expect(map.originalRange(of: 0..<1) == 0..<1)
        #expect(map.originalRange(of: 0..<3) == 0..<8)
        #expect(map.normalizedRange(of: 4..<7) == 1..<2)
        #expect(map.normalizedRange(of: 7..<8) == 2..<3)
    }

    @Test func aJSONDraftMapsThroughNormalizationAndEscapes() throws {
        let file = "{\n  \"text\": \"Mi CURP: HEGG\\u200b560427MVZRRL04\"\n}\n"
        let (draft, found) = try Self.findings(file, path: "a.json", rule: "datos-personales")
        let curp = try #require(found.first)
        #expect(draft.position(of: curp.range.lowerBound) == SourcePosition(line: 2, column: 21))
        #expect(draft.positions(of: curp.range).end == SourcePosition(line: 2, column: 45))
    }

    @Test func aFixOnNormalizedTextIsWrittenIntoTheOriginal() throws {
        let text = "\u{200B}Nota: ¡SAL A VOTAR\u{00A0}ESTE DOMINGO! Consulta tu casilla.\n"
        let (draft, found) = try Self.findings(text, rule: "mayusculas")
        let fixed = try #require(FixApplier.apply(found, to: draft))
        // The invisible character before the fix stays; the no-break space inside it is replaced with the rest.
        #expect(String(decoding: fixed.bytes, as: UTF8.self) == "\u{200B}Nota: ¡sal a votar este domingo! Consulta tu casilla.\n")
    }
}
