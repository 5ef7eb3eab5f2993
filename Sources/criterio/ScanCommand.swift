import ArgumentParser
import CriterioArchives
import CriterioCore
import CriterioFoundation
import CriterioRunner
import CriterioScan
import Foundation

struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Revisa archivos de publicaciones ya publicadas (evaluación semestral, numeral 8).",
        discussion: """
            Lee JSON Lines (un objeto por línea: id, text, created_at, media, account, network, reply_to), \
            CSV con encabezado (--text-column), el archivo de una cuenta de X (el .zip, su carpeta o \
            data/tweets.js) y la exportación de publicaciones de Facebook (your_posts_1.json); el formato se \
            reconoce por el contenido. Revisa cada publicación con todas las reglas en todos los núcleos, \
            busca casi duplicados y ráfagas de una misma cuenta (regla spam) y termina con un resumen: por \
            regla y severidad, por cuenta, por mes, las publicaciones más graves y los grupos de casi \
            duplicados. Un registro dañado se reporta con su archivo y número y se omite. Códigos de salida \
            como lint; 2 solo si no se pudo leer ninguna publicación.
            """)

    @Argument(help: ArgumentHelp("Archivos de publicaciones: .jsonl, .csv, el .zip o la carpeta de X, your_posts_1.json.", valueName: "archivo"))
    var archives: [String] = []

    @Option(name: .shortAndLong, help: ArgumentHelp("Formato de salida: text (resumen), jsonl o sarif.", valueName: "formato"))
    var format: ScanFormatArgument = .init(.text)

    @Option(help: ArgumentHelp("Escribe además un informe HTML autocontenido en este archivo.", valueName: "archivo"))
    var report: String?

    @Option(help: ArgumentHelp("Hilos que revisan (predeterminado: todos los núcleos).", valueName: "número"))
    var jobs: Int?

    @Option(name: .customLong("text-column"), help: ArgumentHelp("Columna del CSV con el texto de la publicación.", valueName: "columna"))
    var textColumn: String?

    @Option(help: ArgumentHelp("Solo publicaciones desde esta fecha (AAAA-MM-DD, hora de la Ciudad de México, o ISO 8601).", valueName: "fecha"))
    var since: String?

    @Option(help: ArgumentHelp("Solo publicaciones hasta esta fecha, incluida (AAAA-MM-DD o ISO 8601).", valueName: "fecha"))
    var until: String?

    @Option(help: ArgumentHelp("Omite los hallazgos conocidos de esta línea base (una revisión periódica reporta solo lo nuevo).", valueName: "archivo"))
    var baseline: String?

    @Option(name: .customLong("write-baseline"), help: ArgumentHelp("Escribe todos los hallazgos como línea base en este archivo.", valueName: "archivo"))
    var writeBaseline: String?

    @Option(name: .customLong("fail-level"), help: ArgumentHelp("Severidad a partir de la cual falla (código 1): error, warning o consult.", valueName: "severidad"))
    var failLevel: SeverityArgument?

    @Option(name: .customLong("max-warnings"), help: ArgumentHelp("Falla (código 1) si hay más advertencias que este número.", valueName: "número"))
    var maxWarnings: Int?

    @Flag(name: .shortAndLong, help: "Sin barra de progreso ni la lista de registros con problemas en la salida de errores.")
    var quiet = false

    @Flag(name: .customLong("no-redact"), help: "Muestra los datos personales sin ocultarlos.")
    var noRedact = false

    @Option(name: .customLong("config"), help: ArgumentHelp("Archivo de configuración (si no, se busca .criterio.yml hacia arriba).", valueName: "archivo"))
    var configPath: String?

    func run() throws {
        guard !archives.isEmpty else { throw CommandFailure(message: "indica qué archivos de publicaciones revisar") }
        if let jobs, jobs < 1 { throw CommandFailure(message: "--jobs debe ser al menos 1") }
        let setup = try CommandSetup.lint(config: configPath)
        let linter = setup.linter
        var configuration = ScanConfiguration(
            archives: archives, archiveOptions: ArchiveOptions(textColumn: textColumn),
            jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, format: format.format, redact: !noRedact,
            collectsBaseline: writeBaseline != nil)
        configuration.since = try since.map { try Self.date($0, option: "--since", endOfDay: false) }
        configuration.until = try until.map { try Self.date($0, option: "--until", endOfDay: true) }
        if let baseline {
            do { configuration.baseline = try Baseline.load(baseline) } catch { throw CommandFailure(message: FoundationErrors.message(for: error)) }
        }

        let progress = ProgressDisplay(enabled: !quiet && isatty(STDERR_FILENO) == 1)
        var shownBadRecords = 0
        let events = ScanEvents(
            badRecord: { record in
                guard !quiet else { return }
                shownBadRecords += 1
                if shownBadRecords <= 20 {
                    progress.clear()
                    Terminal.error(record.description)
                } else if shownBadRecords == 21 {
                    progress.clear()
                    Terminal.error("… hay más registros con problemas; el resumen los cuenta")
                }
            },
            archiveError: { error in
                progress.clear()
                Terminal.error(error.description)
            },
            progress: progress.show)
        let run: ScanRun
        do {
            run = try Scanner(linter: linter, configuration: configuration).run(
                write: { FileHandle.standardOutput.write(Data($0)) }, events: events)
        } catch {
            progress.clear()
            throw CommandFailure(message: error.description)
        }
        progress.clear()

        if format.format == .text { Terminal.write(ScanTextSummary.render(run.summary)) }
        if let report {
            let html = ScanHTMLReport.render(run.summary, rules: linter.rules.map { type(of: $0).description })
            do {
                try Data(html.utf8).write(to: URL(fileURLWithPath: report), options: .atomic)
            } catch {
                throw CommandFailure(message: "no se pudo escribir el informe «\(report)»: \(FoundationErrors.describe(error))")
            }
            if !quiet { Terminal.error("informe escrito en \(report)") }
        }
        if let writeBaseline, let written = run.baseline {
            do { try written.write(to: writeBaseline) } catch { throw CommandFailure(message: FoundationErrors.message(for: error)) }
            Terminal.error("línea base escrita en \(writeBaseline): \(run.summary.findings + run.summary.baselined) hallazgos de \(run.summary.posts) publicaciones")
        }
        if run.summary.posts == 0 {
            Terminal.error("no se pudo leer ninguna publicación")
        }
        let policy = setup.policy(failLevel: failLevel?.severity, maxWarnings: maxWarnings)
        let status = run.exitStatus(policy: policy)
        if status != .publishable { throw ExitCode(status.rawValue) }
    }

    static func date(_ value: String, option: String, endOfDay: Bool) throws -> PublicationDate {
        guard let date = ScanCalendar.parse(value, endOfDay: endOfDay) else {
            throw CommandFailure(message: "\(option): «\(value)» no es una fecha; usa AAAA-MM-DD o ISO 8601 (2024-05-20T10:00:00-06:00)")
        }
        return date
    }
}

/// The `--format` values of `scan`.
struct ScanFormatArgument: ExpressibleByArgument {
    let format: ScanOutputFormat

    init(_ format: ScanOutputFormat) { self.format = format }

    init?(argument: String) {
        guard let format = ScanOutputFormat(rawValue: argument.lowercased()) else { return nil }
        self.format = format
    }

    var defaultValueDescription: String { format.rawValue }
    static var allValueStrings: [String] { ScanOutputFormat.allCases.map(\.rawValue) }
}

/// The progress bar on standard error, redrawn in place; nothing when it is off.
final class ProgressDisplay {
    let enabled: Bool
    private var shown = false

    init(enabled: Bool) { self.enabled = enabled }

    func show(_ progress: ScanProgress) {
        guard enabled else { return }
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + ProgressBar.line(progress)).utf8))
        shown = true
    }

    func clear() {
        guard shown else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        shown = false
    }
}
