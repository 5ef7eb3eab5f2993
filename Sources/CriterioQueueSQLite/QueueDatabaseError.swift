import CriterioFoundation
import Foundation
import GRDB

/// Why the queue's database could not be used, in Spanish. None of these changes the file.
public enum QueueDatabaseError: ExplainedError, Equatable {
    case missing(path: String)
    case notADatabase(path: String)
    case foreign(path: String)
    case newerSchema(path: String)
    case needsMigration(path: String)
    case locked(path: String)
    case readOnly(path: String)
    case corrupt(path: String)
    case diskFull(path: String)
    case diskError(path: String)
    case cannotOpen(path: String, detail: String)
    case other(path: String, detail: String)

    public var description: String {
        switch self {
        case .missing(let path):
            "no existe la base de datos de la cola «\(path)»"
        case .notADatabase(let path):
            "«\(path)» no es una base de datos SQLite; revisa --db o CRITERIO_DATABASE_URL (el archivo no se modificó)"
        case .foreign(let path):
            "«\(path)» es una base de datos SQLite, pero no de Criterio; no se tocó. Indica otra con --db o CRITERIO_DATABASE_URL"
        case .newerSchema(let path):
            "la base de datos «\(path)» es de una versión más nueva de Criterio; actualiza criterio (no se modificó)"
        case .needsMigration(let path):
            "la base de datos «\(path)» necesita actualizarse, pero se abrió solo para lectura; ejecuta una orden que escriba, como criterio queue tick"
        case .locked(let path):
            "la base de datos «\(path)» está bloqueada por otro proceso; inténtalo de nuevo en unos segundos (no se guardó nada)"
        case .readOnly(let path):
            "no se puede escribir en la base de datos «\(path)»: el archivo o su carpeta son de solo lectura (no se guardó nada)"
        case .corrupt(let path):
            "la base de datos «\(path)» está dañada; restaura una copia de seguridad (no se modificó)"
        case .diskFull(let path):
            "no queda espacio en el disco para la base de datos «\(path)» (no se guardó nada)"
        case .diskError(let path):
            "error de lectura o escritura en el disco con la base de datos «\(path)» (no se guardó nada); revisa el disco y vuelve a intentarlo"
        case .cannotOpen(let path, let detail):
            "no se pudo abrir la base de datos «\(path)»: \(detail)"
        case .other(let path, let detail):
            "error de la base de datos «\(path)»: \(detail)"
        }
    }

    /// GRDB's and SQLite's errors (English: "disk I/O error", "database is locked") in Spanish.
    init(_ error: any Error, path: String) {
        guard let error = error as? DatabaseError else {
            self = .other(path: path, detail: FoundationErrors.describe(error))
            return
        }
        switch error.resultCode {
        case .SQLITE_NOTADB: self = .notADatabase(path: path)
        case .SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_PROTOCOL: self = .locked(path: path)
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH: self = .readOnly(path: path)
        case .SQLITE_CORRUPT: self = .corrupt(path: path)
        case .SQLITE_FULL: self = .diskFull(path: path)
        case .SQLITE_IOERR: self = .diskError(path: path)
        case .SQLITE_CANTOPEN: self = .cannotOpen(path: path, detail: "no existe, no hay permiso o la carpeta no es accesible")
        case .SQLITE_CONSTRAINT where error.extendedResultCode == .SQLITE_CONSTRAINT_TRIGGER:
            // Raised by the schema's own triggers, whose messages are Spanish.
            self = .other(path: path, detail: error.message ?? "la base de datos rechazó el cambio")
        case .SQLITE_CONSTRAINT: self = .other(path: path, detail: "el cambio viola una restricción de la base de datos (no se guardó nada)")
        case .SQLITE_NOMEM: self = .other(path: path, detail: "no hay memoria suficiente")
        case .SQLITE_TOOBIG: self = .other(path: path, detail: "un valor es demasiado grande para la base de datos")
        case .SQLITE_INTERRUPT, .SQLITE_ABORT: self = .other(path: path, detail: "la operación se interrumpió (no se guardó nada)")
        case .SQLITE_SCHEMA: self = .other(path: path, detail: "el esquema cambió mientras tanto; inténtalo de nuevo")
        default: self = .other(path: path, detail: "SQLite devolvió el código \(error.resultCode.rawValue)")
        }
    }
}
