import CriterioFoundation
import Foundation
import PostgresNIO

/// Why the queue's PostgreSQL database could not be used, in Spanish. Every message names the
/// database by `PostgresLocation.description`, which never holds the password.
public enum PostgresQueueError: ExplainedError, Equatable {
    case invalidAddress(detail: String)
    case unreachable(String)
    case authentication(String)
    case unknownDatabase(String)
    case noSchema(String)
    case foreign(String)
    case newerSchema(String)
    case needsMigration(String)
    case tls(String, detail: String)
    case connectionLost(String)
    case locked(String)
    case readOnly(String)
    case rejected(String, detail: String)
    case other(String, detail: String)

    public var description: String {
        switch self {
        case .invalidAddress(let detail):
            detail
        case .unreachable(let database):
            "no se pudo conectar con el servidor PostgreSQL de «\(database)»: ¿está encendido y acepta conexiones en esa dirección y puerto? (no se guardó nada)"
        case .authentication(let database):
            "PostgreSQL rechazó el usuario o la contraseña de «\(database)»; revisa la dirección o PGPASSWORD (no se guardó nada)"
        case .unknownDatabase(let database):
            "no existe la base de datos «\(database)» en ese servidor PostgreSQL; créala (createdb) o corrige la dirección"
        case .noSchema(let database):
            "la base de datos «\(database)» no tiene todavía la cola de Criterio; créala a propósito con criterio users add NOMBRE --role supervisor --create, o copia ahí una cola con criterio queue migrate --to"
        case .foreign(let database):
            "la base de datos «\(database)» tiene tablas que no son de Criterio; no se tocó. Usa una base de datos vacía para la cola"
        case .newerSchema(let database):
            "la base de datos «\(database)» es de una versión más nueva de Criterio; actualiza criterio (no se modificó)"
        case .needsMigration(let database):
            "la base de datos «\(database)» necesita actualizarse, pero se abrió solo para lectura; ejecuta una orden que escriba, como criterio queue tick"
        case .tls(let database, let detail):
            "no se pudo establecer la conexión cifrada (TLS) con «\(database)»: \(detail)"
        case .connectionLost(let database):
            "se perdió la conexión con el servidor PostgreSQL de «\(database)»; lo que no llegó a confirmarse no se guardó. Vuelve a intentarlo"
        case .locked(let database):
            "la cola de «\(database)» está ocupada por otro proceso; inténtalo de nuevo en unos segundos (no se guardó nada)"
        case .readOnly(let database):
            "el usuario de «\(database)» no tiene permiso para ese cambio (no se guardó nada)"
        case .rejected(let database, let detail):
            "la base de datos «\(database)» rechazó el cambio: \(detail) (no se guardó nada)"
        case .other(let database, let detail):
            "error de la base de datos «\(database)»: \(detail)"
        }
    }

    /// The driver's and the server's errors in Spanish; any other error (the queue's own, a
    /// cancellation, a body's) passes unchanged.
    static func translating(_ error: any Error, database: String) -> any Error {
        switch error {
        case is PSQLError, is PostgresDecodingError, is NIOSSLError, is ChannelError, is IOError, is NIOConnectionError:
            PostgresQueueError(error, database: database)
        case _ where "\(type(of: error))" == "ConnectionPoolError":
            PostgresQueueError(error, database: database)
        default:
            error
        }
    }

    /// postgres-nio's and the server's errors in Spanish. Never reads `String(describing:)` of the
    /// error, which could carry the query and its bindings.
    init(_ error: any Error, database: String) {
        if let error = error as? PostgresQueueError {
            self = error
            return
        }
        if error is NIOSSLError {
            self = .tls(database, detail: "el servidor no ofrece TLS o su certificado no es válido (prueba sslmode=disable en una red de confianza)")
            return
        }
        if let error = error as? PSQLError {
            switch error.code {
            case .server:
                let state = error.serverInfo?[.sqlState] ?? ""
                self = Self(sqlState: state, message: error.serverInfo?[.message], database: database)
            case .sslUnsupported:
                self = .tls(database, detail: "el servidor no admite TLS; usa sslmode=disable o sslmode=prefer")
            case .failedToAddSSLHandler:
                self = .tls(database, detail: "no se pudo preparar TLS")
            case .unsupportedAuthMechanism, .authMechanismRequiresPassword, .saslError:
                self = .authentication(database)
            case .connectionError:
                self = error.underlying is NIOSSLError
                    ? .tls(database, detail: "el servidor no ofrece TLS o su certificado no es válido") : .unreachable(database)
            case .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed:
                self = .connectionLost(database)
            case .queryCancelled:
                self = .other(database, detail: "la consulta se canceló (no se guardó nada)")
            default:
                self = .other(database, detail: "error del cliente de PostgreSQL (\(error.code))")
            }
            return
        }
        if error is PostgresDecodingError {
            self = .other(database, detail: "una columna tiene un tipo inesperado; ¿se modificó el esquema a mano?")
            return
        }
        if let error = error as? ChannelError {
            switch error {
            case .connectTimeout: self = .unreachable(database)
            default: self = .connectionLost(database)
            }
            return
        }
        // The pool's own error (its module is not a product of postgres-nio): no connection could be made.
        if error is IOError || error is NIOConnectionError || "\(type(of: error))" == "ConnectionPoolError" {
            self = .unreachable(database)
            return
        }
        self = .other(database, detail: FoundationErrors.describe(error))
    }

    /// By SQLSTATE (PostgreSQL's appendix A). The message is the server's: ours when a trigger of
    /// the schema raised it (P0001, Spanish), else possibly English, so it is shown only there.
    private init(sqlState: String, message: String?, database: String) {
        switch sqlState {
        case "28P01", "28000": self = .authentication(database)
        case "3D000": self = .unknownDatabase(database)
        case "42P01", "42703": self = .noSchema(database)
        case "55P03", "40P01", "40001": self = .locked(database)
        case "42501", "25006": self = .readOnly(database)
        case "57P01", "57P02", "57P03": self = .connectionLost(database)
        case "53300": self = .other(database, detail: "el servidor no acepta más conexiones (max_connections); inténtalo más tarde")
        case "P0001": self = .rejected(database, detail: message ?? "un disparador lo impidió")
        case let state where state.hasPrefix("23"): self = .rejected(database, detail: "el cambio viola una restricción de la base de datos")
        case let state where state.hasPrefix("53"): self = .other(database, detail: "el servidor se quedó sin recursos (disco o memoria)")
        default: self = .other(database, detail: "PostgreSQL devolvió el código \(sqlState)")
        }
    }
}
