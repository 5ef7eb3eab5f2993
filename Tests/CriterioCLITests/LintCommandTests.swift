import Foundation
import Testing

@Suite("criterio lint")
struct LintCommandTests {
    let media = "---\nmedia: [foto.png]\n---\n"

    func draftFolder(_ files: [String: String]) throws -> Scratch {
        let scratch = try Scratch()
        try scratch.write("foto.png", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        for (name, text) in files { try scratch.write(name, text) }
        return scratch
    }

    @Test func aCleanDraftIsPublishable() throws {
        let result = try CLI.run(["lint", "Samples/borradores/01-jornada-electoral.md"])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.stdout.contains("Sin hallazgos"))
    }

    @Test func findingsFailWithLineAndColumnInTheLineFormat() throws {
        let result = try CLI.run(["lint", "--format", "line", "Samples/borradores/05-ganadora-concurso.md"])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("Samples/borradores/05-ganadora-concurso.md:7:40: error datos-personales/curp: ") })
        #expect(lines.contains { $0.hasPrefix("Samples/borradores/05-ganadora-concurso.md:7:72: error datos-personales/telefono: ") })
    }

    @Test func theLineFormatKeepsOneFindingPerLine() throws {
        // The repeated phrase spans a line break; its message must not.
        let scratch = try draftFolder([
            "a.md": media + "Consulta tu casilla hoy mismo. Más información en el módulo.\nConsulta tu casilla hoy\nmismo.\n"
        ])
        let result = try CLI.run(["lint", "--format", "line", "a.md"], in: scratch.url)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 1, "\(result.stdout)")
        #expect(lines.first?.hasPrefix("a.md:5:1: warning spam/frase-repetida: La frase «Consulta tu casilla hoy mismo» se repite.") == true)
    }

    @Test func personalDataIsRedactedUnlessAskedOtherwise() throws {
        let redacted = try CLI.run(["lint", "--format", "json", "Samples/borradores/05-ganadora-concurso.md"])
        #expect(!redacted.stdout.contains("HEGG560427MVZRRL04"))
        #expect(!redacted.stdout.contains("1234 5678"))
        #expect(redacted.stdout.contains("HEGG••••••MVZ•••0•"))
        for format in ["text", "line"] {
            let other = try CLI.run(["lint", "--format", format, "Samples/borradores/05-ganadora-concurso.md"])
            #expect(!other.output.contains("HEGG560427MVZRRL04"), "\(format)")
        }
        let plain = try CLI.run(["lint", "--format", "json", "--no-redact", "Samples/borradores/05-ganadora-concurso.md"])
        #expect(plain.stdout.contains("HEGG560427MVZRRL04"))
    }

    @Test func personalDataInsideAnotherFindingsExcerptIsRedactedToo() throws {
        let scratch = try draftFolder(["grito.md": media + "¡LLAMA YA AL 55 1234 5678 PARA REGISTRARTE EN EL PROGRAMA!\n"])
        let result = try CLI.run(["lint", "--format", "json", "grito.md"], in: scratch.url)
        #expect(result.stdout.contains("\"rule\" : \"mayusculas\""))
        #expect(!result.stdout.contains("1234 5678"), "\(result.stdout)")
    }

    @Test func jsonHasTheDocumentedShape() throws {
        let result = try CLI.run(["lint", "--format", "json", "Samples/borradores/06-convocatoria-mayusculas.md"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(document["version"] as? Int == 1)
        let summary = try #require(document["summary"] as? [String: Int])
        #expect(summary == ["error": 0, "warning": 1, "consult": 0])
        let files = try #require(document["files"] as? [[String: Any]])
        let finding = try #require((files.first?["findings"] as? [[String: Any]])?.first)
        #expect(Set(finding.keys) == ["rule", "kind", "severity", "criterion", "message", "line", "column", "endLine", "endColumn", "excerpt", "fix"])
        #expect(finding["rule"] as? String == "mayusculas")
        #expect(finding["criterion"] as? String == "6.xxvi")
        #expect(finding["severity"] as? String == "warning")
        #expect((finding["fix"] as? String)?.hasPrefix("Últimos días para registrarte") == true)
    }

    @Test func aBadFileIsReportedByNameAfterTheOthersAreLinted() throws {
        let scratch = try draftFolder(["bueno.md": media + "TEXTO TODO EN MAYÚSCULAS PARA LA JORNADA\n"])
        try scratch.write("latin1.txt", Data("informaci".utf8) + Data([0xF3]) + Data("n".utf8))
        try scratch.write("binario.md", Data([0x47, 0x49, 0x46, 0x00, 0x01]))
        try scratch.write("roto.md", "---\nmedia: [a.png\n---\nTexto\n")
        try scratch.write("roto.json", "{\"text\": \"sin cerrar\"")
        let result = try CLI.run(["lint", "bueno.md", "latin1.txt", "binario.md", "roto.md", "roto.json", "no-existe.md"], in: scratch.url)
        #expect(result.status == 2)
        #expect(result.stdout.contains("bueno.md"))
        #expect(result.stdout.contains("mayusculas"))
        #expect(result.output.contains("latin1.txt:1:10: no es UTF-8 válido"))
        #expect(result.output.contains("binario.md: parece un archivo binario"))
        // The flow list opened on line 2 is found unclosed at the closing fence, line 3.
        #expect(result.output.contains("roto.md:3:1: front matter inválido"))
        #expect(result.output.contains("roto.json: JSON inválido"))
        #expect(result.output.contains("no-existe.md: no existe"))
    }

    @Test func errorsGoToStandardErrorInMachineFormats() throws {
        let scratch = try draftFolder(["bueno.md": media + "Texto correcto.\n"])
        let result = try CLI.run(["lint", "--format", "json", "bueno.md", "falta.md"], in: scratch.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("falta.md: no existe"))
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((document["errors"] as? [[String: Any]])?.first?["path"] as? String == "falta.md")
    }

    @Test func aDraftOverTheSizeLimitIsRefused() throws {
        let scratch = try draftFolder(["enorme.md": String(repeating: "texto ", count: 200_000)])
        let result = try CLI.run(["lint", "enorme.md"], in: scratch.url)
        #expect(result.status == 2)
        #expect(result.output.contains("enorme.md: mide"))
    }

    @Test func consultFindingsWithoutApprovalExitThree() throws {
        let result = try CLI.run(["lint", "Samples/borradores/11-consulta-linchamiento.md"])
        #expect(result.status == 3, "\(result.output)")
        #expect(result.stdout.contains("consulta"))
    }

    @Test func failLevelAndMaxWarningsDecideWhetherWarningsFail() throws {
        let warningOnly = "Samples/borradores/07-infografia-sin-imagen.md"
        #expect(try CLI.run(["lint", warningOnly]).status == 0)
        #expect(try CLI.run(["lint", "--fail-level", "warning", warningOnly]).status == 1)
        #expect(try CLI.run(["lint", "--fail-level", "advertencia", warningOnly]).status == 1)
        #expect(try CLI.run(["lint", "--max-warnings", "0", warningOnly]).status == 1)
        #expect(try CLI.run(["lint", "--max-warnings", "1", warningOnly]).status == 0)
        #expect(try CLI.run(["lint", "--fail-level", "consult", "Samples/borradores/11-consulta-linchamiento.md"]).status == 1)
    }

    @Test func readsOneDraftFromStandardInput() throws {
        let json = "{\"text\": \"Mi correo: persona.ejemplo@gmail.com\", \"media\": \"https://ine.mx/a.png\"}"
        let result = try CLI.run(["lint", "--format", "line", "--stdin-filename", "pegado.json", "-"], stdin: json)
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("pegado.json:1:22: error datos-personales/correo"), "\(result.output)")
        let markdown = try CLI.run(["lint", "--format", "line", "-"], stdin: "Texto sin imagen.\n")
        #expect(markdown.stdout.hasPrefix("<stdin>:1:1: warning sin-multimedia"))
    }

    @Test func foldersAndGlobsExpandToTheDraftsInside() throws {
        let scratch = try draftFolder([
            "a/uno.md": media + "Uno.\n", "a/b/dos.txt": media + "Dos.\n", "a/notas.docx": "x", "a/.oculto/tres.md": "Tres.\n",
        ])
        let folder = try CLI.run(["lint", "--format", "json", "a"], in: scratch.url)
        #expect(folder.status == 0, "\(folder.output)")
        #expect(folder.stdout.contains("a/uno.md") && folder.stdout.contains("a/b/dos.txt"))
        #expect(!folder.stdout.contains("tres.md") && !folder.stdout.contains("notas.docx"))
        let glob = try CLI.run(["lint", "--format", "json", "a/**/*.txt"], in: scratch.url)
        #expect(glob.stdout.contains("a/b/dos.txt") && !glob.stdout.contains("a/uno.md"))
        let nothing = try CLI.run(["lint", "a/**/*.json"], in: scratch.url)
        #expect(nothing.status == 2)
        #expect(nothing.output.contains("no coincide con ningún archivo"))
    }

    @Test func usageErrorsAreSpanishWithStatusTwo() throws {
        let unknown = try CLI.run(["lint", "--formato", "json", "x.md"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("opción desconocida"))
        let noPaths = try CLI.run(["lint"])
        #expect(noPaths.status == 2)
        #expect(noPaths.stderr.contains("indica qué borradores revisar"))
        let badLevel = try CLI.run(["lint", "--fail-level", "grave", "x.md"])
        #expect(badLevel.status == 2)
    }

    /// The configuration is read before the paths are looked at: a broken `.criterio.yml` is what a
    /// user hears about first, whatever else is wrong with the command line.
    @Test func aBrokenConfigurationIsReportedBeforeThePaths() throws {
        let scratch = try draftFolder([".criterio.yml": "rules:\n  mayusculas:\n    umbral: alto\n", "a.md": "Hola.\n"])
        let expected = "la opción «umbral» de «mayusculas» espera un número"
        for arguments in [["lint"], ["lint", "falta.md"], ["lint", "a.md"], ["lint", "--staged", "a.md"]] {
            let result = try CLI.run(arguments, in: scratch.url)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr.contains(expected), "\(arguments): \(result.stderr)")
        }
    }

    @Test func theSamplesShowEveryRuleOfTheCard() throws {
        let result = try CLI.run(["lint", "--format", "json", "Samples/borradores"])
        #expect(result.status == 1)
        for rule in [
            "datos-personales", "mayusculas", "sin-multimedia", "spam", "discurso-odio", "groserias", "cortesia", "opinion-personal",
            "deliberacion-interna", "informacion-reservada", "enlace-externo", "longitud", "ortografia",
        ] {
            #expect(result.stdout.contains("\"rule\" : \"\(rule)\""), "falta \(rule)")
        }
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let files = try #require(document["files"] as? [[String: Any]])
        for name in ["01-jornada-electoral.md", "21-lenguaje-incluyente.md"] {
            let clean = try #require(files.first { ($0["path"] as? String)?.hasSuffix(name) == true })
            #expect((clean["findings"] as? [Any])?.isEmpty == true, "\(name) no debe tener hallazgos")
        }
    }
}

@Suite("criterio rules")
struct RulesCommandTests {
    @Test func listsEveryRuleWithItsCriterion() throws {
        let result = try CLI.run(["rules"])
        #expect(result.status == 0)
        for line in [
            "datos-personales", "mayusculas", "sin-multimedia", "spam", "discurso-odio", "groserias", "cortesia", "opinion-personal",
            "deliberacion-interna", "informacion-reservada", "enlace-externo", "longitud", "ortografia",
        ] {
            #expect(result.stdout.contains(line))
        }
        #expect(result.stdout.contains("[6.xxvi]"))
    }

    @Test func explainsOneRuleWithTheCriterionTextAndExamples() throws {
        let result = try CLI.run(["rules", "sin-multimedia"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Debe procurarse que todas las publicaciones vayan acompañadas de material audiovisual"))
        #expect(result.stdout.contains("Ejemplos que la activan"))
        #expect(result.stdout.contains("Conoce cómo votar desde el extranjero."))
    }

    @Test func anUnknownRuleIsAnError() throws {
        let result = try CLI.run(["rules", "gramatica"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no existe la regla «gramatica»"))
    }

    @Test func jsonListsRulesForScripts() throws {
        let result = try CLI.run(["rules", "--format", "json"])
        let rules = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(
            rules.compactMap { $0["id"] as? String } == [
                "datos-personales", "mayusculas", "sin-multimedia", "spam", "discurso-odio", "groserias", "cortesia",
                "opinion-personal", "deliberacion-interna", "informacion-reservada", "enlace-externo", "longitud", "ortografia",
            ])
    }
}
