import CriterioFoundation
import Foundation

/// Where the queue's database is: `--db`, else `CRITERIO_DATABASE_URL`, else `queue.database` in
/// `.criterio.yml`, else a file in the user's data folder that needs no set-up
/// (`$XDG_DATA_HOME/criterio/criterio.sqlite`, or `~/.local/share/criterio/criterio.sqlite`).
public enum QueueDatabaseLocation: Equatable, Sendable {
    case sqlite(path: String)
    /// A `postgres://` or `postgresql://` URL, as given (the PostgreSQL store reads it).
    case postgres(url: String)

    public struct Unsupported: ExplainedError {
        public let description: String
    }

    /// - Parameters:
    ///   - configured: `queue.database`; relative paths are taken from `configDirectory`.
    public static func resolve(
        flag: String?, environment: [String: String], configured: String?, configDirectory: String?, workingDirectory: String
    ) throws(Unsupported) -> QueueDatabaseLocation {
        if let flag {
            guard flag.nilIfBlank != nil else {
                throw Unsupported(description: "--db está vacío: indica la ruta de la base de datos de la cola, o no lo pongas para usar la predeterminada")
            }
            return try parse(flag, relativeTo: workingDirectory, environment: environment)
        }
        if let url = environment["CRITERIO_DATABASE_URL"]?.nilIfBlank { return try parse(url, relativeTo: workingDirectory, environment: environment) }
        if let configured = configured?.nilIfBlank {
            return try parse(configured, relativeTo: configDirectory ?? workingDirectory, environment: environment)
        }
        return .sqlite(path: defaultPath(environment: environment))
    }

    public static func defaultPath(environment: [String: String]) -> String {
        if let data = environment["XDG_DATA_HOME"]?.nilIfBlank, data.hasPrefix("/") {
            return data + "/criterio/criterio.sqlite"
        }
        let home = environment["HOME"]?.nilIfBlank ?? NSHomeDirectory()
        return home + "/.local/share/criterio/criterio.sqlite"
    }

    /// A path, `sqlite:///absolute/path`, `sqlite://relative/path` or `sqlite:path`, or a
    /// `postgres://…` URL.
    static func parse(_ text: String, relativeTo base: String, environment: [String: String]) throws(Unsupported) -> QueueDatabaseLocation {
        let lowered = text.lowercased()
        if lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://") { return .postgres(url: text) }
        var path = text
        if lowered.hasPrefix("sqlite://") {
            path = String(text.dropFirst("sqlite://".count))
        } else if lowered.hasPrefix("sqlite:") {
            path = String(text.dropFirst("sqlite:".count))
        } else if let scheme = text.range(of: "://") {
            throw Unsupported(description: "no se reconoce la base de datos «\(text[..<scheme.lowerBound])://…»; usa una ruta de SQLite o sqlite:///ruta")
        }
        guard !path.isEmpty else { throw Unsupported(description: "falta la ruta del archivo SQLite en «\(text)»") }
        if path == "~" || path.hasPrefix("~/") {
            path = (environment["HOME"]?.nilIfBlank ?? NSHomeDirectory()) + path.dropFirst()
        }
        if !path.hasPrefix("/") { path = base + (base.hasSuffix("/") ? "" : "/") + path }
        return .sqlite(path: URL(fileURLWithPath: path).standardizedFileURL.path)
    }
}

extension String {
    var nilIfBlank: String? { trimmingCharacters(in: .whitespaces).isEmpty ? nil : self }
}
