import ArgumentParser
import CriterioConfig
import CriterioFoundation
import CriterioRules
import Foundation

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Escribe un .criterio.yml comentado en la carpeta actual.")

    @Flag(help: "Sobrescribe un .criterio.yml que ya exista.")
    var force = false

    func run() throws {
        let path = FileManager.default.currentDirectoryPath + "/.criterio.yml"
        if FileManager.default.fileExists(atPath: path) && !force {
            throw CommandFailure(message: "ya existe .criterio.yml; usa --force para reemplazarlo")
        }
        let text = StarterConfiguration.text(rules: BuiltInRules.all.map { $0.description })
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CommandFailure(message: "no se pudo escribir .criterio.yml: \(FoundationErrors.describe(error))")
        }
        Terminal.write("Se escribió .criterio.yml con todas las reglas y sus opciones comentadas.\n")
    }
}
