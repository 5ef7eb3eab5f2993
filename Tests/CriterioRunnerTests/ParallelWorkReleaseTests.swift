import CriterioRunner
import Testing

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
