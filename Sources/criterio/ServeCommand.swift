import ArgumentParser
import CriterioServer
import Foundation

/// `criterio serve`: the CNCS web UI and JSON API on the queue the other commands use, with the ticker.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Sirve la página web de la CNCS y la API JSON sobre la misma cola, y ejecuta el tick de la cola.",
        discussion: """
            Abre la dirección en un navegador e inicia sesión con un usuario de criterio users (su contraseña: \
            criterio users passwd NOMBRE). SIGTERM o Ctrl-C terminan las peticiones en curso y detienen el servidor.
            """)

    @Option(help: ArgumentHelp("Puerto.", valueName: "puerto")) var port: Int = 8080
    @Option(help: ArgumentHelp("Dirección en la que escucha.", valueName: "dirección")) var host: String = "127.0.0.1"
    @Flag(help: "Las cookies llevan siempre Secure (el servidor está detrás de TLS); sin esta opción, solo si el proxy manda X-Forwarded-Proto: https.")
    var secureCookies = false
    @Option(help: ArgumentHelp("Segundos entre ticks de la cola.", valueName: "segundos")) var tickSeconds: Int = 30
    @Option(name: .customLong("db"), help: ArgumentHelp("Base de datos de la cola: ruta de SQLite o sqlite:///ruta (también CRITERIO_DATABASE_URL).", valueName: "base-de-datos"))
    var database: String?
    @Option(name: .customLong("config"), help: ArgumentHelp("Archivo de configuración (predeterminado: .criterio.yml en esta carpeta o una superior).", valueName: "archivo"))
    var config: String?

    func validate() throws {
        guard (1...65535).contains(port) || port == 0 else { throw ValidationError("--port debe estar entre 1 y 65535") }
        guard tickSeconds >= 1 else { throw ValidationError("--tick-seconds debe ser al menos 1") }
    }

    func run() async throws {
        let options = try QueueOptions.parse((database.map { ["--db", $0] } ?? []) + (config.map { ["--config", $0] } ?? []))
        let context = try await QueueContext.open(options, writing: true, oneShot: false)
        let lint = try CommandSetup.lint(config: config)
        // CRITERIO_NOW moves the server's clock, which then runs on from there.
        let offset = context.now.timeIntervalSinceNow
        let server: CriterioServer
        do {
            server = try CriterioServer(
                service: context.service, lint: lint, notifications: context.configuration.notifications,
                configuration: ServerConfiguration(
                    host: host, port: port, secureCookies: secureCookies, tickInterval: .seconds(tickSeconds), timeZone: context.timeZone),
                clock: { Date().addingTimeInterval(offset) })
        } catch {
            throw CommandFailure(message: "no se pudo preparar el servidor: \(error)")
        }
        Terminal.write("Criterio sirve la cola en http://\(host):\(port)/ (Ctrl-C para terminar)\n")
        try await server.run()
    }
}
