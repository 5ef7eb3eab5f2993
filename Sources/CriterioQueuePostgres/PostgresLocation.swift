import Foundation

/// A PostgreSQL server and database named by a URL,
/// `postgres://user:password@host:port/database?sslmode=disable|prefer|require|verify-full`. The
/// password may come from `PGPASSWORD` instead of the URL. `description` never shows it: it is what
/// errors and logs name.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    /// How the connection is encrypted (libpq's `sslmode` values).
    public enum TLSMode: String, Sendable, Equatable {
        case disable, prefer, require
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    public var tls: TLSMode

    public init(host: String, port: Int = 5432, user: String, password: String?, database: String, tls: TLSMode = .prefer) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.tls = tls
    }

    /// `postgres://user@host:port/database`, without the password.
    public var description: String { "postgres://\(user)@\(host):\(port)/\(database)" }

    /// The same server with another database (the tests' throw-away databases, `queue migrate`).
    public func with(database: String) -> PostgresLocation {
        var copy = self
        copy.database = database
        return copy
    }

    public struct Invalid: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// Reads a `postgres://` or `postgresql://` URL; `PGPASSWORD` gives the password when the URL has
    /// none, `USER` the user name (as libpq does). The error never repeats the password.
    public static func parse(_ text: String, environment: [String: String]) throws(Invalid) -> PostgresLocation {
        let lowered = text.lowercased()
        guard lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://"),
            let components = URLComponents(string: text), let host = components.host, !host.isEmpty
        else {
            throw Invalid(description: "la dirección de PostgreSQL no es válida; usa postgres://usuario:contraseña@servidor:puerto/base?sslmode=disable")
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else {
            throw Invalid(description: "falta el nombre de la base de datos en la dirección de PostgreSQL (postgres://usuario@\(host)/base)")
        }
        var tls = TLSMode.prefer
        for item in components.queryItems ?? [] {
            guard item.name == "sslmode" else {
                throw Invalid(description: "la dirección de PostgreSQL tiene un parámetro desconocido «\(item.name)»; solo se admite sslmode")
            }
            guard let mode = item.value.flatMap(TLSMode.init(rawValue:)) else {
                throw Invalid(description: "sslmode=«\(item.value ?? "")» no se reconoce; usa disable, prefer, require o verify-full")
            }
            tls = mode
        }
        let user = components.user?.removingPercentEncoding ?? environment["PGUSER"] ?? environment["USER"] ?? "postgres"
        let password = components.password?.removingPercentEncoding ?? environment["PGPASSWORD"]
        return PostgresLocation(
            host: host, port: components.port ?? 5432, user: user, password: password, database: database.removingPercentEncoding ?? database,
            tls: tls)
    }
}
