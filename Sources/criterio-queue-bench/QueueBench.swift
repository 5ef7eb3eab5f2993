import CriterioQueue
import CriterioQueuePostgres
import CriterioQueueSQLite
import Foundation

/// The queue's benchmark (`scripts/bench-queue`): claim→approve cycles per second from several
/// concurrent clients (each with a connection of its own, as separate processes or servers have),
/// and the latency of listing a queue of 10,000 items, on each store it is given. Prints medians.
///
///     criterio-queue-bench [--sqlite RUTA] [--postgres URL] [--items 10000] [--clients 8] [--cycles 25] [--rounds 5]
@main
struct QueueBench {
    struct Options {
        var sqlite: String?
        var postgres: String?
        var items = 10_000
        var clients = 8
        var cyclesPerClient = 25
        var rounds = 5
    }

    static func main() async {
        do {
            let options = try parse(Array(CommandLine.arguments.dropFirst()))
            if let path = options.sqlite {
                try? FileManager.default.removeItem(atPath: path)
                try await run(
                    "SQLite", options: options,
                    open: { try await SQLiteQueueStore.open(path: path, access: .readWrite, busyTimeout: 30) })
            }
            if let url = options.postgres {
                try await run(
                    "PostgreSQL", options: options,
                    open: {
                        try await PostgresQueueStore.open(
                            url: url, environment: ProcessInfo.processInfo.environment, access: .create, busyTimeout: 30)
                    })
            }
        } catch {
            FileHandle.standardError.write(Data("criterio-queue-bench: \(error)\n".utf8))
            exit(2)
        }
    }

    static func parse(_ arguments: [String]) throws -> Options {
        var options = Options()
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { throw Usage(flag: flag) }
            switch flag {
            case "--sqlite": options.sqlite = value
            case "--postgres": options.postgres = value
            case "--items": options.items = Int(value) ?? options.items
            case "--clients": options.clients = Int(value) ?? options.clients
            case "--cycles": options.cyclesPerClient = Int(value) ?? options.cyclesPerClient
            case "--rounds": options.rounds = Int(value) ?? options.rounds
            default: throw Usage(flag: flag)
            }
        }
        return options
    }

    struct Usage: Error, CustomStringConvertible {
        let flag: String
        var description: String {
            "opción desconocida o sin valor «\(flag)»; uso: criterio-queue-bench [--sqlite RUTA] [--postgres URL] [--items N] [--clients N] [--cycles N] [--rounds N]"
        }
    }

    static let policy = QueuePolicy(credentials: CredentialPolicy(bcryptCost: 4))

    static func run(_ name: String, options: Options, open: @escaping @Sendable () async throws -> any QueueStore) async throws {
        let service = QueueService(store: try await open(), policy: policy)
        let start = Date()
        _ = try await service.addUser(name: "sofia", role: .supervisor, area: nil, email: nil, by: nil, at: start)
        _ = try await service.addUser(name: "ana", role: .admin, area: "DECEYEC", email: nil, by: "sofia", at: start)
        let reviewers = (1...options.clients).map { "revisora\($0)" }
        for reviewer in reviewers { _ = try await service.addUser(name: reviewer, role: .cncs, area: nil, email: nil, by: "sofia", at: start) }

        // Seeding: one submission per write transaction, from one client.
        let seedClock = ContinuousClock.now
        var ids: [Int64] = []
        for number in 1...options.items {
            let submission = Submission(
                draftPath: "borrador-\(number).md", draftBytes: Array("Borrador número \(number).\n".utf8), question: "¿Se puede?", findings: [])
            ids.append(try await service.submit(submission, by: "ana", at: start).consultation.id)
        }
        let seedSeconds = seconds(ContinuousClock.now - seedClock)

        // Listing the whole queue, as `criterio queue list` does.
        var listTimes: [Double] = []
        for _ in 1...9 {
            let clock = ContinuousClock.now
            let listed = try await service.list(ConsultationQuery(), as: "revisora1")
            listTimes.append(seconds(ContinuousClock.now - clock) * 1000)
            precondition(listed.count == options.items)
        }

        // Claim → approve, every client on a connection of its own, each on items of its own.
        let clients = try await withThrowingTaskGroup(of: QueueService.self) { group in
            for _ in reviewers { group.addTask { QueueService(store: try await open(), policy: policy) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        var rates: [Double] = []
        var next = ids.makeIterator()
        for _ in 1...options.rounds {
            var work: [[Int64]] = []
            for _ in reviewers { work.append((0..<options.cyclesPerClient).compactMap { _ in next.next() }) }
            let clock = ContinuousClock.now
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, reviewer) in reviewers.enumerated() {
                    let client = clients[index]
                    let items = work[index]
                    group.addTask {
                        // One instant for every client: with times taken before each transaction,
                        // concurrent clients would write entries whose times run backwards by a few
                        // milliseconds, which `audit verify` reports.
                        for id in items {
                            _ = try await client.perform(.claim, on: id, by: reviewer, expectedVersion: nil, comment: nil, at: start)
                            _ = try await client.perform(.approve, on: id, by: reviewer, expectedVersion: nil, comment: "Adelante.", at: start)
                        }
                    }
                }
                try await group.waitForAll()
            }
            let cycles = work.map(\.count).reduce(0, +)
            rates.append(Double(cycles) / seconds(ContinuousClock.now - clock))
        }
        let verification = try await service.verifyAudit(as: "sofia")
        guard case .intact = verification else { throw Broken(store: name, verification: verification) }
        let cycles = String(format: "%.0f", median(rates))
        let list = String(format: "%.1f", median(listTimes))
        let seeding = String(format: "%.0f", Double(options.items) / seedSeconds)
        print(
            "\(name): \(cycles) ciclos reclamar→aprobar/s con \(options.clients) clientes (mediana de \(options.rounds) rondas de "
                + "\(options.clients * options.cyclesPerClient)); queue list de \(options.items) consultas: \(list) ms (mediana de 9); "
                + "alta de \(options.items) consultas: \(seeding)/s")
    }

    struct Broken: Error, CustomStringConvertible {
        let store: String
        let verification: AuditVerification
        var description: String {
            guard case .broken(let problem, _) = verification else { return "la bitácora de \(store) quedó íntegra" }
            return "la bitácora de \(store) no quedó íntegra tras el benchmark: \(problem.description)"
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}
