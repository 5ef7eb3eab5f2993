import CriterioFoundation
import Foundation
import Testing

/// The shared state of the spellers and the server's kept answers.
@Suite("Valor compartido tras un candado")
struct LockedTests {
    @Test func threadsChangingOneValueLoseNoChange() async {
        let counts = Locked<[Int: Int]>([:])
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    for i in 0..<5_000 { counts.withLock { $0[i % 16, default: 0] += 1 } }
                }
            }
        }
        #expect(counts.withLock { $0.values.reduce(0, +) } == 40_000)
        #expect(counts.withLock { $0.count } == 16)
    }

    @Test func anErrorThrownInsideLeavesTheLockFree() {
        struct Refused: Error {}
        let value = Locked(1)
        #expect(throws: Refused.self) { try value.withLock { (_: inout Int) throws(Refused) in throw Refused() } }
        #expect(value.withLock { $0 += 1; return $0 } == 2, "a lock left taken would hang here")
    }
}
