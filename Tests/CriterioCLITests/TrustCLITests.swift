import Foundation
import Testing

/// Issue 10: what a hostile tester tried, and what the command line does now.
@Suite("Confianza: nada truena, nada se esconde, nada se pierde")
struct TrustCLITests {
    let media = "---\nmedia: [foto.png]\n---\n"
    /// The first bytes of a PNG (made on each use: a `Data` kept in a static is one LeakSanitizer
    /// cannot follow, and reports as leaked).
    static var png: Data { Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52]) }

    func folder(_ files: [String: String] = [:]) throws -> Scratch {
        let scratch = try Scratch()
        try scratch.write("foto.png", Self.png)
        for (name, text) in files { try scratch.write(name, text) }
        return scratch
    }

    func findings(_ result: CLIResult) throws -> [[String: Any]] {
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.output)")
        return ((document["files"] as? [[String: Any]]) ?? []).flatMap { ($0["findings"] as? [[String: Any]]) ?? [] }
    }

    // MARK: - Crashes

    @Test(arguments: [
        ("rules:\n  datos-personales:\n    ventana_contexto: -100\n", "c.yml:3: la opción «ventana_contexto» de «datos-personales» debe estar entre 0 y 500; se dio -100"),
        ("rules:\n  spam:\n    max_repeticiones: -1\n", "c.yml:3: la opción «max_repeticiones» de «spam» debe estar entre 1 y 1000; se dio -1"),
        ("rules:\n  mayusculas:\n    umbral: .nan\n", "c.yml:3: la opción «umbral» de «mayusculas» debe estar entre 0 y 1"),
        ("rules:\n  longitud:\n    x: 0\n", "c.yml:3: la opción «x» de «longitud» debe estar entre 1 y 1000000; se dio 0"),
        ("queue:\n  response_hours: 9223372036854775807\n", "c.yml:2: queue.response_hours: debe estar entre 1 y 720"),
        ("max_warnings: -3\n", "c.yml:1: «max_warnings» espera un número entero de 0 a 1000000"),
    ])
    func aNumberOutsideItsRangeIsAnErrorWithFileAndLine(config: String, message: String) throws {
        let scratch = try folder(["c.yml": config, "d.md": media + "Mi CURP es HEGG560427MVZRRL04\n"])
        let result = try CLI.run(["lint", "--config", "c.yml", "d.md"], in: scratch.url)
        #expect(result.status == 2, "\(result.output)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        // The queue commands read the same file and refuse it the same way.
        let queue = try CLI.run(["users", "list", "--config", "c.yml", "--as", "sofia", "--db", scratch.url.appendingPathComponent("q.sqlite").path], in: scratch.url)
        if config.hasPrefix("queue") { #expect(queue.status == 2 && queue.stderr.contains(message), "\(queue.output)") }
    }

    @Test func rulesAndInitShowEveryNumberWithItsRange() throws {
        let rules = try CLI.run(["rules", "datos-personales"])
        #expect(rules.stdout.contains("ventana_contexto (predeterminado: 60; de 0 a 500)"), "\(rules.stdout)")
        // And what of the post each rule reads.
        #expect(rules.stdout.contains("Lee: todo lo que se publica, también el código entre acentos graves y los enlaces"))
        #expect(try CLI.run(["rules", "mayusculas"]).stdout.contains("Lee: el texto; no el código entre acentos graves ni los enlaces"))
        let scratch = try Scratch()
        #expect(try CLI.run(["init"], in: scratch.url).status == 0)
        let written = try String(contentsOf: scratch.url.appendingPathComponent(".criterio.yml"), encoding: .utf8)
        #expect(written.contains("# ventana_contexto: 60  # Caracteres antes y después de un dato en los que se buscan palabras de contexto. (de 0 a 500)"))
        #expect(written.contains("# umbral: 0.5"))
        #expect(written.contains("(de 0 a 1)"))
        #expect(written.contains("#   response_hours: 48  # horas que tiene la CNCS para responder (6.viii: 48) (de 1 a 720)"))
        #expect(written.contains("#       timeout_seconds: 10"))
    }

    // MARK: - Nothing hides

    @Test(arguments: [
        "<!-- x\nMi CURP es HEGG560427MVZRRL04\n",
        "```\nMi CURP es HEGG560427MVZRRL04\n",
        "Mi CURP es `HEGG560427MVZRRL04`\n",
        "Descarga tu constancia en https://ine.mx/?curp=HEGG560427MVZRRL04\n",
        "Mi CURP es HEGG\u{200B}560427MVZ\u{200D}RRL04\n",
        "Mi CURP es ＨＥＧＧ５６０４２７ＭＶＺＲＲＬ０４\n",
    ])
    func personalDataIsFoundWhereverItIsPublished(text: String) throws {
        let scratch = try folder(["u.md": media + text])
        let result = try CLI.run(["lint", "--format", "json", "u.md"], in: scratch.url)
        #expect(result.status == 1, "\(result.output)")
        let curp = try findings(result).first { $0["kind"] as? String == "curp" }
        #expect(curp?["line"] as? Int == 5 || curp?["line"] as? Int == 4, "\(result.stdout)")
    }

    @Test func aRepeatedJSONKeyIsAnInputErrorNamingIt() throws {
        let scratch = try folder(["d.json": "{\"text\": \"Mi CURP es HEGG560427MVZRRL04\",\n \"text\": \"hola\"}\n"])
        let result = try CLI.run(["lint", "d.json"], in: scratch.url)
        #expect(result.status == 2)
        #expect(result.stdout.contains("d.json:2:2: la clave «text» está repetida"), "\(result.output)")
    }

    @Test(arguments: [
        ("{\"text\": true}", "d.json:1:2: «text» debe ser un texto, no un booleano (true)"),
        ("{\"text\": null}", "d.json:1:2: «text» es null; debe ser el texto de la publicación"),
        ("{\"text\": 12.5}", "d.json:1:2: «text» debe ser un texto, no un número (12.5)"),
        ("{\"network\": {\"x\": 1}, \"text\": \"hola\"}", "d.json:1:2: «network» debe ser un texto, no un objeto"),
        ("{\"texto\": \"a\", \"meta\": {\"k\": 1, \"k\": 2}}", "d.json:1:33: la clave «k» está repetida"),
    ])
    func aJSONValueOfTheWrongTypeSaysWhatItIs(json: String, message: String) throws {
        let scratch = try folder(["d.json": json])
        let result = try CLI.run(["lint", "d.json"], in: scratch.url)
        #expect(result.status == 2)
        #expect(result.stdout.contains(message), "\(result.output)")
    }

    @Test func aByteOrderMarkIsNotColumnOne() throws {
        let scratch = try folder(["b.md": "\u{FEFF}Mi CURP es HEGG560427MVZRRL04\n", "b.json": "\u{FEFF}{\"text\": \"Mi CURP es HEGG560427MVZRRL04\"}"])
        let result = try CLI.run(["lint", "--format", "line", "b.md", "b.json"], in: scratch.url)
        #expect(result.stdout.contains("b.md:1:12: error datos-personales/curp"), "\(result.output)")
        #expect(result.stdout.contains("b.json:1:22: error datos-personales/curp"), "\(result.output)")
    }

    // MARK: - Data loss

    @Test(arguments: [
        (["lint", "--fix", "-"], "---\nx: 1\n"),
        (["lint", "--fix", "-", "--config", "no-existe.yml"], "Hola.\n"),
        (["lint", "--fix", "--format", "inventado", "-"], "Hola.\n"),
        (["lint", "--fix", "-", "--max-warnings", "-1"], "Hola.\n"),
        (["lint", "--fix", "--stdin-filename", "x.json", "-"], "{\"text\": "),
    ])
    func withFixFromStandardInputTheOutputIsOnlyEverTheDraft(arguments: [String], input: String) throws {
        let scratch = try folder()
        let result = try CLI.run(arguments, stdin: input, in: scratch.url)
        #expect(result.status == 2, "\(result.output)")
        #expect(result.stdout == input, "stdout: \(result.stdout.debugDescription)")
        #expect(!result.stderr.isEmpty)
    }

    @Test func aDraftOverTheLimitGoesBackWhole() throws {
        let input = String(repeating: "Hola mundo. ", count: 100_000)
        let scratch = try folder()
        let result = try CLI.run(["lint", "--fix", "-"], stdin: input, in: scratch.url)
        #expect(result.status == 2)
        #expect(result.stdout == input)
        #expect(result.stderr.contains("supera el límite"))
    }

    @Test func aFixedDraftGoesOutAloneAndTheReportToStandardError() throws {
        let input = media + "¡SAL A VOTAR ESTE DOMINGO! Consulta tu casilla.\n"
        let scratch = try folder()
        let result = try CLI.run(["lint", "--fix", "--format", "json", "-"], stdin: input, in: scratch.url)
        #expect(result.stdout == media + "¡Sal a votar este domingo! Consulta tu casilla.\n", "\(result.output)")
        #expect(result.stderr.contains("\"version\""))
    }

    // MARK: - CNCS

    @Test func aBaselineNeverAnswersForCNCS() throws {
        let scratch = try folder(["borradores/a.md": "---\nmedia: [../foto.png]\n---\nEl INE condena el intento de linchamiento contra personal de capacitación.\n"])
        try FileManager.default.createDirectory(at: scratch.url.appendingPathComponent(".git"), withIntermediateDirectories: true)
        let written = try CLI.run(["lint", "--write-baseline", "b.json", "borradores"], in: scratch.url)
        #expect(written.status == 0, "\(written.output)")
        #expect(written.stderr.contains("consultas no entran"), "\(written.stderr)")
        let baseline = try String(contentsOf: scratch.url.appendingPathComponent("b.json"), encoding: .utf8)
        #expect(!baseline.contains("discurso-odio"), "\(baseline)")
        let result = try CLI.run(["lint", "--baseline", "b.json", "borradores"], in: scratch.url)
        #expect(result.status == 3, "\(result.output)")
    }

    // MARK: - Paths

    @Test func aFileNamedTwiceIsLintedOnce() throws {
        let scratch = try folder(["a.md": media + "Mi CURP es HEGG560427MVZRRL04\n"])
        try FileManager.default.createSymbolicLink(atPath: scratch.url.appendingPathComponent("enlace.md").path, withDestinationPath: "a.md")
        let result = try CLI.run(["lint", "--format", "json", "a.md", "./a.md", "enlace.md", "../\(scratch.url.lastPathComponent)/a.md"], in: scratch.url)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((document["files"] as? [Any])?.count == 1, "\(result.stdout)")
    }

    @Test func anUnreadableFolderInsideALintedFolderIsAnInputError() throws {
        let scratch = try folder(["okdir/a.md": media + "Hola.\n", "okdir/noaccess/c.md": "Mi CURP es HEGG560427MVZRRL04\n"])
        let locked = scratch.url.appendingPathComponent("okdir/noaccess").path
        #expect(chmod(locked, 0o700) == 0)
        let result = try CLI.runAsNobody(["lint", "okdir"], in: scratch.url)
        #expect(result.status == 2, "\(result.output)")
        #expect(result.stdout.contains("okdir/noaccess: no hay permiso para leer la carpeta"), "\(result.output)")
        // Under a folder nobody may enter, the file is not said to be missing.
        let under = try CLI.runAsNobody(["lint", "okdir/noaccess/c.md"], in: scratch.url)
        #expect(under.status == 2)
        #expect(under.stdout.contains("okdir/noaccess/c.md: no hay permiso para entrar en la carpeta «okdir/noaccess»"), "\(under.output)")
        #expect(!under.output.contains("no existe"))
        // An unreadable file too.
        let file = scratch.url.appendingPathComponent("okdir/a.md").path
        #expect(chmod(file, 0o600) == 0)
        let unreadable = try CLI.runAsNobody(["lint", "okdir/a.md"], in: scratch.url)
        #expect(unreadable.status == 2 && unreadable.stdout.contains("no hay permiso para leerlo"), "\(unreadable.output)")
    }

    // MARK: - sin-multimedia

    @Test(arguments: [
        ("/etc/passwd", "está fuera del repositorio del borrador"),
        ("../../etc/passwd", "está fuera del repositorio del borrador"),
        ("/bin/ls", "está fuera del repositorio del borrador"),
        ("texto.png", "no es imagen, video ni audio por su contenido"),
        ("carpeta.png", "no es un archivo"),
        ("enlace.png", "está fuera del repositorio del borrador"),
        ("no-hay.png", "no existe"),
    ])
    func mediaAreAudiovisualFilesInsideTheRepository(path: String, message: String) throws {
        let scratch = try folder(["borrador/a.md": "---\nmedia: [\"\(path)\"]\n---\nHola.\n", "borrador/texto.png": "no soy una imagen"])
        try FileManager.default.createDirectory(at: scratch.url.appendingPathComponent("borrador/carpeta.png"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: scratch.url.appendingPathComponent("borrador/enlace.png").path, withDestinationPath: "/etc/passwd")
        let result = try CLI.run(["lint", "--format", "line", "borrador/a.md"], in: scratch.url)
        #expect(result.stdout.contains("warning sin-multimedia: ") && result.stdout.contains(message), "\(result.stdout)")
    }

    @Test func realMediaAreAcceptedAndOutsideOnlyWhenConfigured() throws {
        let scratch = try folder([
            "repo/a.md": "---\nmedia: [foto.png, ../fuera.png]\n---\nHola.\n",
            ".criterio.yml": "rules:\n  sin-multimedia:\n    fuera_del_repositorio: true\n",
        ])
        try FileManager.default.createDirectory(at: scratch.url.appendingPathComponent("repo/.git"), withIntermediateDirectories: true)
        try scratch.write("repo/foto.png", Self.png)
        try scratch.write("fuera.png", Self.png)
        let strict = try CLI.run(["lint", "--config", "/dev/null", "--format", "line", "repo/a.md"], in: scratch.url)
        #expect(strict.stdout.contains("«../fuera.png» está fuera del repositorio del borrador"), "\(strict.output)")
        #expect(!strict.stdout.contains("«foto.png»"))
        let allowed = try CLI.run(["lint", "--format", "line", "repo/a.md"], in: scratch.url)
        #expect(!allowed.stdout.contains("sin-multimedia"), "\(allowed.output)")
    }

    // MARK: - Command line

    @Test func negativeNumbersGetARealMessage() throws {
        let warnings = try CLI.run(["lint", "--max-warnings", "-1", "a.md"])
        #expect(warnings.status == 2)
        #expect(warnings.stderr.hasPrefix("criterio: «--max-warnings» espera un número entero de 0 o más, no «-1»"), "\(warnings.stderr)")
        let show = try CLI.run(["queue", "show", "-1"])
        #expect(show.status == 2)
        #expect(show.stderr.hasPrefix("criterio: «-1» no es válido: aquí se espera un número entero de 0 o más"), "\(show.stderr)")
        #expect(!warnings.stderr.contains("falta el valor") && !show.stderr.contains("falta el"))
    }

    @Test func criterioAloneShowsItsUsageAndFails() throws {
        let result = try CLI.run([])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("USO: criterio <subcomando>"), "\(result.stderr)")
    }

    @Test func aStandardInputNameWithoutStandardInputIsAnError() throws {
        let scratch = try folder(["a.md": media + "Hola.\n"])
        let result = try CLI.run(["lint", "--stdin-filename", "x.json", "a.md"], in: scratch.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("--stdin-filename nombra el borrador de la entrada estándar"))
    }

    @Test func textOutputNeverPrintsEscapeSequencesFromDrafts() throws {
        let name = "a\u{1B}[2J.md"
        let scratch = try folder([name: media + "ATENCIÓN \u{1B}[31mHOY\u{1B}[0m SESIONA EL CONSEJO GENERAL DEL INSTITUTO \u{9B}2J\n"])
        for format in ["text", "line", "github"] {
            let result = try CLI.run(["lint", "--format", format, "--fail-level", "warning", name], in: scratch.url)
            #expect(result.status == 1, "\(format): \(result.output)")
            #expect(!result.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x9B }, "\(format): \(result.stdout.debugDescription)")
            #expect(result.stdout.contains("a␛[2J.md"), "\(format)")
        }
        let errors = try CLI.run(["lint", "no\u{1B}[2Jexiste.md"], in: scratch.url)
        #expect(!errors.stderr.unicodeScalars.contains { $0.value == 0x1B } && !errors.stdout.unicodeScalars.contains { $0.value == 0x1B })
    }
}
