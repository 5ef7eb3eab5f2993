import CriterioCore
import CriterioDrafts
import CriterioRules
import CriterioWordlists
import Foundation
import Synchronization
import Testing

/// What the fuzzers (`scripts/fuzz`, the package in Fuzz/) found, each input fed through the public
/// API as `criterio` reads it, with what the user must see.
@Suite("Hallazgos de los fuzzers")
struct FuzzRegressionTests {
    /// A speller that knows no word and counts how often it is asked for suggestions, which is what
    /// costs: Hunspell takes 10 to 150 ms of processor time for each word it does not know.
    final class CountingSpeller: Speller, SpellerSource {
        let suggestionRequests = Mutex(0)
        func isCorrect(_ word: String) -> Bool { false }
        func suggestions(for word: String) -> [String] {
            suggestionRequests.withLock { $0 += 1 }
            return [word + "s"]
        }
        func speller(for language: String, adding words: [String]) throws -> any Speller { self }
    }

    /// fuzz-linter ran at 20 inputs per second: every mutation is a word Hunspell does not know and
    /// has to suggest for. 8 KB of invented words («meodtrs psilcaeu …») took a minute to lint,
    /// and 1 MiB would take hours. Only the first words of a post get suggestions.
    @Test func aPostOfInventedWordsAsksForFewSuggestions() throws {
        let speller = CountingSpeller()
        let linter = try Linter(ruleTypes: [OrtografiaRule.self], wordlists: BundledWordlists(), spellers: speller)
        // A thousand different words made of syllables: «kobaba», «kobabe»…
        let syllables = "bcdfglmnpt".flatMap { consonant in "aeiou".map { String(consonant) + String($0) } }
        let words = (0..<1000).map { "ko" + syllables[$0 / syllables.count] + syllables[$0 % syllables.count] }
        let findings = linter.lint(try DraftParser.parse(words.joined(separator: " "), path: "inventadas.md"))

        let limit = OrtografiaRule.suggestedPerPost
        #expect(speller.suggestionRequests.withLock { $0 } == limit)
        // Every wrong word still counts; the ones after the limit are reported without suggestions.
        #expect(findings.reduce(0) { $0 + $1.weight } == words.count)
        #expect(findings[0].message == "«kobaba» no está en el diccionario; ¿quisiste decir «kobabas»?")
        #expect(
            findings[limit].message
                == "«\(words[limit])» no está en el diccionario: revisa cómo se escribe (si es correcta, agrégala a ortografia/vocabulario)."
        )

        // In another post the same word gets its suggestions, whatever was linted before; a word
        // repeated in a post keeps them.
        let again = linter.lint(try DraftParser.parse("\(words[9]) \(words[1]) \(words[9])", path: "otra.md"))
        let suggesting = { (word: String) in "«\(word)» no está en el diccionario; ¿quisiste decir «\(word)s»?" }
        #expect(again.map(\.message) == [suggesting(words[9]), suggesting(words[1]), suggesting(words[9])])
    }
}
