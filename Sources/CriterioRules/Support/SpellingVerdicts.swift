import CriterioCore
import CriterioFoundation

/// What the spelling rule concluded about every word it met, by a hash of the word as written: right
/// or wrong and, for a wrong word once reported, its `Misspelling`. The linter is shared by threads,
/// so the tables are behind a lock, taken once per post for all of its words; words are judged
/// outside it (a word two threads meet at once is judged twice, with the same verdict).
final class SpellingVerdicts: Sendable {
    enum Verdict: UInt8, Sendable {
        case unknown, correct, misspelled
    }

    private struct Tables: ~Copyable {
        /// Open addressing over the hashes, with the verdict beside each: cheaper than a Dictionary,
        /// which would hash every key again.
        var keys = [UInt64](repeating: 0, count: 1024)
        var verdicts = [Verdict](repeating: .unknown, count: 1024)
        var count = 0
        var misspellings: [UInt64: Misspelling] = [:]

        func slot(of key: UInt64) -> Int {
            let mask = keys.count - 1
            var index = Int(truncatingIfNeeded: key ^ (key >> 29)) & mask
            while verdicts[index] != .unknown && keys[index] != key { index = (index + 1) & mask }
            return index
        }

        mutating func insert(_ key: UInt64, _ verdict: Verdict) {
            if (count + 1) * 2 > keys.count {
                if keys.count >= SpellingVerdicts.limit {
                    // A server that met this many words starts afresh rather than growing without end.
                    self = Tables()
                } else {
                    grow()
                }
            }
            let index = slot(of: key)
            if verdicts[index] == .unknown { count += 1 }
            keys[index] = key
            verdicts[index] = verdict
        }

        private mutating func grow() {
            let oldKeys = keys
            let oldVerdicts = verdicts
            keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
            verdicts = [Verdict](repeating: .unknown, count: oldKeys.count * 2)
            for index in oldKeys.indices where oldVerdicts[index] != .unknown {
                let slot = slot(of: oldKeys[index])
                keys[slot] = oldKeys[index]
                verdicts[slot] = oldVerdicts[index]
            }
        }
    }

    /// Slots of the table, at most: about a million distinct words.
    static let limit = 1 << 21

    private let tables = Locked(Tables())

    /// Fills in the verdict of every candidate already judged (`.unknown` for the others).
    func lookUp(_ candidates: UnsafeMutableBufferPointer<(index: Int, key: UInt64, verdict: Verdict)>) {
        tables.withLock { tables in
            for position in candidates.indices {
                candidates[position].verdict = tables.verdicts[tables.slot(of: candidates[position].key)]
            }
        }
    }

    func record(_ key: UInt64, _ verdict: Verdict) {
        tables.withLock { $0.insert(key, verdict) }
    }

    /// The misspelling of a wrong word, made by `make` the first time it is asked for.
    func misspelling(for key: UInt64, make: () -> Misspelling) -> Misspelling {
        if let known = tables.withLock({ $0.misspellings[key] }) { return known }
        let made = make()
        tables.withLock { $0.misspellings[key] = made }
        return made
    }
}
