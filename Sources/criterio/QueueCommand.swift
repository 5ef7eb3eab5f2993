import ArgumentParser
import CriterioQueue
import Foundation

/// `criterio queue`: what CNCS reviewers and supervisors do.
struct QueueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "La cola de consultas de la CNCS: listar, reclamar, decidir, reabrir y vencer.",
        discussion: "Códigos de salida: 0 hecho; 1 la cola rechazó la acción (estado, versión, reclamo o permiso); 2 error de uso o de la base de datos.",
        subcommands: [List.self, Show.self, Claim.self, Release.self, Approve.self, Reject.self, RequestChanges.self, Reopen.self, Comment.self, Tick.self, QueueMigrateCommand.self])

    /// Performs a person's action and prints what happened.
    static func act(
        _ action: QueueAction, id: Int64, version: Int?, comment: String?, options: QueueOptions, message: (Consultation) -> String
    ) async throws {
        try await act(action, id: id, version: version, comment: comment, options: options) { item, _ in message(item) }
    }

    static func act(
        _ action: QueueAction, id: Int64, version: Int?, comment: String?, options: QueueOptions, message: (Consultation, QueueContext) -> String
    ) async throws {
        let context = try await QueueContext.open(options, writing: true)
        let actor = try context.actor()
        do {
            let outcome = try await context.run {
                try await context.service.perform(action, on: id, by: actor, expectedVersion: version, comment: comment, at: context.now)
            }
            Terminal.show(message(outcome.consultation, context))
        } catch {
            // A refusal may follow automatic transitions (an expiry) that did commit and notify.
            await context.deliverNotifications()
            throw error
        }
        await context.deliverNotifications()
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Lista las consultas por vencimiento; las vencidas primero.")

        @Option(help: ArgumentHelp("Solo este estado: pending, in_review, approved, rejected, changes_requested, withdrawn, expired.", valueName: "estado"))
        var status: String?

        @Flag(help: "Solo las que ya pasaron su plazo.")
        var overdue = false

        @Option(name: .shortAndLong, help: ArgumentHelp("Formato de salida.", valueName: "formato"))
        var format: ReadFormat = .text

        @OptionGroup var options: QueueOptions

        func run() async throws {
            var query = ConsultationQuery()
            if let status {
                guard let state = ConsultationState(name: status) else {
                    throw CommandFailure(message: "estado desconocido «\(status)»; usa: \(ConsultationState.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                query.states = [state]
            }
            let context = try await QueueContext.open(options, writing: false)
            if overdue { query.dueAtOrBefore = context.now }
            let actor = try context.actor()
            let items = try await context.run { try await context.service.list(query, as: actor) }
            Self.print(items, context: context, format: format)
        }

        static func print(_ items: [Consultation], context: QueueContext, format: ReadFormat) {
            switch format {
            case .json:
                Terminal.write(QueueJSON.render(items.map { QueueJSON.item($0, now: context.now) }))
            case .text:
                if items.isEmpty { return Terminal.show("No hay consultas.\n") }
                Terminal.show(items.map { QueueText.line($0, context) }.joined(separator: "\n") + "\n")
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Muestra una consulta: texto, hallazgos, pregunta, respuesta e historial.")

        @Argument(help: ArgumentHelp("Número de consulta.", valueName: "número"))
        var id: Int64

        @Option(name: .shortAndLong, help: ArgumentHelp("Formato de salida.", valueName: "formato"))
        var format: ReadFormat = .text

        @OptionGroup var options: QueueOptions

        func run() async throws {
            let context = try await QueueContext.open(options, writing: false)
            let actor = try context.actor()
            let detail = try await context.run { try await context.service.detail(of: id, as: actor) }
            if format == .json { Terminal.write(QueueJSON.render(QueueJSON.detail(detail, now: context.now))) } else { Terminal.show(QueueText.detail(detail, context)) }
        }
    }

    struct Claim: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "claim", abstract: "Reclama una consulta para revisarla (nadie más puede decidirla mientras dure el reclamo).")
        @Argument(help: ArgumentHelp("Número de consulta.", valueName: "número")) var id: Int64
        @Option(help: ArgumentHelp("Versión que viste (criterio queue show ID); falla si la consulta cambió.", valueName: "versión")) var version: Int?
        @OptionGroup var options: QueueOptions

        func run() async throws {
            try await QueueCommand.act(.claim, id: id, version: version, comment: nil, options: options) { item, context in
                "Consulta \(item.id) reclamada (versión \(item.version)); tu reclamo dura hasta el \(context.local(item.claim?.expiresAt ?? context.now)).\n"
            }
        }
    }

    struct Release: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "release", abstract: "Libera una consulta reclamada (una supervisora puede liberar la de otra persona).")
        @Argument(help: ArgumentHelp("Número de consulta.", valueName: "número")) var id: Int64
        @Option(help: ArgumentHelp("Motivo.", valueName: "motivo")) var reason: String?
        @Option(help: ArgumentHelp("Versión que viste; falla si la consulta cambió.", valueName: "versión")) var version: Int?
        @OptionGroup var options: QueueOptions

        func run() async throws {
            try await QueueCommand.act(.release, id: id, version: version, comment: reason, options: options) { "Consulta \($0.id) liberada; vuelve a estar pendiente.\n" }
        }
    }

    /// What every decision (approve, reject, request changes) names.
    struct DecisionArguments: ParsableArguments {
        @Argument(help: ArgumentHelp("Número de consulta.", valueName: "número")) var id: Int64
        @Option(help: ArgumentHelp("Comentario para quien preguntó.", valueName: "comentario")) var comment: String
        @Option(help: ArgumentHelp("Versión que viste (predeterminado: la de tu reclamo); falla si la consulta cambió.", valueName: "versión")) var version: Int?
    }

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "approve", abstract: "Aprueba la revisión actual (solo cubre ese texto exacto).")
        @OptionGroup var decision: DecisionArguments
        @OptionGroup var options: QueueOptions

        func run() async throws {
            try await QueueCommand.act(.approve, id: decision.id, version: decision.version, comment: decision.comment, options: options) {
                "Consulta \($0.id) aprobada (revisión \($0.revision)).\n"
            }
        }
    }

    struct Reject: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reject", abstract: "Rechaza la consulta: el borrador no se publica.")
        @OptionGroup var decision: DecisionArguments
        @OptionGroup var options: QueueOptions

        func run() async throws {
            try await QueueCommand.act(.reject, id: decision.id, version: decision.version, comment: decision.comment, options: options) { "Consulta \($0.id) rechazada.\n" }
        }
    }

    struct RequestChanges: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "request-changes", abstract: "Pide cambios; el reloj de la CNCS se detiene hasta que llegue la nueva revisión.")
        @OptionGroup var decision: DecisionArguments
        @OptionGroup var options: QueueOptions

        func run() async throws {
            try await QueueCommand.act(.requestChanges, id: decision.id, version: decision.version, comment: decision.comment, options: options) {
                "Se pidieron cambios en la consulta \($0.id); el reloj queda detenido.\n"
            }
        }
    }

    struct Reopen: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reopen", abstract: "Reabre una consulta terminada (solo supervisoras; queda en la bitácora).")
        @Argument(help: ArgumentHelp("Número de consulta.", valueName: "número")) var id: Int64
        @Option(help: ArgumentHelp("Motivo.", valueName: "motivo")) var reason: String
        @Option(help: ArgumentHelp("Versión que viste; falla si la consulta cambió.", valueName: "versión")) var version: Int?
        @OptionGroup var options: QueueOptions

        func run() async throws {
            try await QueueCommand.act(.reopen, id: id, version: version, comment: reason, options: options) { item, context in
                "Consulta \(item.id) reabierta; vence el \(context.local(item.dueAt ?? context.now)).\n"
            }
        }
    }

    struct Comment: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "comment", abstract: "Agrega un comentario a la consulta, sin cambiar su estado.")
        @Argument(help: ArgumentHelp("Número de consulta.", valueName: "número")) var id: Int64
        @Option(help: ArgumentHelp("El comentario.", valueName: "comentario")) var comment: String
        @Option(help: ArgumentHelp("Versión que viste; falla si la consulta cambió.", valueName: "versión")) var version: Int?
        @OptionGroup var options: QueueOptions

        func run() async throws {
            try await QueueCommand.act(.comment, id: id, version: version, comment: comment, options: options) { "Comentario agregado a la consulta \($0.id).\n" }
        }
    }

    struct Tick: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "tick",
            abstract: "Vence las consultas sin respuesta, libera reclamos vencidos, avisa de las que están por vencer y envía notificaciones pendientes.")

        @Option(name: .shortAndLong, help: ArgumentHelp("Formato de salida.", valueName: "formato"))
        var format: ReadFormat = .text

        @OptionGroup var options: QueueOptions

        func run() async throws {
            let context = try await QueueContext.open(options, writing: true)
            let actor = try context.actor()
            let entries = try await context.run { try await context.service.tick(at: context.now, as: actor) }
            switch format {
            case .json:
                Terminal.write(QueueJSON.render(entries.map(QueueJSON.entry)))
            case .text:
                let expired = entries.filter { $0.event == QueueAction.expire.eventName }.count
                let released = entries.filter { $0.event == QueueAction.expireClaim.eventName }.count
                let warned = entries.filter { $0.event == QueueAction.warn.eventName }.count
                var text = "Vencidas: \(expired) · reclamos liberados: \(released) · avisos de vencimiento: \(warned)\n"
                for entry in entries { text += "  " + QueueText.entry(entry, context) + "\n" }
                Terminal.show(text)
            }
            await context.deliverNotifications()
        }
    }
}
