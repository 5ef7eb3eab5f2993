import ArgumentParser
import CriterioCore
import CriterioDrafts
import CriterioReporters
import CriterioRunner

struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Revisa borradores (.md, .txt, .json) contra los criterios.",
        discussion: """
            Acepta archivos, carpetas (se recorren buscando .md, .txt y .json), patrones como \
            'borradores/**/*.md' y - para leer un borrador de la entrada estándar. Los datos personales \
            se ocultan en toda salida salvo con --no-redact.
            """)

    @Argument(help: "Borradores, carpetas o patrones; - lee la entrada estándar.")
    var paths: [String] = []

    @Option(name: .shortAndLong, help: "Formato de salida: \(OutputFormat.names).")
    var format: OutputFormat = .text

    @Option(name: .customLong("fail-level"), help: "Severidad a partir de la cual falla (código 1): error, warning o consult.")
    var failLevel: SeverityArgument = SeverityArgument(.error)

    @Option(name: .customLong("max-warnings"), help: "Falla (código 1) si hay más advertencias que este número.")
    var maxWarnings: Int?

    @Flag(name: .customLong("no-redact"), help: "Muestra los datos personales sin ocultarlos.")
    var noRedact = false

    @Option(name: .customLong("stdin-filename"), help: "Nombre (y formato, por su extensión) del borrador leído de la entrada estándar.")
    var stdinFilename: String?

    @Flag(help: "Aplica las correcciones disponibles (como la de mayusculas) y reescribe los borradores; con - imprime el texto corregido y el informe va a la salida de errores.")
    var fix = false

    func run() throws {
        guard !paths.isEmpty else {
            throw CommandFailure(message: "indica qué borradores revisar: rutas, carpetas, patrones o - para la entrada estándar")
        }
        let linter = try LinterFactory.make()
        let runner = LintRunner(linter: linter, loader: DraftLoader(standardInputName: stdinFilename ?? "<stdin>"))
        let fixRun = fix ? runner.runFixing(paths) : nil
        let report = fixRun?.report ?? runner.run(paths)
        let options = ReportOptions(redact: !noRedact, color: format == .text && Terminal.supportsColor && fixRun?.standardInput == nil)
        let rendered = format.reporter.render(report, options: options)
        if let fixRun { FixOutput.write(fixRun, report: rendered) } else { Terminal.write(rendered) }
        if format != .text {
            for error in report.errors { Terminal.error(error.description) }
        }
        let status = report.exitStatus(policy: FailPolicy(failLevel: failLevel.severity, maxWarnings: maxWarnings))
        if status != .publishable { throw ExitCode(status.rawValue) }
    }
}

/// The `--format` values.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, line, json

    static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }

    var reporter: any Reporter {
        switch self {
        case .text: TextReporter()
        case .line: LineReporter()
        case .json: JSONReporter()
        }
    }
}

/// A severity named on the command line (English identifier or Spanish label).
struct SeverityArgument: ExpressibleByArgument {
    let severity: Severity

    init(_ severity: Severity) { self.severity = severity }

    init?(argument: String) {
        guard let severity = Severity(name: argument) else { return nil }
        self.severity = severity
    }

    var defaultValueDescription: String { severity.rawValue }
}
