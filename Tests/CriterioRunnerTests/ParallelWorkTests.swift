import CriterioFoundation
import CriterioRunner
import Testing

/// The passes of `lint` over thousands of drafts: in chunks on every core, results in order.
@Suite("Trabajo en todos los núcleos")
struct ParallelWorkMapTests {
    @Test(arguments: [1, 2, 3, 8])
    func everyItemIsTransformedOnceInOrderHoweverTheChunksFall(cores: Int) {
        for count in [0, 1, 15, 16, 17, 31, 32, 33, 47, 1_000, 1_001] {
            let items = Array(0..<count)
            let calls = Locked(0)
            let results = ParallelWork.map(items, cores: cores) { item in
                calls.withLock { $0 += 1 }
                return item * 3 + 1
            }
            #expect(results == items.map { $0 * 3 + 1 }, "\(count) elementos")
            #expect(calls.withLock { $0 } == count, "\(count) elementos")
        }
    }
}

/// What the command line lets go of while it works.
@Suite("Memoria que se suelta")
struct ParallelWorkReleaseTests {
    final class Watched: Sendable {}

    /// A command's process ends with its work: once it says so, what is released is not freed.
    @Test func whatIsReleasedOnceTheProcessKeepsItLivesOn() async throws {
        ParallelWork.keepReleasedUntilExit()
        weak var watched: Watched?
        do {
            let object = Watched()
            watched = object
            ParallelWork.release(object)
        }
        // Freed, it would be gone in a few milliseconds (on a utility thread).
        try await Task.sleep(for: .milliseconds(200))
        #expect(watched != nil)
    }
}
