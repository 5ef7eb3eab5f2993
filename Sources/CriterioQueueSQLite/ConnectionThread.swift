import Foundation

/// The thread a store's transactions run on, as a task executor: a transaction body runs under
/// `withTaskExecutorPreference(thread)`, so its statements are synchronous calls into SQLite on this
/// thread, one after another, instead of one hop to GRDB's queue and back for each. Waiting on
/// another process's lock (the busy timeout) then blocks this thread, never one of Swift's
/// cooperative pool. The thread ends when the store is released.
final class ConnectionThread: TaskExecutor, @unchecked Sendable {
    private let jobs = JobList()

    init(name: String) {
        let jobs = jobs
        let thread = Thread { jobs.runUntilClosed() }
        thread.name = name
        thread.start()
    }

    deinit { jobs.close() }

    func enqueue(_ job: consuming ExecutorJob) {
        jobs.append(UnownedJob(job), on: asUnownedTaskExecutor())
    }
}

/// The jobs waiting for a `ConnectionThread`, in order. Kept apart from it so that the thread
/// does not keep its executor alive.
private final class JobList: @unchecked Sendable {
    private let condition = NSCondition()
    private var waiting: [(job: UnownedJob, executor: UnownedTaskExecutor)] = []
    private var closed = false

    func append(_ job: UnownedJob, on executor: UnownedTaskExecutor) {
        condition.lock()
        waiting.append((job, executor))
        condition.signal()
        condition.unlock()
    }

    func close() {
        condition.lock()
        closed = true
        condition.signal()
        condition.unlock()
    }

    /// Runs jobs as they come; returns once closed with nothing left to run.
    func runUntilClosed() {
        while true {
            condition.lock()
            while waiting.isEmpty && !closed { condition.wait() }
            if waiting.isEmpty {
                condition.unlock()
                return
            }
            let batch = waiting
            waiting.removeAll(keepingCapacity: true)
            condition.unlock()
            for (job, executor) in batch { job.runSynchronously(on: executor) }
        }
    }
}
