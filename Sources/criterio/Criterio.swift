import ArgumentParser
import CriterioFoundation
import CriterioRunner
import Foundation

@main
struct Criterio: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "criterio",
        abstract: "Revisa borradores de publicaciones del INE contra los Criterios para el uso de redes sociales.",
        discussion: """
            Códigos de salida: 0 publicable; 1 hay hallazgos que bloquean; 2 error de uso o de lectura; \
            3 falta una consulta aprobada por la CNCS.
            """,
        version: "0.1.0",
        subcommands: [
            LintCommand.self, ScanCommand.self, RulesCommand.self, InitCommand.self, HookCommand.self, ConsultCommand.self,
            QueueCommand.self, AuditCommand.self, UsersCommand.self, ServeCommand.self,
        ],
        defaultSubcommand: nil
    )

    /// Runs the command (the queue's and `lint`, asynchronously). Help, usage errors and anything
    /// else a command throws are said in Spanish: ArgumentParser's text through `ParserText`,
    /// Criterio's errors by their own description, anything else through `FoundationErrors`; never
    /// as a Swift value. Usage errors exit with 2 (SPEC §4), and so does `criterio` alone, after its
    /// usage. Whatever fails, `lint --fix -` still gives back its draft (`FixOutput`).
    static func main() async {
        if CommandLine.arguments.count <= 1 {
            Terminal.writeError(ParserText.spanish(helpMessage(columns: 100_000), width: Terminal.width) + "\n")
            Foundation.exit(ExitStatus.inputError.rawValue)
        }
        do {
            var command = try parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch let exit as ExitCode {
            finish(exit.rawValue)
        } catch let failure as CommandFailure {
            Terminal.error(failure.message)
            finish(failure.status.rawValue)
        } catch let error as any ExplainedError {
            Terminal.error(error.description)
            finish(ExitStatus.inputError.rawValue)
        } catch where String(reflecting: type(of: error)).hasPrefix("ArgumentParser.") {
            // Rendered without wrapping (the translation changes line lengths), then wrapped.
            let rendered = fullMessage(for: error, columns: 100_000)
            if exitCode(for: error) == .success {
                // A help screen; the version, completion scripts and the JSON dump go out as they are.
                let isHelp = rendered.hasPrefix("OVERVIEW: ") || rendered.hasPrefix("USAGE: ")
                Terminal.write((isHelp ? ParserText.spanish(rendered, width: Terminal.width) : rendered) + "\n")
                finish(0)
            }
            let explained = ParserText.explainingNegativeNumber(rendered, arguments: Array(CommandLine.arguments.dropFirst()))
            Terminal.writeError(ParserText.spanish(explained, width: Terminal.width) + "\n")
            if FixOutput.requested(in: CommandLine.arguments) { FixOutput.passThroughStandardInput() }
            finish(ExitStatus.inputError.rawValue)
        } catch {
            Terminal.error(FoundationErrors.message(for: error))
            finish(ExitStatus.inputError.rawValue)
        }
    }

    /// Exits, after `lint --fix -` gave back its draft if an error came first.
    private static func finish(_ status: Int32) -> Never {
        if FixOutput.owesStandardInput { FixOutput.passThroughStandardInput() }
        Foundation.exit(status)
    }
}
