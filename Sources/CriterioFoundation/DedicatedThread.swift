import Foundation

/// Runs blocking work on a thread of its own and suspends the caller until it ends. Swift's
/// cooperative pool has one thread per core and every task of the process shares it (a server's
/// requests too), so work that waits (a child process, a terminal read, the database's open and
/// migrations) or burns a core for a long while (bcrypt) must not run there.
public enum DedicatedThread {
    public static func run<T: Sendable, E: Error>(_ work: @escaping @Sendable () throws(E) -> T) async throws(E) -> T {
        let result: Result<T, E> = await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: Result(catching: work)) }
        }
        return try result.get()
    }
}
