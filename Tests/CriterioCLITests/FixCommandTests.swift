import Foundation
import Testing

@Suite("criterio lint --fix")
struct FixCommandTests {
    let shouting = "---\nnetwork: instagram\nmedia: [foto.png]\n---\n¡ÚLTIMOS DÍAS PARA REGISTRARTE COMO SUPERVISORA ELECTORAL! Consulta el INE.\n"

    func folder(_ files: [String: String]) throws -> Scratch {
        let scratch = try Scratch()
        try scratch.write("foto.png", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        for (name, text) in files { try scratch.write(name, text) }
        return scratch
    }

    func contents(_ scratch: Scratch, _ name: String) throws -> String {
        try String(contentsOf: scratch.url.appendingPathComponent(name), encoding: .utf8)
    }

    @Test func withoutTheFlagNothingIsWritten() throws {
        let scratch = try folder(["grito.md": shouting])
        let result = try CLI.run(["lint", "grito.md"], in: scratch.url)
        #expect(result.stdout.contains("mayusculas"))
        #expect(try contents(scratch, "grito.md") == shouting)
    }

    @Test func rewritesTheDraftInSentenceCaseAndReportsWhatRemains() throws {
        let text = shouting + "Escribe a pepe.perez1990@gmail.com\n"
        let scratch = try folder(["grito.md": text])
        let result = try CLI.run(["lint", "--fix", "--format", "line", "grito.md"], in: scratch.url)
        #expect(
            try contents(scratch, "grito.md")
                == "---\nnetwork: instagram\nmedia: [foto.png]\n---\n¡Últimos días para registrarte como supervisora electoral! Consulta el INE.\nEscribe a pepe.perez1990@gmail.com\n")
        // The capitals are fixed; the e-mail address has no automatic fix and still fails the run.
        #expect(!result.stdout.contains("mayusculas"))
        #expect(result.stdout.contains("datos-personales/correo"))
        #expect(result.status == 1)
        #expect(result.stderr.contains("Correcciones: 1 hallazgo corregido en 1 borrador"))
    }

    @Test func aFixedDraftWithNothingLeftIsPublishable() throws {
        let scratch = try folder(["grito.md": shouting])
        let result = try CLI.run(["lint", "--fix", "grito.md"], in: scratch.url)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.stdout.contains("Sin hallazgos"))
    }

    @Test func standardInputIsPrintedFixedAndTheReportGoesToStandardError() throws {
        let result = try CLI.run(["lint", "--fix", "--format", "line", "-"], stdin: shouting + "Llama al 55 1234 5678.\n")
        #expect(result.stdout.hasPrefix("---\nnetwork: instagram\nmedia: [foto.png]\n---\n¡Últimos días para registrarte"))
        #expect(result.stdout.hasSuffix("Llama al 55 1234 5678.\n"))
        #expect(result.stderr.contains("<stdin>:6:10: error datos-personales/telefono"), "\(result.stderr)")
        #expect(result.status == 1)
        // Nothing to fix: the text comes back as it was.
        let clean = try CLI.run(["lint", "--fix", "-"], stdin: "Texto sin nada que corregir.\n")
        #expect(clean.stdout == "Texto sin nada que corregir.\n")
    }

    @Test func jsonDraftsAreFixedInsideTheirTextAndStayValidJSON() throws {
        let json = """
            {
              "network": "x",
              "media": ["foto.png"],
              "text": "\\u00a1VOTA ESTE DOMINGO EN TU CASILLA, \\"NO FALTES\\"!\\nConsulta ine.mx"
            }

            """
        let scratch = try folder(["borrador.json": json])
        let result = try CLI.run(["lint", "--fix", "borrador.json"], in: scratch.url)
        #expect(result.status == 0, "\(result.output)")
        let fixed = try contents(scratch, "borrador.json")
        #expect(fixed.contains(#""text": "\u00a1Vota este domingo en tu casilla, \"no faltes\"!\nConsulta ine.mx""#), "\(fixed)")
        #expect(fixed.hasPrefix("{\n  \"network\": \"x\",\n  \"media\": [\"foto.png\"],\n"))
        let decoded = try JSONSerialization.jsonObject(with: Data(fixed.utf8)) as? [String: Any]
        #expect(decoded?["text"] as? String == "¡Vota este domingo en tu casilla, \"no faltes\"!\nConsulta ine.mx")
    }
}
