import CriterioCore
import CriterioDrafts
import CriterioRules
import CriterioWordlists
import Testing

/// Users add their own institutional contacts and labels to the built-in allow-lists (a
/// configuration's additions come after the built-in lists), and the rule honours them.
@Suite("Listas permitidas de datos personales")
struct PersonalDataAllowListTests {
    static func findings(_ text: String, extra: [String: String] = [:]) throws -> [Finding] {
        var additions: [String: [Wordlist]] = [:]
        for (name, contents) in extra {
            additions["datos-personales/" + name] = [Wordlist(origin: "usuario/\(name).txt", contents: contents)]
        }
        let options = try RuleOptions(declared: DatosPersonalesRule.description.options)
        let rule = try DatosPersonalesRule(
            configuration: RuleConfiguration(options: options, wordlists: BundledWordlists(additions: additions)))
        let draft = try DraftParser.parse(text, path: "borrador.txt", format: .plainText)
        return Linter(rules: [rule]).lint(draft)
    }

    @Test func anOfficePhoneAddedByTheUserIsNotReported() throws {
        let text = "Comunícate a la Junta Local al teléfono 33 3615 0000."
        #expect(try Self.findings(text).map(\.kind) == ["telefono"])
        #expect(try Self.findings(text, extra: ["telefonos-institucionales": "# Junta Local de Jalisco\n33 3615 0000\n"]).isEmpty)
    }

    @Test func anInstitutionalDomainAddedByTheUserIsNotReported() throws {
        let text = "Escribe a juan.perez@iepcjalisco.org.mx para dudas."
        #expect(try Self.findings(text).map(\.kind) == ["correo"])
        #expect(try Self.findings(text, extra: ["dominios-institucionales": "iepcjalisco.org.mx"]).isEmpty)
    }

    @Test func anOfficeAddressAddedByTheUserIsNotReported() throws {
        let text = "Entrega de documentos en Av. Vallarta 1234, Col. Americana, C.P. 44160."
        #expect(try Self.findings(text).map(\.kind) == ["domicilio"])
        #expect(try Self.findings(text, extra: ["direcciones-institucionales": "Av. Vallarta 1234"]).isEmpty)
    }

    @Test func aNumberLabelAddedByTheUserMakesTheNumberInstitutional() throws {
        let text = "Pedimento 5512345678 liberado."
        #expect(try Self.findings(text).map(\.kind) == ["telefono"])
        #expect(try Self.findings(text, extra: ["etiquetas-de-folio": "pedimento"]).isEmpty)
    }

    @Test func theBuiltInListsCoverINE() throws {
        #expect(try Self.findings("INETEL: 800 433 2000; correo inetel@ine.mx; Viaducto Tlalpan 100, Col. Arenal Tepepan, C.P. 14610.").isEmpty)
    }
}
