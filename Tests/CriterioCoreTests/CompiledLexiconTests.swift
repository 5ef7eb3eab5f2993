import CriterioCore
import CriterioDrafts
import CriterioRules
import CriterioWordlists
import Foundation
import Testing

@Suite("Léxicos compilados")
struct CompiledLexiconTests {
    static let texts = [
        "Eres un p3nd3j0 y una p.u.t.a", "Hay que quemarlos a todos, pinches chairos", "muerte a los gitanos",
        "El Consejo General aprobó el acuerdo; los consejeros votarían en contra.", "ESTRICTAMENTE CONFIDENCIAL: no difundir",
        "La neta, yo creo que mi candidata gana. jajaja", "Eres un puuuto", "matar el tiempo, pero no matar a nadie",
        "Personas indígenas y afromexicanas", "qué parte no entiendes, ni modo", "hijo de la gran puta", "No le hagas caso, p u t o",
    ]

    func lexicon() throws -> PhraseLexicon {
        let contents = try #require(BundledWordlists.file("discurso-odio/lexico.txt"))
        let entries = try LexiconFile.entries(in: [Wordlist(origin: "lexico.txt", contents: contents)], categories: Set(DiscursoOdio.lexicon.categories.map(\.id)))
        let allowed = try LexiconFile.phrases(in: [Wordlist(origin: "permitidas.txt", contents: try #require(BundledWordlists.file("discurso-odio/permitidas.txt")))])
        return LexiconFile.lexicon(entries, allowed: allowed)
    }

    func matches(_ lexicon: PhraseLexicon, _ text: String) -> [String] {
        let post = AnalyzedPost(Draft(path: "t", text: text))
        return lexicon.matches(in: post).map { "\($0.entry)@\($0.range)" }
    }

    @Test func aLexiconReadBackFromBytesMatchesLikeTheOriginal() throws {
        let original = try lexicon()
        let copy = try PhraseLexicon(serialized: original.serialized())
        for text in Self.texts {
            #expect(matches(copy, text) == matches(original, text), "«\(text)»")
        }
        #expect(!matches(copy, "Eres un p3nd3j0").isEmpty)
    }

    @Test func damagedOrForeignBytesAreRefused() throws {
        var bytes = try lexicon().serialized()
        bytes[bytes.count / 2] ^= 0xFF
        #expect(throws: BinaryCodingError.self) { try PhraseLexicon(serialized: bytes) }
        #expect(throws: BinaryCodingError.self) { try PhraseLexicon(serialized: Array(bytes.prefix(100))) }
        #expect(throws: BinaryCodingError.self) { try PhraseLexicon(serialized: Array("no es un léxico".utf8)) }
    }
}
