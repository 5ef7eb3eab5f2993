import CriterioFoundation
import Foundation

/// A queue of bounded capacity between threads: `push` waits while it is full, `pop` while it is empty.
final class BlockingQueue<Element>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Element?] = []
    private var head = 0
    private var count = 0
    private var closed = false

    init(capacity: Int) {
        items = Array(repeating: nil, count: max(1, capacity))
    }

    /// False when the queue was closed (nobody takes more).
    @discardableResult
    func push(_ element: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while count == items.count && !closed { condition.wait() }
        guard !closed else { return false }
        items[(head + count) % items.count] = element
        count += 1
        condition.broadcast()
        return true
    }

    /// Nil once the queue is closed and empty.
    func pop() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while count == 0 && !closed { condition.wait() }
        guard count > 0 else { return nil }
        let element = items[head]
        items[head] = nil
        head = (head + 1) % items.count
        count -= 1
        condition.broadcast()
        return element
    }

    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}

/// Results that arrive out of order, handed out in order.
final class ReorderBuffer<Element>: @unchecked Sendable {
    private let condition = NSCondition()
    private var ready: [Int: Element] = [:]
    private var total: Int?

    func put(_ sequence: Int, _ element: Element) {
        condition.lock()
        ready[sequence] = element
        condition.broadcast()
        condition.unlock()
    }

    /// There will be `total` results, numbered from 0.
    func finish(total: Int) {
        condition.lock()
        self.total = total
        condition.broadcast()
        condition.unlock()
    }

    /// Result `sequence`, waiting for it; nil when there is none (past the total).
    func take(_ sequence: Int) -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while ready[sequence] == nil {
            if let total, sequence >= total { return nil }
            condition.wait()
        }
        return ready.removeValue(forKey: sequence)
    }
}

/// Readers → a bounded queue → one worker per core → an ordered writer.
///
/// The reader runs on a thread of its own and cuts its items into batches; `workers` threads each
/// turn a batch into results; the caller's thread receives the results in the reader's order. At most
/// `inFlight` batches exist at once (read and not yet written), so memory stays flat however long the
/// input is, and the reader waits when the writer or the workers fall behind.
enum BoundedPipeline {
    struct Batch<Item: Sendable>: Sendable {
        let sequence: Int
        let items: [Item]
    }

    static func run<Item: Sendable, Result: Sendable>(
        workers: Int, batchSize: Int, inFlight: Int,
        read: @escaping @Sendable (_ emit: (Item) -> Bool) -> Void,
        makeWorker: @escaping @Sendable () -> (Item) -> Result,
        write: (Result) throws -> Void
    ) rethrows {
        let queue = BlockingQueue<Batch<Item>>(capacity: inFlight)
        let results = ReorderBuffer<[Result]>()
        let permits = DispatchSemaphore(value: inFlight)
        let stopped = StopFlag()
        let group = DispatchGroup()

        group.enter()
        let reader = Thread {
            var batch: [Item] = []
            batch.reserveCapacity(batchSize)
            var sequence = 0
            func flush() -> Bool {
                guard !batch.isEmpty else { return true }
                permits.wait()
                guard !stopped.isSet, queue.push(Batch(sequence: sequence, items: batch)) else { return false }
                sequence += 1
                batch = []
                batch.reserveCapacity(batchSize)
                return true
            }
            read { item in
                batch.append(item)
                return batch.count < batchSize || flush()
            }
            _ = flush()
            results.finish(total: sequence)
            queue.close()
            group.leave()
        }
        reader.stackSize = 8 << 20
        reader.start()

        for _ in 0..<max(1, workers) {
            group.enter()
            let worker = Thread {
                let process = makeWorker()
                while let batch = queue.pop() {
                    results.put(batch.sequence, batch.items.map(process))
                }
                group.leave()
            }
            worker.stackSize = 8 << 20
            worker.start()
        }

        defer {
            stopped.set()
            queue.close()
            // Let a reader waiting for a permit see the stop.
            for _ in 0..<(inFlight + 1) { permits.signal() }
            group.wait()
        }
        var next = 0
        while let batch = results.take(next) {
            for result in batch { try write(result) }
            permits.signal()
            next += 1
        }
    }
}

/// Set once, read from any thread.
final class StopFlag: Sendable {
    private let value = Locked(false)

    var isSet: Bool { value.withLock { $0 } }

    func set() { value.withLock { $0 = true } }
}
