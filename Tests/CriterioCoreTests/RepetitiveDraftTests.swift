import CriterioCore
import CriterioDrafts
import CriterioReporters
import CriterioRules
import CriterioRunner
import CriterioWordlists
import Foundation
import Testing

/// Drafts that repeat something thousands of times: every rule's findings are folded in one place
/// (`Linter.listedPerRule`), every format says how many more there are, counts and exit codes
/// still count them all, and no detector's span grows with the text. (How fast they are is the
/// benchmark's business: `criterio-bench --pathological`.)
@Suite("Borradores repetitivos")
struct RepetitiveDraftTests {
    static let linter = try! Linter(ruleTypes: BuiltInRules.all, wordlists: BundledWordlists(), spellers: Lint.spellers)

    static func report(_ text: String) throws -> LintReport {
        let draft = try DraftParser.parse(text, path: "a.md")
        return LintReport(files: [FileReport(draft: draft, findings: linter.lint(draft))])
    }

    @Test func findingsOfOneRuleAndSeverityAreFoldedAfterTheFirstOnes() throws {
        let report = try Self.report(String(repeating: "Consulta tu casilla hoy mismo. ", count: 400))
        let phrases = report.files[0].findings.filter { $0.ruleID == "spam" && $0.severity == .warning }
        #expect(phrases.count == Linter.listedPerRule)
        let folded = try #require(phrases.last)
        #expect(folded.omitted > 0)
        #expect(phrases.dropLast().allSatisfy { $0.omitted == 0 })
        // The folded ones still count, in the summary and for --max-warnings.
        let total = phrases.reduce(0) { $0 + $1.weight }
        #expect(total > 60)
        #expect(report.summary[.warning] == report.files[0].findings.filter { $0.severity == .warning }.reduce(0) { $0 + $1.weight })
        let warnings = try #require(report.summary[.warning])
        #expect(report.summary[.error] == 0 && report.summary[.consult] == 0)
        #expect(report.exitStatus(policy: FailPolicy(maxWarnings: warnings)) == .publishable)
        #expect(report.exitStatus(policy: FailPolicy(maxWarnings: warnings - 1)) == .failing)
    }

    @Test("Cada formato dice cuántos más hay", arguments: ReporterRegistry.identifiers)
    func everyFormatSaysHowManyMore(format: String) throws {
        let report = try Self.report(String(repeating: "linchamiento ", count: 300))
        let found = report.files[0].findings.filter { $0.ruleID == "discurso-odio" }
        let omitted = try #require(found.last?.omitted)
        #expect(omitted == 300 - Linter.listedPerRule)
        let reporter = try #require(ReporterRegistry.reporter(named: format))
        let rendered = reporter.render(report, options: ReportOptions(rules: BuiltInRules.all.map { $0.description }))
        #expect(rendered.contains("y \(omitted) más de «discurso-odio» en este borrador"), "\(format)")
    }

    @Test func anAddressIsNotTheWholeText() throws {
        let report = try Self.report(String(repeating: "calle 5 número 10 colonia centro ", count: 500))
        let addresses = report.files[0].findings.filter { $0.kind == "domicilio" }
        #expect(!addresses.isEmpty)
        #expect(addresses.allSatisfy { $0.range.count <= 200 }, "\(addresses.map(\.range.count).max() ?? 0) bytes")
        #expect(addresses.reduce(0) { $0 + $1.weight } >= 400, "each repetition is an address of its own")
    }

    @Test func aPhraseMergeStaysThePhrase() throws {
        let report = try Self.report(String(repeating: "eres un retrasado mental ", count: 200) + "\n")
        let hate = report.files[0].findings.filter { $0.ruleID == "discurso-odio" }
        #expect(!hate.isEmpty)
        #expect(hate.allSatisfy { $0.range.count <= 300 })
    }

    @Test func tooManySuppressionsAreOneError() throws {
        let text = String(repeating: "<!-- criterio-disable-next-line spam -- prueba -->\nvota vota vota\n", count: Suppressions.maximumDirectives + 5)
        let findings = try Self.report(text).files[0].findings
        let tooMany = findings.filter { $0.ruleID == Suppressions.ruleID && $0.kind == "demasiadas" }
        #expect(tooMany.count == 1)
        #expect(tooMany.first?.message.contains("\(Suppressions.maximumDirectives + 5) supresiones") == true)
        // The ones over the limit suppress nothing: the repetitions after them are reported.
        #expect(findings.contains { $0.ruleID == "spam" && $0.kind == "repeticion-seguida" })
    }

    @Test func aMessageThatQuotesAWholePostIsShortened() throws {
        let word = "graci" + String(repeating: "a", count: 5_000) + "s"
        let report = try Self.report("¡Muchas \(word)!")
        let presented = try #require(report.files[0].presented(redact: true).first { $0.finding.kind == "alargamiento" })
        #expect(presented.message.count <= 300)
        #expect(presented.message.hasSuffix("…"))
    }

    /// Characters, not bytes, are what a message is cut at: 301 «é» (602 bytes) are cut, 300 are not.
    @Test(arguments: [(300, false), (301, true)])
    func aMessageIsCutAtItsThreeHundredthCharacter(length: Int, cut: Bool) throws {
        let message = String(repeating: "é", count: length)
        let finding = Finding(ruleID: "spam", severity: .warning, criterion: .xxix, message: message, range: 0..<1, excerpt: "a")
        let presented = try #require(FileReport(draft: Draft(path: "a.md", text: "a"), findings: [finding]).presented(redact: true).first)
        #expect(presented.message == (cut ? String(repeating: "é", count: 299) + "…" : message))
    }

    @Test func thousandsOfUnclosedFencesHideNothing() throws {
        // No line closes a fence ("```x" opens one); as inline code they pair up, and the last is prose.
        let text = String(repeating: "```x\n", count: 2_001) + "Mi CURP es HEGG560427MVZRRL04\n"
        let draft = try DraftParser.parse(text, path: "a.md")
        #expect(draft.regions.count == 1_000)
        #expect(draft.regions.allSatisfy { $0.kind == .code && $0.range.count == 8 })
        let findings = Self.linter.lint(draft)
        #expect(findings.contains { $0.kind == "curp" })
    }
}
