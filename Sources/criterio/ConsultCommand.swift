import ArgumentParser
import CriterioCore
import CriterioQueue
import CriterioRunner
import Foundation

/// `criterio consult`: what an account administrator does with the CNCS queue (criterion 6.viii).
struct ConsultCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consult",
        abstract: "Consulta a la CNCS sobre un borrador dudoso (criterio 6.viii) y sigue la respuesta.",
        subcommands: [Submit.self, Status.self, Withdraw.self])

    struct Submit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "submit",
            abstract: "Envía un borrador, con sus hallazgos y una pregunta, a la CNCS (48 horas para responder).")

        @Argument(help: ArgumentHelp("El borrador (.md, .txt o .json).", valueName: "borrador"))
        var draft: String

        @Option(help: ArgumentHelp("La pregunta para la CNCS.", valueName: "pregunta"))
        var question: String

        @Option(help: ArgumentHelp("Área que consulta (predeterminado: la del usuario).", valueName: "área"))
        var area: String?

        @Option(help: ArgumentHelp("Envía una nueva revisión de la consulta ID, cuya respuesta pidió cambios.", valueName: "número"))
        var resubmit: Int64?

        @OptionGroup var options: QueueOptions

        func run() async throws {
            // Linted as `lint` lints it (same `.criterio.yml`): a finding of a disabled rule is not sent.
            let report = try CommandSetup.lint(config: options.config).runner().run([draft])
            if let error = report.errors.first { throw CommandFailure(message: error.description) }
            guard let file = report.files.first, report.files.count == 1 else {
                throw CommandFailure(message: "\(draft): indica un solo borrador (un archivo), no una carpeta ni un patrón")
            }
            let submission = Submission(file, question: question, area: area)
            let findings = submission.findings
            let context = try await QueueContext.open(options, writing: true)
            let actor = try context.actor()
            let outcome = try await context.run { try await context.service.submit(submission, by: actor, resubmitting: resubmit, at: context.now) }
            let item = outcome.consultation
            let consults = findings.filter { $0.severity == Severity.consult.rawValue }.count
            var text = resubmit == nil ? "Consulta \(item.id) enviada a la CNCS" : "Revisión \(item.revision) de la consulta \(item.id) enviada a la CNCS"
            text += " (\(findings.count) hallazgo\(findings.count == 1 ? "" : "s"), \(consults) de consulta).\n"
            if let due = item.dueAt { text += "La CNCS tiene hasta el \(context.local(due)) para responder (\(context.timeLeft(until: due))).\n" }
            text += "Sigue la respuesta con: criterio consult status \(item.id)\n"
            if file.findings.contains(where: { $0.severity == .error }) {
                text += "Atención: el borrador tiene errores que bloquean la publicación aunque la CNCS apruebe la consulta.\n"
            }
            Terminal.show(text)
            await context.deliverNotifications()
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Muestra una consulta (por número o por borrador) o, sin argumento, las consultas que puedes ver.")

        @Argument(help: ArgumentHelp("Número de consulta, o ruta de un borrador (busca la consulta de su texto exacto).", valueName: "número|borrador"))
        var target: String?

        @Option(name: .shortAndLong, help: ArgumentHelp("Formato de salida.", valueName: "formato"))
        var format: ReadFormat = .text

        @OptionGroup var options: QueueOptions

        func run() async throws {
            let context = try await QueueContext.open(options, writing: false)
            let actor = try context.actor()
            guard let target else {
                let items = try await context.run { try await context.service.list(ConsultationQuery(), as: actor) }
                return QueueCommand.List.print(items, context: context, format: format)
            }
            var id = Int64(target)
            if id == nil {
                let report = try CommandSetup.lint(config: options.config).runner().run([target])
                if let error = report.errors.first { throw CommandFailure(message: error.description) }
                guard let file = report.files.first else { throw CommandFailure(message: "\(target): no es un borrador") }
                guard let coverage = try await context.run({ try await context.service.coverage(ofContent: file.draft.fileBytes) }) else {
                    throw CommandFailure(
                        message: "ninguna consulta cubre este texto exacto de \(target); envíala con: criterio consult submit \(target) --question \"…\"",
                        status: .failing)
                }
                if coverage.unconfirmedApproval != nil { Terminal.error(coverage.publicationNote(at: context.now, in: context.timeZone)) }
                id = coverage.consultation.id
            }
            let detail = try await context.run { try await context.service.detail(of: id!, as: actor) }
            if format == .json { Terminal.write(QueueJSON.render(QueueJSON.detail(detail, now: context.now))) } else { Terminal.show(QueueText.detail(detail, context)) }
        }
    }

    struct Withdraw: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "withdraw", abstract: "Retira una consulta que ya no hace falta.")

        @Argument(help: ArgumentHelp("Número de consulta.", valueName: "número"))
        var id: Int64

        @Option(help: ArgumentHelp("Motivo.", valueName: "motivo"))
        var reason: String?

        @Option(help: ArgumentHelp("Versión que viste (criterio consult status ID); falla si la consulta cambió.", valueName: "versión"))
        var version: Int?

        @OptionGroup var options: QueueOptions

        func run() async throws {
            try await QueueCommand.act(.withdraw, id: id, version: version, comment: reason, options: options) {
                "Consulta \($0.id) retirada.\n"
            }
        }
    }
}
