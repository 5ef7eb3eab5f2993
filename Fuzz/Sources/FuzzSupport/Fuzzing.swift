import CriterioCore
import CriterioRules
import CriterioRunner
import CriterioSpelling
import CriterioWordlists

/// What every fuzzer checks after reading an input: the draft lints, and every finding's place
/// is inside the text and inside the file, its positions in order, its fix a valid text. A check
/// that fails stops the process (`precondition`), which libFuzzer reports as a crash with the input.
public enum Fuzzing {
    /// The machine's Hunspell dictionaries, as `criterio` finds them (the spelling rule needs them).
    public static let spellers = HunspellSpellers(cacheDirectory: nil)

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
