import Foundation

/// A value that several threads share, behind a lock: `Synchronization.Mutex`'s API over `NSLock`.
///
/// `Mutex` on Linux waits on a futex that ThreadSanitizer does not see, so TSan reports every
/// access it guards as a race: two threads incrementing a counter under a `Mutex`, built with
/// `swiftc -sanitize=thread`, count right and are still reported ("Swift access race"); under an
/// `NSLock` (a pthread mutex, which TSan intercepts) they are not. Those reports buried the real ones,
/// so shared state here uses this type and `swift test --sanitize=thread` reports only real races.
/// It holds noncopyable values too (the spelling rule's tables).
public final class Locked<Value: ~Copyable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    public init(_ value: consuming sending Value) {
        self.value = value
    }

    public func withLock<Result, E: Error>(_ body: (inout sending Value) throws(E) -> sending Result) throws(E) -> sending Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
