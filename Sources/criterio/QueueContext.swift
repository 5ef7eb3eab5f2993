import ArgumentParser
import CriterioConfig
import CriterioFoundation
import CriterioNotifications
import CriterioQueue
import CriterioQueueSQLite
import CriterioRunner
import Foundation

/// Options every `consult`, `queue`, `audit` and `users` command takes.
struct QueueOptions: ParsableArguments {
    @Option(name: .customLong("as"), help: ArgumentHelp("Usuario que actúa (también CRITERIO_USER).", valueName: "usuario"))
    var actingUser: String?

    @Option(name: .customLong("db"), help: ArgumentHelp("Base de datos de la cola: ruta de SQLite o sqlite:///ruta (también CRITERIO_DATABASE_URL).", valueName: "base-de-datos"))
    var database: String?

    @Option(name: .customLong("config"), help: ArgumentHelp("Archivo de configuración (predeterminado: .criterio.yml en esta carpeta o una superior).", valueName: "archivo"))
    var config: String?
}

/// `--format` of the read commands.
enum ReadFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// Everything a queue command needs: settings, the store, the service, "now" and who acts.
struct QueueContext: Sendable {
    let configuration: QueueConfiguration
    let store: any QueueStore
    let service: QueueService
    let now: Date
    let userName: String?
    let timeZone: TimeZone

    static var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// Opens the queue for a command. Writers create the database on first use; readers of a file
    /// they cannot write open it read-only.
    static func open(_ options: QueueOptions, writing: Bool) async throws(CommandFailure) -> QueueContext {
        let settings = try CommandSetup.configuration(config: options.config)
        let configuration = settings.queue ?? QueueConfiguration()
        let path = try databasePath(flag: options.database, configuration: configuration, configDirectory: settings.directory)
        let access: SQLiteQueueStore.Access =
            writing || !FileManager.default.fileExists(atPath: path) || FileManager.default.isWritableFile(atPath: path) ? .readWrite : .readOnly
        let store: SQLiteQueueStore
        do {
            store = try await SQLiteQueueStore.open(path: path, access: access, busyTimeout: configuration.busyTimeoutSeconds)
        } catch {
            throw CommandFailure(message: error.description)
        }
        return QueueContext(
            configuration: configuration, store: store, service: QueueService(store: store, policy: try policy(configuration)), now: try now(),
            userName: (options.actingUser ?? environment["CRITERIO_USER"])?.nilIfBlank, timeZone: configuration.zone)
    }

    /// What `lint` and the hook ask the queue about drafts with `consult` findings: its database
    /// opened read-only, never created; nil when there is no database yet.
    static func lookupForLint(_ settings: Configuration) async throws(CommandFailure) -> QueueConsultationLookup? {
        let configuration = settings.queue ?? QueueConfiguration()
        let path = try databasePath(flag: nil, configuration: configuration, configDirectory: settings.directory)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let store: SQLiteQueueStore
        do {
            store = try await SQLiteQueueStore.open(path: path, access: .readOnly, busyTimeout: configuration.busyTimeoutSeconds)
        } catch {
            throw CommandFailure(message: error.description)
        }
        return QueueConsultationLookup(service: QueueService(store: store, policy: try policy(configuration)), timeZone: configuration.zone, now: try now())
    }

    private static func policy(_ configuration: QueueConfiguration) throws(CommandFailure) -> QueuePolicy {
        do {
            return try configuration.makePolicy()
        } catch {
            throw CommandFailure(message: ".criterio.yml: \(error.description)")
        }
    }

    static func databasePath(flag: String?, configuration: QueueConfiguration, configDirectory: String?) throws(CommandFailure) -> String {
        do {
            switch try QueueDatabaseLocation.resolve(
                flag: flag, environment: environment, configured: configuration.database, configDirectory: configDirectory,
                workingDirectory: FileManager.default.currentDirectoryPath)
            {
            case .sqlite(let path): return path
            }
        } catch {
            throw CommandFailure(message: error.description)
        }
    }

    /// `CRITERIO_NOW` (ISO 8601) fixes the time for tests and demonstrations.
    static func now() throws(CommandFailure) -> Date {
        guard let text = environment["CRITERIO_NOW"]?.nilIfBlank else { return Date() }
        guard let date = Timestamp.parse(text) else {
            throw CommandFailure(message: "CRITERIO_NOW=«\(text)» no es una fecha ISO 8601 (por ejemplo 2026-11-23T10:00:00-06:00)")
        }
        return date
    }

    /// The acting user's name, or how to give it.
    func actor() throws(CommandFailure) -> String {
        guard let userName else {
            throw CommandFailure(message: "indica quién eres con --as NOMBRE o la variable CRITERIO_USER")
        }
        return userName
    }

    /// Runs a queue operation and turns its refusals into Spanish failures (exit 1; bad input: 2).
    func run<T>(_ body: () async throws -> T) async throws(CommandFailure) -> T {
        do {
            return try await body()
        } catch let error as QueueError {
            throw CommandFailure(message: error.description, status: error.kind == .invalidInput ? .inputError : .failing)
        } catch let error as QueueDatabaseError {
            throw CommandFailure(message: error.description)
        } catch let error as CommandFailure {
            throw error
        } catch {
            throw CommandFailure(message: "error inesperado de la cola: \(FoundationErrors.message(for: error))")
        }
    }

    /// After a write committed: sends what it queued. A failed delivery is reported, never undone.
    func deliverNotifications() async {
        FaultInjection.point("kill-after-commit")
        let deliverer = OutboxDeliverer(store: store, settings: configuration.notifications)
        do {
            let report = try await deliverer.deliverPending()
            for failure in report.failures { Terminal.error("aviso: " + failure) }
        } catch {
            Terminal.error("aviso: las notificaciones quedaron pendientes (\(FoundationErrors.message(for: error))); se enviarán con criterio queue tick")
        }
    }

    // MARK: - Presenting times

    /// "25/11/2026 10:00" in the queue's time zone.
    func local(_ date: Date) -> String {
        LocalTime.string(date, in: timeZone, withYear: true)
    }

    /// Counted time between now and a deadline, for people: "faltan 5 h 20 min" / "venció hace 2 h".
    func timeLeft(until due: Date) -> String {
        let unit = configuration.clock == .businessHours ? " hábiles" : ""
        if due > now {
            return "faltan \(Self.duration(service.policy.clock.countedSeconds(from: now, to: due)))\(unit)"
        }
        return "venció hace \(Self.duration(Int(now.timeIntervalSince(due))))"
    }

    static func duration(_ seconds: Int) -> String {
        DurationText.string(seconds: seconds)
    }
}

extension String {
    var nilIfBlank: String? { trimmingCharacters(in: .whitespaces).isEmpty ? nil : self }
}
