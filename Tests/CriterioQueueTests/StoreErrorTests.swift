import Foundation
import GRDB
import Testing

@testable import CriterioQueueSQLite

@Suite("errores de la base de datos en español")
struct StoreErrorTests {
    @Test(arguments: [
        (ResultCode.SQLITE_IOERR, "disk I/O error", "error de lectura o escritura en el disco"),
        (.SQLITE_IOERR_WRITE, "disk I/O error", "error de lectura o escritura en el disco"),
        (.SQLITE_FULL, "database or disk is full", "no queda espacio en el disco"),
        (.SQLITE_BUSY, "database is locked", "está bloqueada por otro proceso"),
        (.SQLITE_READONLY, "attempt to write a readonly database", "solo lectura"),
        (.SQLITE_CORRUPT, "database disk image is malformed", "está dañada"),
        (.SQLITE_NOTADB, "file is not a database", "no es una base de datos SQLite"),
        (.SQLITE_CONSTRAINT_UNIQUE, "UNIQUE constraint failed: user.name", "viola una restricción"),
        (.SQLITE_NOMEM, "out of memory", "no hay memoria suficiente"),
        (.SQLITE_MISMATCH, "datatype mismatch", "SQLite devolvió el código 20"),
    ])
    func sqliteMessagesNeverReachPeopleInEnglish(code: ResultCode, english: String, spanish: String) {
        let error = QueueDatabaseError(DatabaseError(resultCode: code, message: english), path: "/tmp/cola.sqlite")
        #expect(error.description.contains(spanish), "\(error.description)")
        #expect(error.description.contains("/tmp/cola.sqlite"))
        #expect(!error.description.contains(english))
    }

    @Test func theAuditLogTriggersSpeakForThemselves() {
        let error = QueueDatabaseError(
            DatabaseError(resultCode: .SQLITE_CONSTRAINT_TRIGGER, message: "la bitácora solo admite agregar entradas"), path: "cola.sqlite")
        #expect(error.description.contains("la bitácora solo admite agregar entradas"))
    }

    @Test func aFileStoreIsRemovedWithItsFixture() throws {
        let path: String
        do {
            let fixture = try Fixture(.sqliteFile)
            path = try #require(fixture.files?.paths.first)
            withExtendedLifetime(fixture) { #expect(FileManager.default.fileExists(atPath: path)) }
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
