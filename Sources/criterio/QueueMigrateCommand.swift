import ArgumentParser
import CriterioQueue
import CriterioQueuePostgres
import Foundation

/// `criterio queue migrate --to postgres://…`: copies the current queue (the SQLite file of `--db`,
/// `CRITERIO_DATABASE_URL` or `queue.database`) into an empty PostgreSQL database, then checks the
/// copied chain and prints its head, which must be the source's.
struct QueueMigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Copia la cola actual (usuarios, credenciales, consultas, bitácora y avisos) a una base de datos PostgreSQL vacía.",
        discussion: """
            El origen es la base de datos de siempre (--db, CRITERIO_DATABASE_URL o queue.database); no se modifica. El destino debe \
            estar vacío. Al terminar se verifica la bitácora copiada y se imprime su último hash, que debe ser el del origen. Las \
            sesiones web no se copian: hay que volver a entrar. Después, usa el destino con CRITERIO_DATABASE_URL. La contraseña, \
            mejor en PGPASSWORD que en la dirección.
            """)

    @Option(help: ArgumentHelp("Base de datos de destino, vacía: postgres://usuario@servidor/base (también :puerto y ?sslmode=…).", valueName: "url"))
    var to: String

    @OptionGroup var options: QueueOptions

    func run() async throws {
        let source = try await QueueContext.open(options, writing: false, oneShot: false)
        let actor = try source.actor()
        let target: PostgresQueueStore
        do {
            target = try await PostgresQueueStore.open(
                url: to, environment: QueueContext.environment, access: .create, busyTimeout: source.configuration.busyTimeoutSeconds)
        } catch {
            throw CommandFailure(message: error.description)
        }
        let copied = try await source.run { () async throws -> (QueueSnapshot, AuditVerification, AuditVerification) in
            let before = try await source.service.verifyAudit(as: actor)
            guard case .intact = before else {
                throw CommandFailure(message: "la bitácora de origen no está íntegra; revisa criterio audit verify antes de copiar (no se copió nada)")
            }
            let snapshot = try await QueueSnapshot.read(from: source.store)
            do {
                try await target.importQueue(snapshot)
            } catch let refusal as PostgresQueueStore.ImportRefusal {
                throw CommandFailure(message: refusal.description)
            }
            let after = try await QueueService(store: target, policy: source.service.policy).verifyAudit(as: actor)
            return (snapshot, before, after)
        }
        let (snapshot, before, after) = copied
        guard case .intact(let entries, let lastHash) = after, after == before else {
            throw CommandFailure(
                message: "la bitácora copiada a «\(target.location)» no coincide con la de origen; no uses el destino y avisa a quien mantiene Criterio",
                status: .failing)
        }
        var text = "Cola copiada a \(target.location): \(snapshot.users.count) usuarios, \(snapshot.apiTokens.count) fichas de API, "
        text += "\(snapshot.consultations.count) consultas, \(snapshot.revisions.count) revisiones, \(snapshot.auditEntries.count) entradas de bitácora "
        text += "y \(snapshot.outbox.count) avisos.\n"
        text += "Bitácora íntegra en el destino: \(entries) entradas; última huella \(lastHash ?? "(ninguna)"), igual a la del origen.\n"
        text += "Para seguir trabajando con ella: export CRITERIO_DATABASE_URL='\(target.location)' (y la contraseña en PGPASSWORD).\n"
        Terminal.write(text)
    }
}
