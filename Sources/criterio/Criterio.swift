import ArgumentParser
import Foundation

@main
struct Criterio: ParsableCommand {
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
            QueueCommand.self, AuditCommand.self, UsersCommand.self,
        ],
        defaultSubcommand: nil
    )

    /// Runs the command, with usage errors in Spanish and exit status 2 (SPEC §4).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch let failure as CommandFailure {
            Terminal.error(failure.message)
            Foundation.exit(failure.status.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            Terminal.error(UsageMessages.spanish(fullMessage(for: error)))
            Foundation.exit(2)
        }
    }
}
