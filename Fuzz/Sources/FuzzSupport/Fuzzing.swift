import CriterioCore
import CriterioRules
import CriterioRunner
import CriterioSpelling
import CriterioWordlists

/// What every fuzzer checks after reading an input: the draft lints, and every finding's place
/// is inside the text and inside the file, its positions in order, its fix a valid text. A check
/// that fails stops the process (`precondition`), which libFuzzer reports as a crash with the input.
public enum Fuzzing {
    /// The machine's Hunspell dictionaries, as `criterio` finds them (the spelling rule needs them),
    /// with quick stand-in suggestions (`QuickSuggestions`).
    public static let spellers = QuickSuggestions(HunspellSpellers(cacheDirectory: nil))

    /// Every built-in rule with its defaults, built once for the whole run.
    public static let linter: Linter = {
        do {
            return try Linter(ruleTypes: BuiltInRules.all, wordlists: BundledWordlists(), spellers: spellers)
        } catch {
            fatalError("no se pudieron construir las reglas: \(error)")
        }
    }()

    /// The raw input as a String, if it is UTF-8 (drafts must be; anything else is refused earlier).
    public static func text(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// Lints `draft` and checks its findings against its text and its file.
    public static func check(_ draft: Draft, with linter: Linter = linter) {
        let findings = linter.lint(draft)
        let file = SourceText(validatedBytes: draft.fileBytes)
        for finding in findings {
            precondition(finding.range.lowerBound >= 0 && finding.range.upperBound <= draft.text.bytes.count, "hallazgo fuera del texto")
            precondition(finding.omitted >= 0)
            let fileRange = draft.sourceMap.fileRange(of: finding.range)
            precondition(fileRange.lowerBound >= 0 && fileRange.upperBound <= file.bytes.count, "hallazgo fuera del archivo")
            let (start, end) = draft.positions(of: finding.range)
            precondition(start <= end, "posiciones al revés")
            precondition(end.line <= file.lineStarts.count, "línea fuera del archivo")
        }
        let report = FileReport(draft: draft, findings: findings)
        for item in report.presented(redact: true) { precondition(!item.message.isEmpty) }
        if let fixed = FixApplier.apply(report) {
            precondition(String(validating: fixed.bytes, as: UTF8.self) != nil, "una corrección dejó UTF-8 inválido")
        }
    }
}

/// Hunspell's answer on whether a word is correct (microseconds), but not its suggestions: they take
/// Hunspell 10 to 150 ms of processor time for each word it does not know, and nearly every input a
/// fuzzer makes has one, so with them a fuzzer ran 20 inputs a second. The stand-ins are shaped like
/// Hunspell's (an accent, a letter more, two words) so that fixes of every kind are made and applied.
/// How many suggestions a post asks for is bounded by the rule (`OrtografiaRule.suggestedPerPost`)
/// and tested in Tests/CriterioCoreTests/FuzzRegressionTests.swift.
public struct QuickSuggestions: SpellerSource {
    let spellers: any SpellerSource

    public init(_ spellers: any SpellerSource) { self.spellers = spellers }

    public func speller(for language: String, adding words: [String]) throws -> any Speller {
        Answers(base: try spellers.speller(for: language, adding: words))
    }

    struct Answers: Speller {
        let base: any Speller

        func isCorrect(_ word: String) -> Bool { base.isCorrect(word) }

        func suggestions(for word: String) -> [String] {
            var accented = word
            if let vowel = accented.firstIndex(where: { "aeiou".contains($0) }) {
                accented.replaceSubrange(vowel...vowel, with: ["a": "á", "e": "é", "i": "í", "o": "ó", "u": "ú"][accented[vowel]]!)
            }
            let middle = word.index(word.startIndex, offsetBy: word.count / 2)
            return [accented, word + "s", word[..<middle] + " " + word[middle...]]
        }
    }
}

/// Called by libFuzzer once, before the first input: builds the shared linter and lints a draft
/// (lexicons, Hunspell's dictionary), so that this work is not timed as the first input's and
/// reported as a slow one.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzerInitialize(
    _ argc: UnsafeMutablePointer<Int32>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?
) -> Int32 {
    Fuzzing.check(Draft(path: "a.md", text: "¡VOTA! La votacion y la credensial de Mi CURP HEGG560427MVZRRL04, #Vota https://bit.ly/x"))
    return 0
}
