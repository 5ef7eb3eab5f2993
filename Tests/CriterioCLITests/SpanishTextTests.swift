import Foundation
import Testing

/// Words of ArgumentParser's, Foundation's, Yams's and SQLite's English that must never reach a person.
let englishMarkers = [
    "OVERVIEW", "USAGE", "ARGUMENTS", "OPTIONS", "SUBCOMMANDS", "Show the version", "Show help information", "Show subcommand",
    "See '", "for more information", "for detailed help", "(default", "(values", "<subcommand>", "Error:", "Usage:", "Help:",
    "Missing", "Unknown option", "Please provide", "is invalid", "Unexpected argument", "Did you mean", "Invalid", "around character",
    "JSON text", "doesn’t exist", "doesn't exist", "NSCocoaErrorDomain", "Maximum nesting", "expected all keys", "disk I/O",
    "(message:", "CommandFailure",
]

/// `text` with line breaks and runs of spaces made one space.
func flat(_ text: String) -> String {
    text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
}

func englishIn(_ text: String) -> [String] {
    englishMarkers.filter { text.contains($0) }
}

@Suite("Ayuda y errores en español")
struct SpanishTextTests {
    /// The subcommands a help screen lists under SUBCOMANDOS (ArgumentParser's own `help` left out).
    static func subcommands(in help: String) -> [String] {
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(of: "SUBCOMANDOS:") else { return [] }
        return lines[(start + 1)...].prefix { !$0.isEmpty }
            .filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }
            .compactMap { $0.split(separator: " ").first.map(String.init) }
            .filter { $0 != "help" }
    }

    @Test func everyCommandsHelpIsSpanishAndFitsEightyColumns() throws {
        var commands: [[String]] = [[]]
        var index = 0
        while index < commands.count {
            let command = commands[index]
            index += 1
            let viaFlag = try CLI.run(command + ["--help"])
            let viaHelp = try CLI.run(["help"] + command)
            for (form, result) in [("\(command) --help", viaFlag), ("help \(command)", viaHelp)] {
                #expect(result.status == 0 && result.stderr.isEmpty, "\(form): \(result.output)")
                #expect(result.stdout.contains("USO: criterio"), "\(form): \(result.stdout)")
                #expect(result.stdout.contains("DESCRIPCIÓN: ") && result.stdout.contains("Muestra esta ayuda."), "\(form): \(result.stdout)")
                #expect(englishIn(result.stdout).isEmpty, "\(form): \(englishIn(result.stdout))\n\(result.stdout)")
                let long = result.stdout.split(separator: "\n").filter { $0.count > 80 }
                #expect(long.isEmpty, "\(form): \(long)")
            }
            #expect(viaFlag.stdout == viaHelp.stdout, "\(command)")
            commands += Self.subcommands(in: viaFlag.stdout).map { command + [$0] }
        }
        // criterio; lint, rules, init, hook, consult, queue, audit, users; and their 20 subcommands.
        #expect(commands.count >= 29, "\(commands)")
        #expect(commands.contains(["queue", "request-changes"]) && commands.contains(["hook", "uninstall"]))
    }

    @Test func theVersionIsJustTheNumber() throws {
        let result = try CLI.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout == "0.1.0\n")
    }

    /// Completion scripts are programs: they are printed as ArgumentParser writes them, never wrapped.
    @Test func completionScriptsAreLeftAsTheyAre() throws {
        let result = try CLI.run(["--generate-completion-script", "bash"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("#!/bin/bash"))
        let check = try ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/env"), ["bash", "-n"], stdin: result.stdout)
        #expect(check.status == 0, "\(check.stderr)")
    }

    @Test(arguments: [
        (["lint", "--formt", "json", "a.md"], "criterio: opción desconocida «--formt»; ¿quisiste decir «--format»?"),
        (["lint", "--format", "xml", "a.md"], "criterio: el valor «xml» no es válido para «--format <formato>»; usa uno de estos valores:\n  - text\n  - line"),
        (["lint", "--fail-level", "grave", "a.md"], "criterio: el valor «grave» no es válido para «--fail-level <severidad>»"),
        (["consult", "submit"], "criterio: falta el argumento «<borrador>»\nAyuda: <borrador>  El borrador (.md, .txt o .json)."),
        (["queue", "approve", "1"], "criterio: falta el argumento «--comment <comentario>»"),
        (["queue", "claim", "abc"], "criterio: el valor «abc» no es válido para «<número>»"),
        (["users", "add", "eva", "--role", "nadie"], "; usa uno de estos valores: admin, cncs o supervisor."),
        (["rules", "--format"], "criterio: falta el valor de «--format <formato>»"),
        (["queue", "claim", "1", "2", "3"], "criterio: 2 argumentos inesperados: «2», «3»"),
        (["lnt"], "criterio: argumento inesperado «lnt»"),
        (["init", "--force=si"], "criterio: la opción «--force» no lleva valor, pero se le dio «si»."),
        (["queue"], "DESCRIPCIÓN: La cola de consultas de la CNCS"),
    ])
    func usageErrorsAreSpanish(arguments: [String], expected: String) throws {
        let result = try CLI.run(arguments)
        if arguments == ["queue"] {
            // A group without a subcommand shows its help.
            #expect(result.status == 0 && result.stdout.contains(expected), "\(result.output)")
            return
        }
        #expect(result.status == 2, "\(result.output)")
        #expect(result.stdout.isEmpty)
        // Compared with line breaks and runs of spaces made one space: the message is wrapped.
        #expect(flat(result.stderr).contains(flat(expected)), "\(result.stderr)")
        #expect(result.stderr.hasPrefix("criterio: "))
        #expect(result.stderr.contains("Uso: criterio") && result.stderr.contains("Usa «criterio"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").allSatisfy { $0.count <= 80 }, "\(result.stderr)")
        #expect(englishIn(result.stderr).isEmpty, "\(englishIn(result.stderr))\n\(result.stderr)")
    }

    @Test func everyListedFormatIsAccepted() throws {
        let help = try CLI.run(["lint", "--help"]).stdout.split(separator: "\n").joined(separator: " ")
        let listed = try #require(help.range(of: "(valores: ")).upperBound
        let values = help[listed...].prefix { $0 != ";" }.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(values == ["text", "line", "json", "sarif", "junit", "github"])
        let scratch = try Scratch()
        try scratch.write("a.md", "---\nmedia: [https://www.ine.mx/a.png]\n---\n¡ÚLTIMOS DÍAS PARA REGISTRARTE COMO SUPERVISORA ELECTORAL!\n")
        for format in values {
            let result = try CLI.run(["lint", "--format", format, "a.md"], in: scratch.url)
            #expect(result.status == 0 && result.stdout.contains("mayusculas") || format == "junit" && result.stdout.contains("a.md"), "\(format): \(result.output)")
        }
    }
}

@Suite("Errores de lectura en español, con el archivo y la línea")
struct ReadingErrorTests {
    static let deepJSON = "{\"text\":\"x\",\"a\":" + String(repeating: "[", count: 600) + String(repeating: "]", count: 600) + "}"
    static let deepYAML = "---\nmedia: " + String(repeating: "[", count: 1100) + String(repeating: "]", count: 1100) + "\n---\nHola.\n"

    @Test(arguments: [
        ("roto.json", "{\"text\": \"hola\"\n  \"red\": \"x\"}", "roto.json:2:3: JSON inválido: valor inválido"),
        ("fragmento.json", "\"hola\"", "fragmento.json: JSON inválido: el texto no empieza con un objeto «{…}» ni con una lista «[…]»"),
        ("cortado.json", "{\"text\": \"hola", "cortado.json: JSON inválido: el archivo termina antes de cerrar el JSON"),
        ("escape.json", "{\"text\": \"\\x\"}", "escape.json:1:11: JSON inválido: secuencia de escape inválida"),
        ("hondo.json", deepJSON, "hondo.json:1:529: JSON inválido: demasiados niveles de listas u objetos anidados"),
        ("repetida.md", "---\nred: x\nred: facebook\n---\nHola.\n", "repetida.md:2:1: front matter inválido: la clave «red» está repetida"),
        ("anidada.md", deepYAML, "anidada.md:2:9: front matter inválido: demasiados niveles de listas o mapas anidados"),
    ])
    func aBrokenDraftIsExplained(name: String, text: String, expected: String) throws {
        let scratch = try Scratch()
        try scratch.write(name, text)
        try scratch.write("bien.md", "---\nmedia: [https://www.ine.mx/a.png]\n---\nTexto correcto.\n")
        let result = try CLI.run(["lint", "--format", "line", name, "bien.md"], in: scratch.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains(expected), "\(result.stderr)")
        #expect(englishIn(result.output).isEmpty, "\(englishIn(result.output))")
    }

    @Test func aRepeatedKeyInTheConfigurationNamesItsLine() throws {
        let scratch = try Scratch()
        try scratch.write(".criterio.yml", "fail_level: error\nrules:\n  spam: false\nrules:\n  spam: true\n")
        try scratch.write("a.md", "Hola.\n")
        let result = try CLI.run(["lint", "a.md"], in: scratch.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains(".criterio.yml:2: YAML inválido: la clave «rules» está repetida"), "\(result.stderr)")
        #expect(englishIn(result.stderr).isEmpty)
    }

    @Test func filesThatCannotBeWrittenAreExplained() throws {
        let q = try QueueScratch()
        _ = try q.submit()
        let export = try q.run(["audit", "export", "--output", "no/existe/bitacora.jsonl", "--as", "sofia"])
        #expect(export.status == 2)
        #expect(export.stderr.contains("no/existe/bitacora.jsonl: no se pudo escribir (no existe el archivo o la carpeta)"), "\(export.stderr)")
        let baseline = try q.run(["lint", "--write-baseline", "borrador.md/base.json", "borrador.md"])
        #expect(baseline.status == 2)
        #expect(baseline.stderr.contains("no se pudo escribir la línea base «borrador.md/base.json»: "), "\(baseline.stderr)")
        for result in [export, baseline] { #expect(englishIn(result.stderr).isEmpty, "\(result.stderr)") }
    }
}

@Suite("ProcessRunner")
struct ProcessRunnerTests {
    /// A child that fills both pipes (well past 64 KiB each) before it ends, reading its input first.
    @Test func aChildWritingALotToBothStreamsDoesNotBlockIt() throws {
        let script = "import sys\ndata = sys.stdin.read()\nsys.stderr.write('e' * 300000)\nsys.stdout.write('o' * 300000)\nsys.stderr.write(data)\n"
        let input = String(repeating: "i", count: 200_000)
        let result = try ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script], stdin: input)
        #expect(result.status == 0)
        #expect(result.stdout.count == 300_000)
        #expect(result.stderr.count == 500_000)
    }

    @Test func aStartedProcessIsReadLineByLineAndFedUntilItsInputCloses() throws {
        let script = "import sys\nprint('lista', flush=True)\nfor line in sys.stdin:\n    print(line.strip().upper(), flush=True)\n"
        let running = try ProcessRunner.start(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script])
        #expect(running.readLine() == "lista")
        running.write("uno\n")
        #expect(running.readLine() == "UNO")
        running.write("dos\n")
        let result = running.wait()
        #expect(result.status == 0)
        #expect(result.stdout == "lista\nUNO\nDOS\n")
        #expect(running.readLine() == "DOS")
        #expect(running.readLine() == nil)
    }
}
