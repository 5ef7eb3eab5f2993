import ArgumentParser
import CriterioConfig
import CriterioFoundation
import CriterioNotifications
import CriterioQueue
import CriterioQueuePostgres
import CriterioQueueSQLite
import CriterioRunner
import Foundation

/// Options every `consult`, `queue`, `audit` and `users` command takes.
struct QueueOptions: ParsableArguments {
    @Option(name: .customLong("as"), help: ArgumentHelp("Usuario que actúa (también CRITERIO_USER).", valueName: "usuario"))
    var actingUser: String?

    @Option(name: .customLong("db"), help: ArgumentHelp("Base de datos de la cola: ruta de SQLite, sqlite:///ruta o postgres://usuario@servidor:puerto/base (también CRITERIO_DATABASE_URL; la contraseña, mejor en PGPASSWORD).", valueName: "base-de-datos"))
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

    /// Opens the queue for a command. The default database is created on first use; any other must
    /// exist, or be created on purpose (`creating`: `users add … --create`), in a folder that exists,
    /// so that a mistyped path cannot start an empty queue where anyone becomes the first
    /// supervisor. Readers of a file they cannot write open it read-only. `oneShot`: the command
    /// ends on its own (not `serve`, nor a migration of a whole queue); on PostgreSQL it gets a
    /// deadline (`CommandDeadline`).
    static func open(_ options: QueueOptions, writing: Bool, creating: Bool = false, oneShot: Bool = true) async throws(CommandFailure) -> QueueContext {
        let settings = try CommandSetup.configuration(config: options.config)
        let configuration = settings.queue ?? QueueConfiguration()
        let store: any QueueStore
        switch try databaseLocation(flag: options.database, configuration: configuration, configDirectory: settings.directory) {
        case .sqlite(let path):
            if !FileManager.default.fileExists(atPath: path) && path != QueueDatabaseLocation.defaultPath(environment: environment) {
                let folder = (path as NSString).deletingLastPathComponent
                var isFolder: ObjCBool = false
                guard creating else {
                    throw CommandFailure(
                        message: "no existe la base de datos de la cola \(path); revisa la ruta, o créala con: criterio users add NOMBRE --role supervisor --create --db \(path)")
                }
                guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
                    throw CommandFailure(message: "no existe la carpeta \(folder); créala antes de crear ahí la base de datos de la cola")
                }
            }
            let access: SQLiteQueueStore.Access =
                writing || !FileManager.default.fileExists(atPath: path) || FileManager.default.isWritableFile(atPath: path) ? .readWrite : .readOnly
            do {
                store = try await SQLiteQueueStore.open(path: path, access: access, busyTimeout: configuration.busyTimeoutSeconds)
            } catch {
                throw CommandFailure(message: error.description)
            }
        case .postgres(let url):
            // The same rule on a server: the queue's tables go into an empty database only on purpose.
            if oneShot { CommandDeadline.arm() }
            do {
                store = try await PostgresQueueStore.open(
                    url: url, environment: environment, access: creating ? .create : .readWrite, busyTimeout: configuration.busyTimeoutSeconds)
            } catch {
                throw CommandFailure(message: error.description)
            }
        }
        return QueueContext(
            configuration: configuration, store: store, service: QueueService(store: store, policy: try policy(configuration)),
            now: try now(configuration),
            userName: (options.actingUser ?? environment["CRITERIO_USER"])?.nilIfBlank, timeZone: configuration.zone)
    }

    /// What `lint` and the hook ask the queue about drafts with `consult` findings: its database
    /// opened read-only, never created; nil when there is no database yet. It runs on its caller's
    /// actor: without a database it returns at once, with no hop to another thread (which, with every
    /// core busy, waited milliseconds for one).
    nonisolated(nonsending) static func lookupForLint(_ settings: Configuration) async throws(CommandFailure) -> QueueConsultationLookup? {
        let configuration = settings.queue ?? QueueConfiguration()
        let store: any QueueStore
        switch try databaseLocation(flag: nil, configuration: configuration, configDirectory: settings.directory) {
        case .sqlite(let path):
            guard FileManager.default.fileExists(atPath: path) else { return nil }
            do {
                store = try await SQLiteQueueStore.open(path: path, access: .readOnly, busyTimeout: configuration.busyTimeoutSeconds)
            } catch {
                throw CommandFailure(message: error.description)
            }
        case .postgres(let url):
            do {
                store = try await PostgresQueueStore.open(url: url, environment: environment, access: .readOnly, busyTimeout: configuration.busyTimeoutSeconds)
            } catch .noSchema {
                // A database without the queue yet holds no consultation (as a missing file).
                return nil
            } catch {
                throw CommandFailure(message: error.description)
            }
        }
        return QueueConsultationLookup(
            service: QueueService(store: store, policy: try policy(configuration)), timeZone: configuration.zone, now: try now(configuration))
    }

    private static func policy(_ configuration: QueueConfiguration) throws(CommandFailure) -> QueuePolicy {
        do {
            return try configuration.makePolicy()
        } catch {
            throw CommandFailure(message: ".criterio.yml: \(error.description)")
        }
    }

    static func databaseLocation(flag: String?, configuration: QueueConfiguration, configDirectory: String?) throws(CommandFailure) -> QueueDatabaseLocation {
        do {
            return try QueueDatabaseLocation.resolve(
                flag: flag, environment: environment, configured: configuration.database, configDirectory: configDirectory,
                workingDirectory: FileManager.default.currentDirectoryPath)
        } catch {
            throw CommandFailure(message: error.description)
        }
    }

    /// `CRITERIO_NOW` (ISO 8601) fixes the time for tests and demonstrations, only where the queue's
    /// configuration allows it (`queue.fixed_clock: true`): otherwise anyone could date entries of
    /// the log whenever they liked.
    static func now(_ configuration: QueueConfiguration) throws(CommandFailure) -> Date {
        guard let text = environment["CRITERIO_NOW"]?.nilIfBlank else { return Date() }
        guard configuration.fixedClock else {
            throw CommandFailure(
                message: "CRITERIO_NOW fija la hora solo en pruebas y demostraciones: esta cola no lo permite (actívalo con «queue: {fixed_clock: true}» en .criterio.yml, nunca en una cola real)")
        }
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
        } catch let error as PostgresQueueError {
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
        // The write is done; sending a backlog of notices may take longer than the deadline, and
        // each program it runs (sendmail, curl) has its own.
        CommandDeadline.disarm()
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
