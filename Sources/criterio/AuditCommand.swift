import ArgumentParser
import CriterioFoundation
import CriterioQueue
import Foundation

/// `criterio audit`: the *bitácora* of numeral 8.iii.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "La bitácora de la cola (numeral 8.iii): leerla, verificar su cadena de huellas y exportarla.",
        subcommands: [Log.self, Verify.self, Export.self])

    struct Log: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "log", abstract: "Muestra la bitácora, o la de una consulta.")
        @Argument(help: ArgumentHelp("Número de consulta (opcional).", valueName: "número")) var id: Int64?
        @Option(name: .shortAndLong, help: ArgumentHelp("Formato de salida.", valueName: "formato")) var format: ReadFormat = .text
        @OptionGroup var options: QueueOptions

        func run() async throws {
            let context = try await QueueContext.open(options, writing: false)
            let actor = try context.actor()
            let entries = try await context.run { try await context.service.auditLog(of: id, as: actor) }
            switch format {
            case .json: Terminal.write(QueueJSON.render(entries.map(QueueJSON.entry)))
            case .text: Terminal.show(entries.isEmpty ? "La bitácora está vacía.\n" : entries.map { QueueText.entry($0, context) }.joined(separator: "\n") + "\n")
            }
        }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Recorre la cadena de huellas y nombra la primera entrada alterada, eliminada o con la hora atrasada (código 1).")
        @Option(name: .shortAndLong, help: ArgumentHelp("Formato de salida.", valueName: "formato")) var format: ReadFormat = .text
        @Option(
            help: ArgumentHelp(
                "Huella de la última entrada guardada aparte (la que dio una verificación anterior): debe seguir en la cadena, así se nota si quitaron entradas del final.",
                valueName: "huella"))
        var expect: String?
        @OptionGroup var options: QueueOptions

        func run() async throws {
            let context = try await QueueContext.open(options, writing: false)
            let actor = try context.actor()
            if let expect, expect.count != 64 || !expect.allSatisfy(\.isHexDigit) {
                throw CommandFailure(message: "--expect: «\(expect)» no es una huella de la bitácora (64 caracteres hexadecimales)")
            }
            let verification = try await context.run { try await context.service.verifyAudit(as: actor, expectedHead: expect) }
            let result = QueueJSON.verification(verification)
            if format == .json { Terminal.write(QueueJSON.render(result)) }
            guard result.intact else {
                if format == .json { throw ExitCode(1) }
                throw CommandFailure(message: result.message, status: .failing)
            }
            if format == .text { Terminal.show(result.message.prefix(1).uppercased() + result.message.dropFirst() + ".\n") }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "export", abstract: "Exporta la bitácora completa en JSON Lines (una entrada por línea).")
        @Option(name: .shortAndLong, help: ArgumentHelp("Archivo de salida (predeterminado: la salida estándar).", valueName: "archivo")) var output: String?
        @OptionGroup var options: QueueOptions

        func run() async throws {
            let context = try await QueueContext.open(options, writing: false)
            let actor = try context.actor()
            let encoder = JSONOutput.encoder(.compact)
            var lines = Data()
            var count = 0
            try await context.run {
                try await context.service.forEachAuditEntry(as: actor) { entry in
                    lines.append(try encoder.encode(QueueJSON.entry(entry)))
                    lines.append(0x0A)
                    count += 1
                }
            }
            guard let output else { return FileHandle.standardOutput.write(lines) }
            do {
                try lines.write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                throw CommandFailure(message: "\(output): no se pudo escribir (\(FoundationErrors.describe(error)))")
            }
            Terminal.error("\(count) entradas exportadas a \(output)")
        }
    }
}
