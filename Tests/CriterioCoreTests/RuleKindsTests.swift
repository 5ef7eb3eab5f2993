import CriterioCore
import CriterioDrafts
import CriterioRules
import CriterioWordlists
import Testing

@Suite("Tipos y listas declarados")
struct DeclaredKindsAndListsTests {
    /// Records the lists a rule asks for.
    final class RecordingWordlists: WordlistSource, @unchecked Sendable {
        let inner = BundledWordlists()
        private(set) var names: Set<String> = []

        func wordlists(named name: String) throws -> [Wordlist] {
            names.insert(name)
            return try inner.wordlists(named: name)
        }
    }

    /// What `criterio rules` and `RuleDescription.wordlists` say is what the rule reads: with its
    /// defaults, and with every boolean option turned on (which may read more lists).
    @Test("Cada regla declara las listas que lee", arguments: BuiltInRules.all.map { $0.description.id })
    func everyRuleDeclaresTheListsItReads(ruleID: String) throws {
        let type = try #require(BuiltInRules.rule(id: ruleID))
        let description = type.description
        let switches = description.options.filter { $0.defaultValue == .bool(false) }.map { ($0.name, OptionValue.bool(true)) }
        var read: Set<String> = []
        for overrides in [[:], Dictionary(uniqueKeysWithValues: switches)] {
            let source = RecordingWordlists()
            let options = try RuleOptions(declared: description.options, overrides: overrides)
            _ = try type.init(configuration: RuleConfiguration(options: options, wordlists: source))
            read.formUnion(source.names)
        }
        #expect(read == Set(description.wordlists), "lee \(read.sorted()), declara \(description.wordlists)")
        for list in description.wordlists { #expect(BundledWordlists.exists(list), "no existe la lista «\(list)»") }
    }

    @Test func kindsHaveIdentifiersAndSpanishDescriptions() {
        for type in BuiltInRules.all {
            for kind in type.description.kinds {
                #expect(kind.id.allSatisfy { $0.isLowercase || $0 == "-" }, "\(type.description.id)/\(kind.id)")
                #expect(!kind.summary.isEmpty)
            }
        }
        let personal = DatosPersonalesRule.description.kinds.map(\.id)
        #expect(personal == [
            "curp", "rfc", "clave-elector", "ocr-cic", "pasaporte", "clabe", "nss", "tarjeta", "telefono", "correo", "domicilio",
            "fecha-nacimiento",
        ])
        #expect(DiscursoOdioRule.description.kinds.count == 9)
        #expect(MayusculasRule.description.kinds.isEmpty)
    }
}

@Suite("Supresiones de un tipo")
struct KindSuppressionTests {
    let media = "---\nmedia: [https://www.ine.mx/a.png]\n---\n"

    func lint(_ text: String) throws -> [Finding] {
        let linter = try Linter(ruleTypes: BuiltInRules.all, wordlists: BundledWordlists())
        return linter.lint(try DraftParser.parse(media + text, path: "a.md"))
    }

    func labels(_ findings: [Finding]) -> [String] {
        findings.map { "\($0.ruleID)/\($0.kind ?? "-")/\($0.severity.rawValue)" }
    }

    @Test func aKindTheRuleDoesNotReportIsAnErrorAndSuppressesNothing() throws {
        let findings = try lint("<!-- criterio-disable-next-line datos-personales/curpp -- dato ficticio -->\nCURP HEGG560427MVZRRL04\n")
        #expect(labels(findings) == ["supresion/tipo-desconocido/error", "datos-personales/curp/error"])
        let message = try #require(findings.first?.message)
        #expect(message.contains("«datos-personales/curpp»") && message.contains("no reporta el tipo «curpp»"))
        #expect(message.contains("curp, domicilio, fecha-nacimiento"), "\(message)")
    }

    @Test func aKindOfARuleWithoutKindsIsAnError() throws {
        let findings = try lint("<!-- criterio-disable-next-line mayusculas/siglas -- siglas del programa -->\nTexto normal.\n")
        #expect(labels(findings) == ["supresion/tipo-desconocido/error"])
        #expect(findings.first?.message.contains("los hallazgos de «mayusculas» no tienen tipo") == true)
    }

    @Test func enableAndEmptyKindsAreCheckedToo() throws {
        #expect(labels(try lint("criterio-enable enlace-externo/externos\nTexto.\n")) == ["supresion/tipo-desconocido/error"])
        #expect(
            labels(try lint("<!-- criterio-disable-next-line datos-personales/ -- motivo -->\nTexto.\n")) == [
                "supresion/tipo-desconocido/error"
            ])
    }

    @Test func aDeclaredKindThatMatchesNothingIsStillOnlyUnused() throws {
        let findings = try lint("<!-- criterio-disable-next-line datos-personales/telefono -- línea publicada -->\nTexto normal.\n")
        #expect(labels(findings) == ["supresion/sin-uso/warning"])
        let suppressed = try lint("<!-- criterio-disable-next-line datos-personales/curp -- dato ficticio -->\nCURP HEGG560427MVZRRL04\n")
        #expect(suppressed.isEmpty, "\(labels(suppressed))")
    }

    /// A disabled rule can still be named, with its kinds.
    @Test func kindsOfATurnedOffRuleAreKnown() throws {
        let linter = try Linter(
            ruleTypes: BuiltInRules.all, settings: ["spam": RuleSettings(enabled: false)], wordlists: BundledWordlists())
        let draft = try DraftParser.parse(media + "<!-- criterio-disable spam/alargamiento -- campaña -->\nTexto.\n", path: "a.md")
        #expect(linter.lint(draft).isEmpty)
        let wrong = try DraftParser.parse(media + "<!-- criterio-disable spam/alargado -- campaña -->\nTexto.\n", path: "a.md")
        #expect(labels(linter.lint(wrong)) == ["supresion/tipo-desconocido/error"])
    }
}

/// A lexicon rule is a declaration: this one, written here, is built and checked by the same
/// `LexiconRule` as the built-in ones.
enum Saludo: LexiconRuleDeclaration {
    static let lexicon = LexiconDeclaration(
        file: "saludo/lexico", allowList: "saludo/permitidas", scope: .repliesOnly,
        categories: [.init("informal", "un saludo informal"), .init("despedida", "una despedida informal", criterion: .xiv)],
        messages: .init(alta: { "La respuesta lleva \($0)." }, contexto: { "La respuesta quizá lleva \($0)." }))

    static let description = RuleDescription(
        id: "saludo", name: "Saludo informal", criteria: [.xxi], defaultSeverity: .warning, summary: "Saludos informales.",
        rationale: "Solo para pruebas.", options: lexicon.options, kinds: lexicon.kinds, wordlists: lexicon.wordlists,
        triggeringExamples: [], nonTriggeringExamples: [])
}

@Suite("Reglas de léxico declaradas")
struct DeclaredLexiconRuleTests {
    let wordlists = InMemoryWordlists([
        "saludo/lexico": "quihubo | informal | alta |\nhola {a,} todos | informal | contexto |\nbye | despedida | alta | bye bye",
        "saludo/permitidas": "hola a todos los estados",
    ])

    func check(_ text: String, reply: Bool = true) throws -> [String] {
        let rule = try LexiconRule<Saludo>(configuration: RuleConfiguration(options: try RuleOptions(declared: []), wordlists: wordlists))
        let source = reply ? "---\nreply_to: https://x.com/u/status/1\n---\n" + text : text
        return Linter(rules: [rule]).lint(try DraftParser.parse(source, path: "a.md")).map {
            "\($0.kind ?? "-")/\($0.severity.rawValue)/\($0.criterion)/\($0.excerpt): \($0.message)"
        }
    }

    @Test func findingsTakeTheirKindSeverityCriterionAndMessageFromTheDeclaration() throws {
        #expect(try check("Quihubo, gracias por escribir.") == ["informal/warning/6.xxi/Quihubo: La respuesta lleva un saludo informal."])
        #expect(try check("Hola todos.") == ["informal/consult/6.xxi/Hola todos: La respuesta quizá lleva un saludo informal."])
        #expect(try check("Gracias, bye.") == ["despedida/warning/6.xiv/bye: La respuesta lleva una despedida informal."])
    }

    @Test func scopeExceptionsAndTheAllowListApply() throws {
        #expect(try check("Quihubo, gracias por escribir.", reply: false).isEmpty)
        #expect(try check("Bye bye.").isEmpty)
        #expect(try check("Hola a todos los estados del país.").isEmpty)
    }

    @Test func theDeclarationGivesTheDescriptionItsKindsAndLists() {
        #expect(LexiconRule<Saludo>.description.kinds.map(\.id) == ["informal", "despedida"])
        #expect(LexiconRule<Saludo>.description.wordlists == ["saludo/lexico", "saludo/permitidas"])
    }
}
