import Foundation
import Testing

/// The kinds a rule reports, as `criterio rules`, SARIF and suppressions show them.
@Suite("Tipos de hallazgo en la línea de comandos")
struct RuleKindsCLITests {
    @Test func explainingARuleListsItsKindsAndWordLists() throws {
        let result = try CLI.run(["rules", "datos-personales"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Tipos de hallazgo (para suprimir uno: datos-personales/TIPO):"))
        #expect(result.stdout.contains("  clabe "), "\(result.stdout)")
        #expect(result.stdout.contains("CLABE interbancaria"))
        #expect(result.stdout.contains("  fecha-nacimiento"))
        #expect(result.stdout.contains("Listas de palabras"))
        #expect(result.stdout.contains("  datos-personales/bancos-abm\n"))

        let hate = try CLI.run(["rules", "discurso-odio"])
        let threat = hate.stdout.split(separator: "\n").first { $0.hasPrefix("  amenaza ") }
        #expect(threat?.hasSuffix(" amenaza o llamado a la violencia") == true, "\(hate.stdout)")
        #expect(hate.stdout.contains("  discurso-odio/voces_misoginas_mx/voces-misoginas.re\n"))

        // A rule without kinds says nothing about them.
        let capitals = try CLI.run(["rules", "mayusculas"])
        #expect(!capitals.stdout.contains("Tipos de hallazgo"))
        #expect(capitals.stdout.contains("  mayusculas/siglas\n"))
    }

    @Test func jsonListsKindsAndWordLists() throws {
        let result = try CLI.run(["rules", "cortesia", "--format", "json"])
        let rules = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let kinds = try #require(rules.first?["kinds"] as? [[String: String]])
        #expect(kinds.compactMap { $0["id"] } == ["insulto", "groseria", "descalificacion", "burla"])
        #expect(kinds.first?["summary"] == "un insulto")
        #expect(rules.first?["wordlists"] as? [String] == ["cortesia/lexico"])
    }

    @Test func sarifRuleMetadataListsTheKinds() throws {
        let result = try CLI.run(["lint", "--format", "sarif", "Samples/borradores/05-ganadora-concurso.md"])
        let log = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try #require(driver["rules"] as? [[String: Any]])
        func kinds(_ id: String) -> [String]? {
            let rule = rules.first { $0["id"] as? String == id }
            return ((rule?["properties"] as? [String: Any])?["kinds"] as? [[String: String]])?.compactMap { $0["id"] }
        }
        #expect(kinds("enlace-externo") == ["externo", "acortador"])
        #expect(kinds("datos-personales")?.contains("curp") == true)
        #expect(kinds("mayusculas") == nil)
        // Each result's kind is one its rule declares.
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(!results.isEmpty)
        for item in results {
            let kind = (item["properties"] as? [String: String])?["kind"] ?? ""
            #expect(kinds(item["ruleId"] as? String ?? "")?.contains(kind) == true, "\(item)")
        }
    }

    @Test func aSuppressionOfAKindThatDoesNotExistFailsTheLint() throws {
        let scratch = try Scratch()
        try scratch.write(
            "a.md",
            "---\nmedia: [https://www.ine.mx/a.png]\n---\n<!-- criterio-disable-next-line datos-personales/telefonos -- línea publicada -->\n"
                + "Llama al 55 1234 5678.\n")
        let result = try CLI.run(["lint", "--format", "line", "a.md"], in: scratch.url)
        #expect(result.status == 1)
        #expect(result.stdout.contains("error supresion/tipo-desconocido"), "\(result.stdout)")
        #expect(result.stdout.contains(" datos-personales/telefono: "), "la supresión equivocada no suprime nada")
    }
}
