import Foundation
import Testing

@Suite("Configuración (.criterio.yml)")
struct ConfigurationTests {
    let media = "---\nmedia: [https://www.ine.mx/a.png]\n---\n"
    let shouting = "¡ÚLTIMOS DÍAS PARA REGISTRARTE COMO SUPERVISORA ELECTORAL EN TU DISTRITO!\n"

    func folder(config: String?, files: [String: String] = [:]) throws -> Scratch {
        let scratch = try Scratch()
        if let config { try scratch.write(".criterio.yml", config) }
        for (name, text) in files { try scratch.write(name, text) }
        return scratch
    }

    @Test func rulesCanBeTurnedOffReSeveredAndTuned() throws {
        let scratch = try folder(config: nil, files: ["a.md": media + shouting])
        #expect(try CLI.run(["lint", "a.md"], in: scratch.url).status == 0)  // a warning does not fail

        try scratch.write(".criterio.yml", "rules:\n  mayusculas: error\n")
        #expect(try CLI.run(["lint", "a.md"], in: scratch.url).status == 1)

        try scratch.write(".criterio.yml", "rules:\n  mayusculas:\n    severity: error\n    umbral: 0.95\n")
        let tuned = try CLI.run(["lint", "--format", "json", "a.md"], in: scratch.url)
        #expect(tuned.status == 1, "el 100 % supera 0.95")
        try scratch.write(".criterio.yml", "rules:\n  mayusculas: false\n")
        let off = try CLI.run(["lint", "--format", "json", "a.md"], in: scratch.url)
        #expect(off.status == 0 && !off.stdout.contains("mayusculas"))
    }

    @Test func failLevelAndMaxWarningsComeFromTheFileUnlessFlagsSayOtherwise() throws {
        let scratch = try folder(config: "fail_level: warning\n", files: ["a.md": media + shouting])
        #expect(try CLI.run(["lint", "a.md"], in: scratch.url).status == 1)
        #expect(try CLI.run(["lint", "--fail-level", "error", "a.md"], in: scratch.url).status == 0)
        try scratch.write(".criterio.yml", "max_warnings: 0\n")
        #expect(try CLI.run(["lint", "a.md"], in: scratch.url).status == 1)
    }

    @Test func theFileIsFoundFromTheWorkingDirectoryUpwardsOrNamed() throws {
        let scratch = try folder(config: "rules:\n  mayusculas: error\n", files: ["sub/carpeta/a.md": media + shouting])
        let nested = scratch.url.appendingPathComponent("sub/carpeta")
        #expect(try CLI.run(["lint", "a.md"], in: nested).status == 1)
        try scratch.write("otra.yml", "rules:\n  mayusculas: false\n")
        #expect(try CLI.run(["lint", "--config", "../../otra.yml", "a.md"], in: nested).status == 0)
    }

    @Test func extendsReadsTheBaseFirstAndTheNearerFileWins() throws {
        let scratch = try folder(
            config: "extends: base/comun.yml\nrules:\n  mayusculas:\n    severity: error\n",
            files: ["base/comun.yml": "rules:\n  mayusculas:\n    umbral: 0.99\n  sin-multimedia: false\n", "a.md": shouting])
        let result = try CLI.run(["lint", "--format", "json", "a.md"], in: scratch.url)
        #expect(!result.stdout.contains("sin-multimedia"), "la base la apagó")
        #expect(result.status == 1, "el umbral 0.99 de la base y la severidad error del hijo se combinan: \(result.output)")
    }

    @Test func ignoredPathsAreNotLinted() throws {
        let scratch = try folder(
            config: "ignore:\n  - \"archivo/**\"\n", files: ["archivo/viejo.md": media + shouting, "nuevo.md": media + "Texto correcto.\n"])
        let result = try CLI.run(["lint", "--format", "json", "."], in: scratch.url)
        #expect(result.stdout.contains("nuevo.md") && !result.stdout.contains("viejo.md"))
    }

    @Test func wordListsCanBeExtendedWithFilesOrEntries() throws {
        let phone = media + "Llama a la junta distrital al 33 3615 0000.\n"
        let scratch = try folder(config: nil, files: ["a.md": phone])
        #expect(try CLI.run(["lint", "--fail-level", "warning", "a.md"], in: scratch.url).status == 1)
        try scratch.write(".criterio.yml", "wordlists:\n  datos-personales/telefonos-institucionales:\n    entries: [\"33 3615 0000\"]\n")
        #expect(try CLI.run(["lint", "--fail-level", "warning", "a.md"], in: scratch.url).status == 0)
        try scratch.write("telefonos.txt", "# de la junta\n33 3615 0000\n")
        try scratch.write(".criterio.yml", "wordlists:\n  datos-personales/telefonos-institucionales: [telefonos.txt]\n")
        #expect(try CLI.run(["lint", "--fail-level", "warning", "a.md"], in: scratch.url).status == 0)
    }

    @Test(arguments: [
        ("rules:\n  mayusculas: error\nfail_levle: warning\n", ".criterio.yml:3: clave desconocida «fail_levle» (¿quisiste decir «fail_level»?)"),
        ("rules:\n  mayuscula: false\n", ".criterio.yml:2: regla desconocida «mayuscula» (¿quisiste decir «mayusculas»?)"),
        ("rules:\n  mayusculas:\n    umbarl: 0.4\n", ".criterio.yml:3: la regla «mayusculas» no tiene la opción «umbarl» (¿quisiste decir «umbral»?)"),
        ("rules:\n  mayusculas:\n    umbral: alto\n", ".criterio.yml:3: la opción «umbral» de «mayusculas» espera un número"),
        ("rules:\n  spam:\n    max_hashtags: [3]\n", ".criterio.yml:3: la opción «max_hashtags» de «spam» espera un número entero"),
        ("fail_level: grave\n", ".criterio.yml:1: «fail_level» espera una severidad"),
        ("rules:\n  mayusculas: [error\n", ".criterio.yml:3: YAML inválido"),
        ("extends: no-existe.yml\n", ".criterio.yml:1: «extends»: no existe «no-existe.yml»"),
        ("wordlists:\n  siglas: [a.txt]\n", ".criterio.yml:2: no existe la lista de palabras «siglas»"),
        ("wordlists:\n  mayusculas/siglas: [falta.txt]\n", ".criterio.yml:2: lista «falta.txt»"),
        ("- una lista\n", ".criterio.yml:1: la configuración debe ser un mapa"),
    ])
    func aWrongKeyOrValueIsASpanishErrorWithFileAndLine(config: String, expected: String) throws {
        let scratch = try folder(config: config, files: ["a.md": media + "Texto.\n"])
        let result = try CLI.run(["lint", "a.md"], in: scratch.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains(expected), "\(result.stderr)")
    }

    @Test func anExtendsCycleIsRefused() throws {
        let scratch = try folder(config: "extends: otra.yml\n", files: ["otra.yml": "extends: .criterio.yml\n", "a.md": "x"])
        let result = try CLI.run(["lint", "a.md"], in: scratch.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("forma un ciclo"))
    }

    @Test func initWritesACommentedFileThatLoadsAndDocumentsEveryRule() throws {
        let scratch = try folder(config: nil, files: ["a.md": media + shouting])
        let written = try CLI.run(["init"], in: scratch.url)
        #expect(written.status == 0)
        let text = try String(contentsOf: scratch.url.appendingPathComponent(".criterio.yml"), encoding: .utf8)
        let rules = try CLI.run(["rules", "--format", "json"])
        let ids = try #require(try JSONSerialization.jsonObject(with: Data(rules.stdout.utf8)) as? [[String: Any]]).compactMap { $0["id"] as? String }
        for id in ids { #expect(text.contains("\n  \(id):\n"), "falta \(id)") }
        #expect(text.contains("# umbral: 0.5"))
        // The starter file is valid configuration, with the defaults.
        #expect(try CLI.run(["lint", "a.md"], in: scratch.url).status == 0)
        let again = try CLI.run(["init"], in: scratch.url)
        #expect(again.status == 2 && again.stderr.contains("ya existe .criterio.yml"))
        #expect(try CLI.run(["init", "--force"], in: scratch.url).status == 0)
    }
}
