import CriterioCore
import CriterioDrafts
import CriterioRules
import CriterioWordlists
import Testing

/// One generic test runs every example of every rule: triggering examples must produce findings of
/// the rule (where the `↓` markers are, of the kind and severity they name, and fixing to the text
/// they give); non-triggering examples must produce none.
@Suite("Ejemplos de las reglas")
struct RuleExamplesTests {
    static let wordlists = BundledWordlists()

    static let triggering: [(String, RuleExample)] = BuiltInRules.all.flatMap { type in
        type.description.triggeringExamples.map { (type.description.id, $0) }
    }

    static let nonTriggering: [(String, RuleExample)] = BuiltInRules.all.flatMap { type in
        type.description.nonTriggeringExamples.map { (type.description.id, $0) }
    }

    static func findings(of ruleID: String, in example: RuleExample) throws -> (Draft, [Finding]) {
        let type = try #require(BuiltInRules.rule(id: ruleID))
        let options = try RuleOptions(declared: type.description.options, overrides: example.options)
        let rule = try type.init(configuration: RuleConfiguration(options: options, wordlists: wordlists))
        let format = DraftFormat(path: "ejemplo." + example.format) ?? .markdown
        let draft = try DraftParser.parse(example.text, path: "ejemplo.\(example.format)", format: format) {
            example.existingFiles.contains($0)
        }
        return (draft, Linter(rules: [rule]).lint(draft))
    }

    @Test("Cada regla tiene ejemplos que la activan y que no", arguments: BuiltInRules.all.map { $0.description.id })
    func everyRuleHasExamples(ruleID: String) throws {
        let description = try #require(BuiltInRules.rule(id: ruleID)).description
        #expect(!description.triggeringExamples.isEmpty)
        #expect(!description.nonTriggeringExamples.isEmpty)
    }

    @Test("Los ejemplos que deben activar la regla la activan", arguments: triggering)
    func triggers(ruleID: String, example: RuleExample) throws {
        let (draft, findings) = try Self.findings(of: ruleID, in: example)
        #expect(!findings.isEmpty, "«\(ruleID)» no encontró nada en: \(example.source)")
        let markers = example.markerOffsets
        if !markers.isEmpty {
            #expect(Set(findings.map(\.range.lowerBound)) == Set(markers), "posiciones: \(findings.map { draft.position(of: $0.range.lowerBound) })")
        }
        if let kind = example.kind {
            #expect(findings.allSatisfy { $0.kind == kind }, "tipos: \(findings.map { $0.kind ?? "-" })")
        }
        let kinds = try #require(BuiltInRules.rule(id: ruleID)).description.kinds.map(\.id)
        for finding in findings {
            // A rule that declares kinds gives each finding one of them; one that declares none, none.
            #expect(
                finding.kind.map(kinds.contains) ?? kinds.isEmpty,
                "«\(ruleID)» reportó el tipo «\(finding.kind ?? "-")», que no declara (declara: \(kinds))")
        }
        if let severity = example.severity {
            #expect(findings.allSatisfy { $0.severity == severity }, "severidades: \(findings.map(\.severity))")
        }
        if let fixed = example.fixed {
            var text = Array(draft.text.bytes)
            for finding in findings.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
                if let fix = finding.fix { text.replaceSubrange(finding.range, with: Array(fix.utf8)) }
            }
            #expect(String(decoding: text, as: UTF8.self) == fixed)
        }
    }

    @Test("Los ejemplos que no deben activar la regla no la activan", arguments: nonTriggering)
    func doesNotTrigger(ruleID: String, example: RuleExample) throws {
        let (_, findings) = try Self.findings(of: ruleID, in: example)
        #expect(findings.isEmpty, "«\(ruleID)» encontró \(findings.map { "\($0.kind ?? ""): \($0.excerpt)" }) en: \(example.source)")
    }
}
