import ArgumentParser
import CriterioCore
import CriterioDrafts
import CriterioFoundation
import CriterioGit
import CriterioReporters
import CriterioRunner
import Foundation

struct LintCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Revisa borradores (.md, .txt, .json) contra los criterios.",
        discussion: """
            Acepta archivos, carpetas (se recorren buscando .md, .txt y .json), patrones como \
            'borradores/**/*.md' y - para leer un borrador de la entrada estándar. Con --staged revisa lo \
            preparado para el commit (el índice de git). Los datos personales se ocultan en toda salida \
            salvo con --no-redact.
            """)

    @Argument(help: ArgumentHelp("Borradores, carpetas o patrones; - lee la entrada estándar.", valueName: "ruta"))
    var paths: [String] = []

    @Option(name: .shortAndLong, help: ArgumentHelp("Formato de salida.", valueName: "formato"))
    var format: ReporterArgument = .default

    @Option(name: .customLong("fail-level"), help: ArgumentHelp("Severidad a partir de la cual falla (código 1): error, warning o consult.", valueName: "severidad"))
    var failLevel: SeverityArgument?

    @Option(name: .customLong("max-warnings"), help: ArgumentHelp("Falla (código 1) si hay más advertencias que este número.", valueName: "número"))
    var maxWarnings: Int?

    @Flag(name: .shortAndLong, help: "Muestra solo errores y consultas (las advertencias cuentan igual para el código de salida).")
    var quiet = false

    @Option(name: .customLong("config"), help: ArgumentHelp("Archivo de configuración (si no, se busca .criterio.yml hacia arriba).", valueName: "archivo"))
    var configPath: String?

    @Flag(help: "Revisa el contenido preparado para el commit (git add) en lugar de archivos.")
    var staged = false

    @Option(help: ArgumentHelp("Omite los hallazgos conocidos de esta línea base.", valueName: "archivo"))
    var baseline: String?

    @Option(name: .customLong("write-baseline"), help: ArgumentHelp("Escribe todos los hallazgos como línea base en este archivo.", valueName: "archivo"))
    var writeBaseline: String?

    @Flag(name: .customLong("no-redact"), help: "Muestra los datos personales sin ocultarlos.")
    var noRedact = false

    @Option(name: .customLong("stdin-filename"), help: ArgumentHelp("Nombre (y formato, por su extensión) del borrador leído de la entrada estándar.", valueName: "nombre"))
    var stdinFilename: String?

    @Flag(help: "Aplica las correcciones disponibles (como la de mayusculas) y reescribe los borradores; con - imprime el texto corregido y el informe va a la salida de errores.")
    var fix = false

    /// On the main actor, where `main` already is: linting is synchronous work, and a command that
    /// hopped to the cooperative pool would start its threads for nothing (the hook's latency
    /// counts). Only the queue's lookup, for drafts with `consult` findings, leaves it.
    @MainActor
    func run() async throws {
        // The process ends with this command: what the run lets go of on the way is left to the exit.
        ParallelWork.keepReleasedUntilExit()
        // From here on, `lint --fix -` owes standard output the draft, whatever fails (`Criterio.main`).
        let fixesStandardInput = fix && paths.contains("-")
        if fixesStandardInput { FixOutput.owesStandardInput = true }
        if stdinFilename != nil && !paths.contains("-") {
            throw CommandFailure(message: "--stdin-filename nombra el borrador de la entrada estándar: úsalo junto con - entre las rutas")
        }
        // The configuration is read first: its errors come before any about the paths.
        let configuration = try CommandSetup.configuration(config: configPath)
        let standardInputName = stdinFilename ?? "<stdin>"
        let setup: LintSetup
        var report: LintReport
        var fixRun: FixRun?
        if staged {
            guard paths.isEmpty else { throw CommandFailure(message: "--staged revisa el índice de git; no admite rutas") }
            guard !fix else { throw CommandFailure(message: "--fix corrige archivos, no el índice de git; no se combina con --staged") }
            setup = try CommandSetup.lint(configuration)
            let runner = setup.runner(standardInputName: standardInputName)
            do {
                // git's wait holds the main thread, the command's own, never one of the pool.
                report = try runner.runStaged(in: GitRepository.discover(), isIgnored: configuration.isIgnored(absolutePath:))
            } catch {
                throw CommandFailure(message: error.description)
            }
        } else {
            guard !paths.isEmpty else {
                throw CommandFailure(message: "indica qué borradores revisar: rutas, carpetas, patrones o - para la entrada estándar")
            }
            let expansion: LintRunner.Expansion
            do {
                (setup, expansion) = try LintSetup.expanding(paths, configuration: configuration)
            } catch {
                throw CommandFailure(message: error.description)
            }
            let runner = setup.runner(standardInputName: standardInputName)
            if fix {
                let run = runner.runFixing(expansion)
                // The draft goes out first: nothing after this can take it from standard output.
                FixOutput.writeStandardInput(run)
                fixRun = run
                report = run.report
            } else {
                report = runner.run(expansion)
            }
        }
        setup.finish()
        // Its drafts and findings are left to the exit too, not freed one by one when this returns
        // (tens of milliseconds for a folder of thousands of drafts).
        ParallelWork.release(report)

        if let writeBaseline {
            let folder = URL(fileURLWithPath: DraftLoader.absolute(writeBaseline)).deletingLastPathComponent().path
            let written = Baseline(report: report, relativeTo: folder)
            do { try written.write(to: writeBaseline) } catch { throw CommandFailure(message: error.description) }
            Terminal.errors(report.errors.map(\.description))
            let known = written.findings.reduce(0) { $0 + $1.count }
            var note = "línea base escrita en \(writeBaseline): \(known) hallazgos de \(report.files.count) borradores"
            let consults = report.summary[.consult] ?? 0
            if consults > 0 { note += "; las \(consults) consultas no entran: solo una consulta aprobada por la CNCS las resuelve" }
            Terminal.error(note)
            if !report.errors.isEmpty { throw ExitCode(ExitStatus.inputError.rawValue) }
            return
        }
        if let baseline {
            do {
                let known = try Baseline.load(baseline)
                report.baselined = known.filter(&report, relativeTo: URL(fileURLWithPath: DraftLoader.absolute(baseline)).deletingLastPathComponent().path)
            } catch {
                throw CommandFailure(message: error.description)
            }
        }

        let policy = setup.policy(failLevel: failLevel?.severity, maxWarnings: maxWarnings)
        let gate: ConsultationGate
        do {
            gate = try await ConsultationGate(report: report) { try await QueueContext.lookupForLint(configuration) }
        } catch {
            throw CommandFailure(message: error.description)
        }
        Terminal.errors(gate.notes)
        let status = gate.exitStatus(of: report, policy: policy)
        var shown = report
        if quiet {
            for index in shown.files.indices { shown.files[index].findings.removeAll { $0.severity == .warning } }
        }
        if !(staged && report.files.isEmpty && report.errors.isEmpty) {
            // Only the text format paints; the others ignore `color`.
            let options = ReportOptions(
                redact: !noRedact, color: Terminal.supportsColor && !fixesStandardInput,
                rules: setup.linter.rules.map { type(of: $0).description },
                fingerprint: { file, finding in Baseline.fingerprint(path: file.path, finding: finding) })
            if let fixRun {
                FixOutput.writeReport(fixRun, report: format.reporter.render(shown, options: options))
            } else {
                // Written as it is made: the JSON of a folder of thousands of drafts is megabytes.
                var output = BufferedOutput(descriptor: STDOUT_FILENO)
                format.reporter.write(shown, options: options, to: &output)
                output.flush()
            }
        }
        // The text report lists unreadable drafts itself; machine formats also say them on standard error.
        if format.reporter.identifier != TextReporter.identifier {
            Terminal.errors(report.errors.map(\.description))
        }
        if staged && status != .publishable { Terminal.error(Self.commitAdvice(status)) }
        if status != .publishable { throw ExitCode(status.rawValue) }
    }

    /// What to do when the hook stops a commit.
    static func commitAdvice(_ status: ExitStatus) -> String {
        let reason = switch status {
        case .inputError: "hay borradores que no se pudieron leer."
        case .needsConsultation: "hay borradores que esperan la respuesta de la CNCS."
        default: "hay borradores que no cumplen los criterios."
        }
        return """
            el commit se detuvo: \(reason)
              • Corrige el borrador y vuelve a prepararlo con git add.
              • Si un hallazgo no aplica, suprímelo con su motivo en la línea anterior:
                  <!-- criterio-disable-next-line REGLA -- motivo -->
              • Si tienes dudas sobre publicarlo, consulta a la CNCS:
                  criterio consult submit RUTA --question "…"
            """
    }
}

/// A `--format` value: a reporter of the registry, by its identifier.
struct ReporterArgument: ExpressibleByArgument {
    let reporter: any Reporter

    /// The registry's first format.
    static let `default` = ReporterArgument(reporter: ReporterRegistry.all[0].init())

    init(reporter: any Reporter) { self.reporter = reporter }

    init?(argument: String) {
        guard let reporter = ReporterRegistry.reporter(named: argument) else { return nil }
        self.reporter = reporter
    }

    static var allValueStrings: [String] { ReporterRegistry.identifiers }
    var defaultValueDescription: String { reporter.identifier }
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
