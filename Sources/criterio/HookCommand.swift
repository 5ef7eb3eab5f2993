import ArgumentParser
import CriterioGit
import Foundation

struct HookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hook",
        abstract: "Instala o quita el hook pre-commit de git que revisa los borradores preparados.",
        subcommands: [Install.self, Uninstall.self])

    struct Install: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "install",
            abstract: "Instala el hook pre-commit en el repositorio actual (respeta core.hooksPath).")

        @Flag(help: "Si ya hay un hook pre-commit ajeno, lo conserva y lo ejecuta antes de Criterio.")
        var force = false

        func run() throws {
            do {
                let repository = try GitRepository.discover()
                let installer = HookInstaller(hooksDirectory: try repository.hooksDirectory())
                let result = try installer.install(executable: HookCommand.executablePath, force: force)
                let message = switch result {
                case .installed: "Hook pre-commit instalado en \(installer.hooksDirectory)."
                case .updated: "Hook pre-commit actualizado en \(installer.hooksDirectory)."
                case .installedChaining: "Hook pre-commit instalado; el hook que había se ejecuta antes (\(HookInstaller.chainedName))."
                }
                Terminal.write(message + "\nCada commit revisará los borradores preparados con `criterio lint --staged`.\n")
            } catch let error as GitError {
                throw CommandFailure(message: error.description)
            } catch let error as HookError {
                throw CommandFailure(message: error.description)
            }
        }
    }

    struct Uninstall: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "uninstall", abstract: "Quita el hook pre-commit de Criterio (y solo ese).")

        func run() throws {
            do {
                let repository = try GitRepository.discover()
                let installer = HookInstaller(hooksDirectory: try repository.hooksDirectory())
                let message = switch try installer.uninstall() {
                case .removed: "Hook pre-commit de Criterio quitado."
                case .removedRestoringChained: "Hook pre-commit de Criterio quitado; se restauró el hook que había antes."
                case .notInstalled: "No hay hook pre-commit de Criterio en este repositorio."
                }
                Terminal.write(message + "\n")
            } catch let error as GitError {
                throw CommandFailure(message: error.description)
            } catch let error as HookError {
                throw CommandFailure(message: error.description)
            }
        }
    }

    /// The absolute path of the running `criterio`, for the hook to call.
    static var executablePath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }
}
