import ArgumentParser
import CriterioQueue
import Foundation

/// `criterio users`: who may use the queue, and as what.
struct UsersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "Usuarios de la cola y sus roles: admin (persona administradora de cuenta), cncs, supervisor.",
        subcommands: [Add.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Agrega un usuario (solo supervisoras; el primero de una cola nueva debe ser supervisor y no necesita --as).")
        @Argument(help: ArgumentHelp("Nombre de usuario (sin espacios).", valueName: "nombre")) var name: String
        @Option(help: ArgumentHelp("admin, cncs o supervisor.", valueName: "rol")) var role: RoleArgument
        @Option(help: ArgumentHelp("Área (obligatoria para admin).", valueName: "área")) var area: String?
        @Option(help: ArgumentHelp("Correo para las notificaciones.", valueName: "correo")) var email: String?
        @OptionGroup var options: QueueOptions

        func run() throws {
            let context = try QueueContext.open(options, writing: true)
            let user = try context.run {
                try context.service.addUser(name: name, role: role.role, area: area, email: email, by: context.userName, at: context.now)
            }
            Terminal.write("Usuario \(user.name) agregado como \(user.role.rawValue)\(user.area.map { " del área \($0)" } ?? "").\n")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Lista los usuarios.")
        @Option(name: .shortAndLong, help: ArgumentHelp("Formato de salida.", valueName: "formato")) var format: ReadFormat = .text
        @OptionGroup var options: QueueOptions

        struct Item: Encodable {
            let name: String
            let role: String
            let area: String?
            let email: String?
        }

        func run() throws {
            let context = try QueueContext.open(options, writing: false)
            _ = try context.run { try context.service.user(named: try context.actor()) }
            let users = try context.run { try context.service.users() }
            switch format {
            case .json: Terminal.write(QueueJSON.render(users.map { Item(name: $0.name, role: $0.role.rawValue, area: $0.area, email: $0.email) }))
            case .text:
                Terminal.write(users.map { "\($0.name)  \($0.role.rawValue)\($0.area.map { "  \($0)" } ?? "")\($0.email.map { "  <\($0)>" } ?? "")" }.joined(separator: "\n") + "\n")
            }
        }
    }
}

struct RoleArgument: ExpressibleByArgument {
    let role: Role
    init?(argument: String) {
        guard let role = Role(rawValue: argument.lowercased()) else { return nil }
        self.role = role
    }
    static var allValueStrings: [String] { Role.allCases.map(\.rawValue) }
}
