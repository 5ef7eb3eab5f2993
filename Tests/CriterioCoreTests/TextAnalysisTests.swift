import CriterioCore
import Testing

@Suite("Análisis del texto")
struct TextAnalysisTests {
    func post(_ text: String) -> AnalyzedPost { AnalyzedPost(Draft(path: "t", text: text)) }

    @Test func foldsCaseAccentsAndEnye() {
        #expect(SpanishFolding.fold("Pendéjo AÑO Ünico") == "pendejo ano unico")
        // Decomposed accents (NFD) fold the same way.
        #expect(SpanishFolding.fold("informacio\u{301}n") == "informacion")
    }

    @Test func splitsWordsHashtagsMentionsAndEmoji() {
        let analyzed = post("¡Hola @INEMexico! Lee #Elecciones2024 🗳️🗳️ o escribe a ana@ine.mx")
        let kinds = analyzed.tokens.map { "\($0.kind):\(analyzed.string($0))" }
        #expect(kinds.contains("mention:@INEMexico"))
        #expect(kinds.contains("hashtag:#Elecciones2024"))
        #expect(analyzed.tokens.filter { $0.kind == .emoji }.count == 2)
        // The @ of an e-mail address is not a mention.
        #expect(!kinds.contains { $0.hasPrefix("mention:@ine") })
        #expect(analyzed.foldedString(analyzed.tokens[0]) == "hola")
    }

    @Test func marksLeetspeakAndElongation() {
        let analyzed = post("p3nd3j0 puuuuto put@ normal 2024")
        let tokens = analyzed.tokens
        #expect(tokens[0].hasLeetCharacters)
        #expect(tokens[1].longestRun == 4)
        #expect(tokens[2].hasLeetCharacters && analyzed.string(tokens[2]) == "put@")
        #expect(!tokens[3].hasLeetCharacters)
        #expect(tokens[4].kind == .number)
    }

    @Test func countsCapitals() {
        let token = post("ÉXITO").tokens[0]
        #expect(token.letters == 5 && token.uppercase == 5 && token.isAllUppercase)
    }

    @Test func findsLinksAndLeavesTheirTextOutOfTheProseOfRulesThatSkipThem() {
        let analyzed = post("Ve a https://www.ine.mx/voto). También ine.mx/casilla, y escribe a ana@gmail.com.")
        #expect(analyzed.links.map(\.url) == ["https://www.ine.mx/voto", "ine.mx/casilla"])
        #expect(analyzed.links.map(\.host) == ["ine.mx", "ine.mx"])
        // The post reads everything published; a rule that skips links reads them blank, links still listed.
        #expect(analyzed.tokens.contains { analyzed.string($0) == "voto" })
        let withoutLinks = analyzed.view(skipping: .links)
        #expect(!withoutLinks.tokens.contains { withoutLinks.string($0) == "voto" })
        #expect(!String(decoding: withoutLinks.prose, as: UTF8.self).contains("casilla"))
        #expect(withoutLinks.links.map(\.url) == ["https://www.ine.mx/voto", "ine.mx/casilla"])
        #expect(withoutLinks.tokens.contains { withoutLinks.string($0) == "escribe" })
        #expect(analyzed.view(skipping: .links) === withoutLinks, "a view is made once per post")
        #expect(analyzed.view(skipping: .code) === analyzed, "a post without code is its own view without code")
    }

    /// A post of only spaces has no text (`scan` skips it as a bad record); any letter, anywhere, is text.
    @Test(arguments: ["", " ", " \t\r\n ", "\u{A0}\u{3000}\u{2028}\u{202F}", "\n\u{2003}\n"])
    func onlyWhitespaceIsBlank(text: String) {
        #expect(text.isBlank)
        #expect(text.trimmingSpaces.isEmpty)
    }

    @Test(arguments: ["a", "  a", "a  ", "\u{3000}é\u{3000}", "\u{200B}", "   .   ", "🗳️"])
    func anythingElseIsNot(text: String) {
        #expect(!text.isBlank)
        #expect(!text.trimmingSpaces.isEmpty, "isBlank dice lo mismo que trimmingSpaces")
    }

    @Test func positionsCountCharactersNotBytes() {
        let text = SourceText("línea uno\nañadió ✓ aquí")
        let offset = Array("línea uno\nañadió ✓ ".utf8).count
        #expect(text.position(of: offset) == SourcePosition(line: 2, column: 10))
        #expect(text.position(of: 0) == SourcePosition(line: 1, column: 1))
    }

    @Test func rejectsInvalidUTF8AtTheRightByte() {
        #expect(UTF8Validation.firstInvalidOffset(in: Array("válido".utf8)) == nil)
        #expect(UTF8Validation.firstInvalidOffset(in: [0x61, 0xC3, 0x28]) == 1)
        #expect(UTF8Validation.firstInvalidOffset(in: [0xED, 0xA0, 0x80]) == 0)  // a surrogate
        #expect(UTF8Validation.firstInvalidOffset(in: [0x61, 0xE2, 0x82]) == 1)  // truncated
    }
}

@Suite("Léxico de frases")
struct PhraseLexiconTests {
    func matches(_ patterns: [String], exceptions: [Int: [String]] = [:], allowed: [String] = [], in text: String) throws -> [String] {
        var builder = PhraseLexicon.Builder()
        for (index, pattern) in patterns.enumerated() {
            builder.add(try PhrasePattern(pattern), entry: index)
            for exception in exceptions[index] ?? [] { builder.addException(try PhrasePattern(exception), for: index) }
        }
        for phrase in allowed { builder.addAllowed(try PhrasePattern(phrase)) }
        let post = AnalyzedPost(Draft(path: "t", text: text))
        return builder.build().matches(in: post).map { post.text.string($0.range) }
    }

    @Test func expandsBracesInsideWordsAndAcrossWords() throws {
        #expect(try matches(["ojalá {se mueran,los maten}"], in: "Ojala los maten") == ["Ojala los maten"])
        #expect(try matches(["matar{,los,las}"], in: "matarlos y matar") == ["matarlos", "matar"])
    }

    @Test func inflectsGenderAndNumber() throws {
        #expect(try matches(["pendejo~"], in: "PENDEJAS") == ["PENDEJAS"])
        #expect(try matches(["cabrón~"], in: "cabronas") == ["cabronas"])
        #expect(PhrasePattern.inflect("violador") == ["violador", "violadora", "violadores", "violadoras"])
    }

    @Test func wildcardsStandForOneWord() throws {
        #expect(try matches(["muerte a los *"], in: "¡Muerte a los traidores!") == ["Muerte a los traidores"])
        #expect(try matches(["muerte a los *"], in: "Muerte a los.") == [])
    }

    @Test func normalisesLeetspeakElongationAndSpelledOutWords() throws {
        #expect(try matches(["pendejo~"], in: "p3nd3j0") == ["p3nd3j0"])
        #expect(try matches(["puta"], in: "put@") == ["put@"])
        #expect(try matches(["puto"], in: "puuuuuto") == ["puuuuuto"])
        #expect(try matches(["puto"], in: "qué p.u.t.o día") == ["p.u.t.o"])
        #expect(try matches(["puto"], in: "P U T O") == ["P U T O"])
        // Ordinary doubled letters are not elongation: "perra" does not match "pera".
        #expect(try matches(["perra"], in: "una pera") == [])
    }

    @Test func exceptionsAndAllowedPhrasesSilenceAnEntry() throws {
        #expect(try matches(["matar"], exceptions: [0: ["matar el tiempo"]], in: "para matar el tiempo") == [])
        #expect(try matches(["matar"], exceptions: [0: ["matar el tiempo"]], in: "quiere matar") == ["matar"])
        #expect(try matches(["indígenas"], allowed: ["pueblos indígenas"], in: "los pueblos indígenas") == [])
    }

    @Test func theLongestOverlappingEntryWins() throws {
        #expect(try matches(["matar", "te voy a matar"], in: "te voy a matar") == ["te voy a matar"])
    }

    @Test func phrasesDoNotCrossSentences() throws {
        #expect(try matches(["hay que matar"], in: "Hay que. Matar") == [])
        #expect(try matches(["hay que matar"], in: "hay que, matar") == ["hay que, matar"])
    }

    @Test func badPatternsAreExplained() {
        #expect(throws: PhrasePatternError.self) { try PhrasePattern("{sin cerrar") }
        #expect(throws: PhrasePatternError.self) { try PhrasePattern("* al inicio") }
        #expect(throws: PhrasePatternError.self) { try PhrasePattern("c.p.") }
    }
}

@Suite("Patrones de frase: palabras opcionales")
struct OptionalWordTests {
    func matches(_ pattern: String, in text: String) throws -> [String] {
        var builder = PhraseLexicon.Builder()
        builder.add(try PhrasePattern(pattern), entry: 0)
        let post = AnalyzedPost(Draft(path: "t", text: text))
        return builder.build().matches(in: post).map { post.text.string($0.range) }
    }

    @Test func anEmptyAlternativeOfAWholeWordMakesItOptional() throws {
        #expect(try matches("eres {un,una,} idiota", in: "Eres idiota") == ["Eres idiota"])
        #expect(try matches("eres {un,una,} idiota", in: "eres una idiota") == ["eres una idiota"])
        #expect(try matches("eres {un,una,} idiota", in: "eres el idiota") == [])
        // Inside a word it still makes a part optional.
        #expect(try matches("matar{,los}", in: "matarlos") == ["matarlos"])
    }
}
