import ArgumentParser
import CriterioQueue
import Foundation

/// `criterio users`: who may use the queue, and as what.
struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "Usuarios de la cola y sus roles: admin (persona administradora de cuenta), cncs, supervisor.",
        subcommands: [Add.self, List.self, Passwd.self, Token.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Agrega un usuario (solo supervisoras; el primero de una cola nueva debe ser supervisor y no necesita --as).")
        @Argument(help: ArgumentHelp("Nombre de usuario (sin espacios).", valueName: "nombre")) var name: String
        @Option(help: ArgumentHelp("admin, cncs o supervisor.", valueName: "rol")) var role: RoleArgument
        @Option(help: ArgumentHelp("Área (obligatoria para admin).", valueName: "área")) var area: String?
        @Option(help: ArgumentHelp("Correo para las notificaciones.", valueName: "correo")) var email: String?
        @Flag(help: "Crea la base de datos de la cola si no existe (solo hace falta fuera de la ruta predeterminada; la carpeta debe existir).")
        var create = false
        @OptionGroup var options: QueueOptions

        func run() async throws {
            let context = try await QueueContext.open(options, writing: true, creating: create)
            let user = try await context.run {
                try await context.service.addUser(name: name, role: role.role, area: area, email: email, by: context.userName, at: context.now)
            }
            Terminal.show("Usuario \(user.name) agregado como \(user.role.rawValue)\(user.area.map { " del área \($0)" } ?? "").\n")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Lista los usuarios.")
        @Option(name: .shortAndLong, help: ArgumentHelp("Formato de salida.", valueName: "formato")) var format: ReadFormat = .text
        @OptionGroup var options: QueueOptions

        func run() async throws {
            let context = try await QueueContext.open(options, writing: false)
            _ = try await context.run { try await context.service.user(named: try context.actor()) }
            let users = try await context.run { try await context.service.users() }
            switch format {
            case .json: Terminal.write(QueueJSON.render(users.map(QueueJSON.user)))
            case .text:
                Terminal.show(users.map { "\($0.name)  \($0.role.rawValue)\($0.area.map { "  \($0)" } ?? "")\($0.email.map { "  <\($0)>" } ?? "")" }.joined(separator: "\n") + "\n")
            }
        }
    }

    struct Passwd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "passwd",
            abstract: "Fija la contraseña con la que un usuario entra a la página web (una supervisora, la de cualquiera; cada quien, la suya).",
            discussion: """
                La pide dos veces en la terminal, sin mostrarla; si la entrada estándar no es una terminal, lee una \
                línea (por ejemplo: printf '%s\\n' "$CLAVE" | criterio users passwd ana --as sofia). Cierra las \
                sesiones abiertas del usuario.
                """)
        @Argument(help: ArgumentHelp("Usuario cuya contraseña se fija.", valueName: "nombre")) var name: String
        @OptionGroup var options: QueueOptions

        func run() async throws {
            let context = try await QueueContext.open(options, writing: true)
            let actor = try context.actor()
            // Who may, before asking for anything.
            let target = try await context.run { try await context.service.passwordChange(of: name, by: actor).user }
            let password = try await PasswordPrompt.read(for: target.name)
            try await context.run { try await context.service.setPassword(password, for: target.name, by: actor, at: context.now) }
            Terminal.show("Contraseña de \(target.name) actualizada; sus sesiones abiertas se cerraron.\n")
        }
    }

    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "token",
            abstract: "Crea un token de API para un usuario y lo muestra una sola vez; también los lista y los revoca.",
            discussion: """
                Los programas lo envían como Authorization: Bearer TOKEN. La cola guarda solo su huella (SHA-256): \
                si se pierde, revócalo y crea otro. Una supervisora administra los de cualquiera; cada quien, los suyos.
                """)
        @Argument(help: ArgumentHelp("Usuario dueño del token.", valueName: "nombre")) var name: String
        @Option(help: ArgumentHelp("Para qué es el token (se muestra en --list).", valueName: "etiqueta")) var label: String?
        @Flag(help: "Lista los tokens del usuario, sin su secreto.") var list = false
        @Option(help: ArgumentHelp("Revoca el token con este número (ver --list).", valueName: "número")) var revoke: Int64?
        @Flag(name: .customLong("revoke-all"), help: "Revoca todos los tokens del usuario.") var revokeAll = false
        @Option(name: .shortAndLong, help: ArgumentHelp("Formato de --list.", valueName: "formato")) var format: ReadFormat = .text
        @OptionGroup var options: QueueOptions

        struct Item: Encodable {
            let id: Int64
            let label: String
            let createdAt: String
            let lastUsedAt: String?
            enum CodingKeys: String, CodingKey {
                case id, label
                case createdAt = "created_at"
                case lastUsedAt = "last_used_at"
            }
        }

        func run() async throws {
            let modes = [list, revoke != nil, revokeAll].filter { $0 }.count
            guard modes <= 1 else { throw CommandFailure(message: "--list, --revoke y --revoke-all no se combinan; elige una") }
            guard label == nil || modes == 0 else { throw CommandFailure(message: "--label es para crear un token; no se combina con --list ni --revoke") }
            let context = try await QueueContext.open(options, writing: !list)
            let actor = try context.actor()
            if list {
                let tokens = try await context.run { try await context.service.apiTokens(of: name, as: actor) }
                switch format {
                case .json:
                    Terminal.write(
                        QueueJSON.render(tokens.map { Item(id: $0.id, label: $0.label, createdAt: Timestamp.string($0.createdAt), lastUsedAt: $0.lastUsedAt.map(Timestamp.string)) }))
                case .text:
                    if tokens.isEmpty { return Terminal.show("\(name) no tiene tokens.\n") }
                    Terminal.show(
                        tokens.map {
                            "\($0.id)  \($0.label.isEmpty ? "(sin etiqueta)" : $0.label)  creado \(context.local($0.createdAt))  "
                                + ($0.lastUsedAt.map { "último uso \(context.local($0))" } ?? "sin usar")
                        }.joined(separator: "\n") + "\n")
                }
            } else if let revoke {
                try await context.run { try await context.service.revokeAPIToken(revoke, of: name, by: actor, at: context.now) }
                Terminal.show("Token \(revoke) de \(name) revocado.\n")
            } else if revokeAll {
                let count = try await context.run { try await context.service.revokeAllAPITokens(of: name, by: actor, at: context.now) }
                Terminal.show(count == 0 ? "\(name) no tenía tokens.\n" : "\(count) token\(count == 1 ? "" : "s") de \(name) revocado\(count == 1 ? "" : "s").\n")
            } else {
                let created = try await context.run { try await context.service.createAPIToken(for: name, label: label ?? "", by: actor, at: context.now) }
                // Only the secret on standard output, so that a script can keep it: TOKEN=$(criterio users token …).
                Terminal.write(created.secret + "\n")
                Terminal.error("token \(created.token.id) de \(name) creado; guárdalo ahora: no se volverá a mostrar")
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
