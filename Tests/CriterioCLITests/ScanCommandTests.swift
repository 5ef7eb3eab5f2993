import Foundation
import Testing

@Suite("criterio scan desde la línea de comandos")
struct ScanCommandTests {
    static let samples = CLI.root.appendingPathComponent("Samples/archivos")

    @Test("Cada archivo de ejemplo del README se revisa, con su formato reconocido y su resumen", arguments: [
        ("x-ine-jalisco.zip", "archivo de X", ["Ráfagas: 1", "Grupos de casi duplicados: 1", "@INEJuntaJalisco", "cortesia"]),
        ("facebook/your_posts_1.json", "exportación de Facebook", ["deliberacion-interna", "registro 7: la publicación no tiene texto", "informacion-reservada"]),
        ("publicaciones.jsonl", "JSON Lines", ["@INEMexico", "@INECDMX", "registro 12: JSON inválido", "Grupos de casi duplicados: 1"]),
        ("publicaciones.csv", "CSV", ["@INEJalisco", "registro 9: tiene 8 campos y el encabezado 7", "datos-personales"]),
    ])
    func samples(name: String, format: String, expected: [String]) throws {
        let result = try CLI.run(["scan", "Samples/archivos/" + name])
        #expect(result.status == 1, "los ejemplos tienen errores a propósito: \(result.stderr)")
        #expect(result.stdout.contains("Samples/archivos/\(name): \(format)"))
        for text in expected {
            #expect(result.output.contains(text), "falta «\(text)» en:\n\(result.output)")
        }
        #expect(!result.stderr.contains("\u{1B}["), "sin terminal no hay barra de progreso")
        #expect(!result.stderr.contains("publicaciones ·"))
    }

    @Test("Varios archivos a la vez, --format jsonl como SPEC §9 y --report con un HTML autocontenido")
    func jsonlAndReport() throws {
        let scratch = try Scratch()
        let report = scratch.url.appendingPathComponent("informe.html")
        let archives = ["x-ine-jalisco.zip", "facebook/your_posts_1.json", "publicaciones.jsonl", "publicaciones.csv"].map { "Samples/archivos/" + $0 }
        let result = try CLI.run(["scan"] + archives + ["--format", "jsonl", "--report", report.path, "--jobs", "2"])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(lines.allSatisfy { $0 != nil }, "cada línea es JSON")
        let summary = try #require(lines.last??["summary"] as? [String: Any])
        #expect(summary["posts"] as? Int == 19 + 8 + 14 + 8)
        #expect(summary["bad_records"] as? Int == 1 + 2 + 2)
        #expect(Set(lines.dropLast().compactMap { $0?["archive"] as? String }) == Set(archives))
        let html = try String(contentsOf: report, encoding: .utf8)
        #expect(html.contains("Hallazgos por cuenta") && html.contains("@INEJuntaJalisco") && html.contains("@INECDMX"))
        #expect(result.stderr.contains("informe escrito en"))
    }

    @Test("El informe se ve en Chromium: la captura de pantalla no está en blanco")
    func reportRendersInChromium() throws {
        let scratch = try Scratch()
        let report = scratch.url.appendingPathComponent("informe.html")
        _ = try CLI.run(["scan", "Samples/archivos/x-ine-jalisco.zip", "Samples/archivos/publicaciones.jsonl", "--report", report.path, "--quiet"])
        let screenshot = scratch.url.appendingPathComponent("informe.png")
        let env = URL(fileURLWithPath: "/usr/bin/env")
        let rendered = try ProcessRunner.run(
            env,
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--user-data-dir=\(scratch.url.path)/perfil",
             "--window-size=1200,1600", "--screenshot=\(screenshot.path)", report.absoluteURL.absoluteString],
            environment: ["HOME": scratch.url.path, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin"])
        #expect(rendered.status == 0, "Chromium (scripts/install-deps lo instala): \(rendered.stderr)")
        #expect(FileManager.default.fileExists(atPath: screenshot.path), "Chromium no escribió la captura: \(rendered.stderr)")
        // ImageMagick's `identify` counts the distinct colours (%k) of the PNG.
        let colors = try ProcessRunner.run(env, ["identify", "-format", "%k %w %h", screenshot.path])
        #expect(colors.status == 0, "ImageMagick (scripts/install-deps lo instala): \(colors.stderr)")
        let numbers = colors.stdout.split(separator: " ").compactMap { Int($0) }
        #expect(numbers.count == 3 && numbers[1] == 1200 && numbers[2] == 1600, "\(colors.output)")
        #expect((numbers.first ?? 0) > 100, "una página en blanco tiene un color; el informe, texto y gráficas: \(colors.stdout)")
    }

    @Test("En una terminal, una barra de progreso en la salida de errores; con --quiet, ninguna")
    func progressBarOnATerminal() throws {
        // `script` (util-linux) runs the command on a pseudo-terminal and copies what it shows.
        func onTerminal(_ arguments: String) throws -> String {
            let command = "\(CLI.binary.path) scan Samples/archivos/publicaciones.jsonl \(arguments) > /dev/null"
            var environment = ProcessInfo.processInfo.environment
            environment["CRITERIO_CACHE_DIR"] = CLI.cacheDirectory
            return try ProcessRunner.run(
                URL(fileURLWithPath: "/usr/bin/env"), ["script", "-qec", command, "/dev/null"], in: CLI.root, environment: environment
            ).stdout
        }
        let shown = try onTerminal("")
        #expect(shown.contains("publicaciones ·") && shown.contains("pub/s") && shown.contains("░"), "\(shown)")
        #expect(shown.contains("\r\u{1B}[K"), "la barra se borra al terminar")
        let quiet = try onTerminal("--quiet")
        #expect(!quiet.contains("pub/s") && !quiet.contains("░"), "\(quiet)")
    }

    @Test("Errores de uso y de lectura en español; 2 solo si no se pudo leer ninguna publicación")
    func errors() throws {
        let none = try CLI.run(["scan"])
        #expect(none.status == 2 && none.stderr.contains("indica qué archivos de publicaciones revisar"))
        let missing = try CLI.run(["scan", "no-existe.jsonl"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no-existe.jsonl: no existe el archivo o la carpeta"))
        #expect(missing.stderr.contains("no se pudo leer ninguna publicación"))
        let partly = try CLI.run(["scan", "no-existe.jsonl", "Samples/archivos/publicaciones.csv", "--quiet"])
        #expect(partly.status == 1, "una publicación leída basta para revisar")
        #expect(partly.stdout.contains("No se pudo leer"))
        let date = try CLI.run(["scan", "Samples/archivos/publicaciones.csv", "--since", "ayer"])
        #expect(date.status == 2 && date.stderr.contains("--since: «ayer» no es una fecha"))
        let scratch = try Scratch()
        try scratch.write(".criterio.yml", "rules:\n  spam:\n    similitud: 1.5\n")
        let config = try CLI.run(["scan", CLI.root.appendingPathComponent("Samples/archivos/publicaciones.csv").path], in: scratch.url)
        #expect(config.status == 2 && config.stderr.contains(".criterio.yml:3: la opción «similitud» de «spam» debe estar entre 0.5 y 1; se dio 1.5"))
    }

    @Test("--since/--until, --baseline y --write-baseline")
    func periodAndBaseline() throws {
        let scratch = try Scratch()
        let baseline = scratch.url.appendingPathComponent("base.json").path
        let first = try CLI.run(["scan", "Samples/archivos/publicaciones.jsonl", "--write-baseline", baseline, "--quiet"])
        #expect(first.stderr.contains("línea base escrita en"))
        let again = try CLI.run(["scan", "Samples/archivos/publicaciones.jsonl", "--baseline", baseline, "--format", "jsonl", "--quiet"])
        #expect(again.status == 0, "\(again.output)")
        #expect(again.stdout.split(separator: "\n").count == 1, "solo la línea de resumen: nada nuevo")
        let april = try CLI.run(["scan", "Samples/archivos/publicaciones.jsonl", "--since", "2024-04-01", "--until", "2024-04-30", "--quiet"])
        #expect(april.stdout.contains("2024-04") && !april.stdout.contains("2024-03"))
    }

    @Test("lint sobre una carpeta busca casi duplicados entre sus borradores")
    func lintFolder() throws {
        let scratch = try Scratch()
        let text = "Recuerda que el voto es libre y secreto. Nadie puede obligarte a votar por alguien este domingo 2 de junio."
        try scratch.write("borradores/lunes.md", "---\nmedia: [https://www.ine.mx/a.jpg]\n---\n\(text)\n")
        try scratch.write("borradores/martes.md", "---\nmedia: [https://www.ine.mx/b.jpg]\n---\n\(text) #VotoLibre\n")
        try scratch.write("borradores/otro.md", "---\nmedia: [https://www.ine.mx/c.jpg]\n---\nHoy inicia la actualización del Padrón Electoral en los 300 distritos.\n")
        let result = try CLI.run(["lint", "borradores", "--format", "line"], in: scratch.url)
        #expect(result.status == 0, "una advertencia no bloquea")
        let lines = result.stdout.split(separator: "\n").filter { $0.contains("spam/casi-duplicado") }
        #expect(lines.count == 2, "\(result.stdout)")
        #expect(lines.contains { $0.hasPrefix("borradores/martes.md:4:1:") && $0.contains("«borradores/lunes.md»") })
        let single = try CLI.run(["lint", "borradores/lunes.md"], in: scratch.url)
        #expect(!single.stdout.contains("casi-duplicado"))
    }

    @Test("La ayuda de scan está en español")
    func help() throws {
        let result = try CLI.run(["scan", "--help"])
        #expect(result.status == 0)
        for text in ["Revisa archivos de publicaciones", "--text-column", "--since", "--report", "--jobs", "casi duplicados"] {
            #expect(result.stdout.contains(text))
        }
    }
}
