import CriterioFoundation
import Dispatch
import Foundation

/// Work over many small independent items on every core, results in the items' order.
public enum ParallelWork {
    /// `transform` of every item, in order, run on every core in contiguous chunks (one dispatch per
    /// chunk, not per item). Sixteen chunks per core: with four, the core that finished first often
    /// waited for the other's last chunk (sixteen made `lint` of 10,000 drafts 2 to 5 % faster).
    /// Fewer than `minimumItems` items run on the calling thread.
    public static func map<Item: Sendable, Result: Sendable>(
        _ items: [Item], cores: Int = ProcessInfo.processInfo.activeProcessorCount, minimumItems: Int = 16,
        _ transform: @Sendable (Item) -> Result
    ) -> [Result] {
        guard items.count >= minimumItems, cores > 1 else { return items.map(transform) }
        let chunks = min(items.count, cores * 16)
        return [Result](unsafeUninitializedCapacity: items.count) { buffer, initialized in
            let base = buffer.baseAddress!
            items.withUnsafeBufferPointer { buffer in
                // Each chunk initialises its own part of the buffer; concurrentPerform returns when all are done.
                nonisolated(unsafe) let input = buffer
                nonisolated(unsafe) let output = base
                DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                    let start = input.count * chunk / chunks
                    let end = input.count * (chunk + 1) / chunks
                    for index in start..<end { (output + index).initialize(to: transform(input[index])) }
                }
            }
            initialized = items.count
        }
    }

    /// Lets go of `value` on another thread: freeing what thousands of drafts hold (their strings,
    /// arrays and findings) is milliseconds the caller need not wait for. After
    /// `keepReleasedUntilExit()`, it is kept instead.
    public static func release<Value: Sendable>(_ value: consuming Value) {
        let value = value
        if let kept = keptUntilExit.withLock({ $0 }) {
            kept.withLock { $0.append(value) }
            return
        }
        // The block holds the last reference, and Dispatch lets go of a block where it ran.
        DispatchQueue.global(qos: .utility).async { withExtendedLifetime(value) {} }
    }

    /// For a process that ends when its work does (a command of the command line, as clang's
    /// `-disable-free`): what `release` is handed from now on is kept until the process exits, not
    /// freed. Freeing it costs a core that the work still uses (some 8 ms of linting a folder of
    /// 10,000 drafts on two cores) and gives back memory the exit gives back anyway.
    public static func keepReleasedUntilExit() {
        keptUntilExit.withLock { if $0 == nil { $0 = Locked([]) } }
    }

    /// What `release` keeps, once `keepReleasedUntilExit()` was called.
    private static let keptUntilExit = Locked<Locked<[any Sendable]>?>(nil)

    /// `foreground` on the calling thread while `background` runs on another; returns when both are
    /// done. The foreground may itself work on every core (`map`, a folder walk): a
    /// `concurrentPerform` started from inside another one runs on one thread.
    public static func both<Foreground, Background: Sendable>(
        _ foreground: () -> Foreground, meanwhile background: @escaping @Sendable () -> Background
    ) -> (Foreground, Background) {
        let slot = UnsafeMutablePointer<Background?>.allocate(capacity: 1)
        slot.initialize(to: nil)
        defer {
            slot.deinitialize(count: 1)
            slot.deallocate()
        }
        // Written by the background block only, and read after the group says it is done.
        nonisolated(unsafe) let output = slot
        let group = DispatchGroup()
        group.enter()
        // A thread of its own, started at once: on the global queue the background waited, some
        // milliseconds, for a thread that the foreground's `concurrentPerform` had taken.
        Thread.detachNewThread {
            output.pointee = background()
            group.leave()
        }
        let result = foreground()
        group.wait()
        return (result, slot.pointee!)
    }
}
