import CriterioQueue
import Foundation
import Testing

/// What every `QueueStore` promises the service (the protocol's comment): all or nothing, one
/// transaction at a time even from many tasks of one process, and a cancelled task's transaction
/// rolled back.
@Suite("contrato de los almacenes")
struct StoreContractTests {
    @Test(arguments: StoreFactory.all)
    func aBodyThatThrowsLeavesNothingBehind(_ kind: StoreFactory) async throws {
        let fixture = try await Fixture(kind)
        let store = fixture.service.store
        let before = try await fixture.log()
        await #expect(throws: QueueError.self) {
            try await store.write { tx in
                try await tx.insertUser(User(name: "intrusa", role: .supervisor, createdAt: Fixture.start))
                throw QueueError(.forbidden, "no")
            }
        }
        #expect(try await store.read { try await $0.user(named: "intrusa") } == nil)
        #expect(try await fixture.log() == before)
        // The store goes on working.
        try await fixture.service.addUser(name: "eva", role: .cncs, area: nil, email: nil, by: "sofia", at: Fixture.start)
    }

    @Test(arguments: StoreFactory.all)
    func aCancelledTaskRollsBackItsTransaction(_ kind: StoreFactory) async throws {
        let fixture = try await Fixture(kind)
        let store = fixture.service.store
        let task = Task {
            try await store.write { tx in
                try await tx.insertUser(User(name: "intrusa", role: .supervisor, createdAt: Fixture.start))
                withUnsafeCurrentTask { $0?.cancel() }
                // The next statement (or the commit) finds the task cancelled.
                _ = try await tx.users()
            }
        }
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(try await store.read { try await $0.user(named: "intrusa") } == nil)
        try await fixture.service.addUser(name: "eva", role: .cncs, area: nil, email: nil, by: "sofia", at: Fixture.start)
        #expect(try await fixture.service.users().map(\.name).contains("eva"))
    }

    @Test(arguments: StoreFactory.all)
    func manyTasksWritingAtOnceKeepTheChainInOrder(_ kind: StoreFactory) async throws {
        let fixture = try await Fixture(kind)
        let item = try await fixture.submit()
        let service = fixture.service
        try await withThrowingTaskGroup(of: Void.self) { group in
            for number in 1...20 {
                group.addTask {
                    _ = try await service.perform(.comment, on: item.id, by: "ana", expectedVersion: nil, comment: "comentario \(number)", at: Fixture.start)
                }
            }
            try await group.waitForAll()
        }
        let log = try await fixture.log()
        #expect(log.map(\.sequence) == Array(1...Int64(log.count)))
        #expect(log.filter { $0.event == "commented" }.count == 20)
        #expect(try await fixture.item(item.id).version == item.version, "comments change nothing a decision depends on")
        #expect(try await service.verifyAudit(as: "sofia") == .intact(entries: log.count, lastHash: log.last?.hash))
    }

    @Test(arguments: StoreFactory.all)
    func ofManyTasksClaimingAtOnceExactlyOneWins(_ kind: StoreFactory) async throws {
        let fixture = try await Fixture(kind)
        let item = try await fixture.submit()
        let service = fixture.service
        let reviewers = (1...8).map { "revisora\($0)" }
        for name in reviewers { try await service.addUser(name: name, role: .cncs, area: nil, email: nil, by: "sofia", at: Fixture.start) }
        let results = await withTaskGroup(of: Result<String, QueueError>.self) { group in
            for name in reviewers {
                group.addTask {
                    do {
                        return .success(try await service.perform(.claim, on: item.id, by: name, expectedVersion: item.version, at: Fixture.start).consultation.claim?.reviewer ?? "")
                    } catch let error as QueueError {
                        return .failure(error)
                    } catch {
                        return .failure(QueueError(.invalidInput, "\(error)"))
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let winners = results.compactMap { try? $0.get() }
        #expect(winners.count == 1)
        #expect(try await fixture.item(item.id).claim?.reviewer == winners.first)
        for case .failure(let error) in results { #expect(error.kind == .versionConflict || error.kind == .invalidTransition, "\(error)") }
    }
}
