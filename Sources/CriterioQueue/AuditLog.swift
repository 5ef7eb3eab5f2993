import Crypto
import Foundation

/// One event of the *bitácora* (numeral 8.iii): who did what, when, to which item, from which state to
/// which, and why. Entries are append-only and hash-chained: each `hash` covers the entry's fields and
/// the previous entry's hash, so changing or removing one breaks every hash after it.
public struct AuditEntry: Sendable, Codable, Equatable {
    /// 1, 2, 3, … with no gaps.
    public var sequence: Int64
    public var at: Date
    public var actor: String
    /// `QueueAction.eventName`, or an `AuditEvent`.
    public var event: String
    public var consultationID: Int64?
    public var revision: Int?
    public var fromState: String?
    public var toState: String?
    /// The comment or reason given, if any.
    public var reason: String?
    /// Facts the event fixed (deadline, content hash, version…), as sorted JSON.
    public var details: String?
    public var previousHash: String
    public var hash: String

    public init(
        sequence: Int64, at: Date, actor: String, event: String, consultationID: Int64?, revision: Int?, fromState: String?,
        toState: String?, reason: String?, details: String?, previousHash: String, hash: String = ""
    ) {
        self.sequence = sequence
        self.at = Timestamp.rounded(at)
        self.actor = actor
        self.event = event
        self.consultationID = consultationID
        self.revision = revision
        self.fromState = fromState
        self.toState = toState
        self.reason = reason
        self.details = details
        self.previousHash = previousHash
        self.hash = hash
    }

    /// `details` read back as keys and values (empty when there are none or they do not parse).
    public var detailValues: [String: String] {
        guard let details else { return [:] }
        return (try? JSONDecoder().decode([String: String].self, from: Data(details.utf8))) ?? [:]
    }

    /// The entry with its hash computed.
    public func sealed() -> AuditEntry {
        var entry = self
        entry.hash = AuditChain.hash(of: self)
        return entry
    }
}

/// The last entry of the log, kept apart so that removing entries from the end is noticed too.
public struct AuditHead: Sendable, Equatable {
    public var sequence: Int64
    public var hash: String

    public init(sequence: Int64, hash: String) {
        self.sequence = sequence
        self.hash = hash
    }
}

/// Hashing and checking the chain. The preimage is a versioned, length-prefixed list of the fields, so
/// that no two different entries can produce the same bytes.
public enum AuditChain {
    /// The "previous hash" of the first entry.
    public static let genesis = String(repeating: "0", count: 64)

    public static func hash(of entry: AuditEntry) -> String {
        var preimage = "criterio-audit-v1\n"
        func field(_ value: String?) {
            guard let value else {
                preimage += "-\n"
                return
            }
            preimage += "\(value.utf8.count):\(value)\n"
        }
        field(String(entry.sequence))
        field(Timestamp.string(entry.at))
        field(entry.actor)
        field(entry.event)
        field(entry.consultationID.map { String($0) })
        field(entry.revision.map { String($0) })
        field(entry.fromState)
        field(entry.toState)
        field(entry.reason)
        field(entry.details)
        field(entry.previousHash)
        return ContentHash.hex(SHA256.hash(data: Array(preimage.utf8)))
    }

    /// Checks entries in sequence order, in pages, against the recorded head: each entry's hash, its
    /// link to the one before, no gap, times that never run backwards, and (with `expectedHead`)
    /// that a head saved elsewhere is still in the chain, so a truncated tail is caught.
    public struct Verifier {
        private var expectedSequence: Int64 = 1
        private var previousHash = AuditChain.genesis
        private var previousAt: Date?
        /// The hash of a head saved elsewhere (`audit verify --expect`), and where it was found.
        private let expectedHead: String?
        private var expectedHeadFound = false
        public private(set) var checked = 0
        public private(set) var problem: AuditProblem?
        /// The first entry whose time is before its predecessor's (reported when the hashes hold).
        private var timeReversal: AuditProblem?

        public init(expectedHead: String? = nil) {
            self.expectedHead = expectedHead?.lowercased()
        }

        /// A verifier that starts at entry `sequence`, whose previous hash is `previousHash` (to check
        /// the chain from one entry to the head).
        public init(startingAt sequence: Int64, previousHash: String) {
            self.init()
            expectedSequence = sequence
            self.previousHash = previousHash
        }

        /// Feeds the next entries; stops at the first problem.
        public mutating func check(_ entries: [AuditEntry]) {
            for entry in entries where problem == nil {
                if entry.sequence > expectedSequence {
                    problem = AuditProblem(sequence: expectedSequence, kind: .removed)
                } else if entry.sequence < expectedSequence || entry.previousHash != previousHash || AuditChain.hash(of: entry) != entry.hash {
                    problem = AuditProblem(sequence: entry.sequence, kind: .altered)
                } else {
                    if let previousAt, entry.at < previousAt, timeReversal == nil {
                        timeReversal = AuditProblem(sequence: entry.sequence, kind: .timeReversed)
                    }
                    if entry.hash == expectedHead { expectedHeadFound = true }
                    expectedSequence += 1
                    previousHash = entry.hash
                    previousAt = entry.at
                    checked += 1
                }
            }
        }

        /// Compares the end of the chain with the head recorded apart (and the one saved elsewhere).
        public mutating func finish(head: AuditHead?) -> AuditVerification {
            if let problem { return .broken(problem, intactEntries: checked) }
            let last = expectedSequence - 1
            switch head {
            case nil where last == 0:
                break
            case nil:
                return .broken(AuditProblem(sequence: last, kind: .headMissing), intactEntries: checked)
            case let head?:
                if head.sequence > last {
                    return .broken(AuditProblem(sequence: last + 1, kind: .removed), intactEntries: checked)
                }
                if head.sequence < last || head.hash != previousHash {
                    return .broken(AuditProblem(sequence: head.sequence, kind: .headMismatch), intactEntries: checked)
                }
            }
            if expectedHead != nil, !expectedHeadFound {
                return .broken(AuditProblem(sequence: last + 1, kind: .expectedHeadMissing), intactEntries: checked)
            }
            if let timeReversal { return .broken(timeReversal, intactEntries: checked) }
            return .intact(entries: checked, lastHash: last == 0 ? nil : previousHash)
        }
    }
}

public struct AuditProblem: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// The entry's fields or hash do not match the chain.
        case altered
        /// The entry is missing.
        case removed
        /// The recorded head does not match the last entry.
        case headMismatch = "head_mismatch"
        case headMissing = "head_missing"
        /// The entry's time is before the previous entry's: a clock was set back.
        case timeReversed = "time_reversed"
        /// The head saved elsewhere (`--expect`) is not in the chain: entries were cut from the end,
        /// or the log was rewritten.
        case expectedHeadMissing = "expected_head_missing"
    }

    public let sequence: Int64
    public let kind: Kind

    public init(sequence: Int64, kind: Kind) {
        self.sequence = sequence
        self.kind = kind
    }

    public var description: String {
        switch kind {
        case .altered: "la entrada \(sequence) fue alterada: su contenido ya no coincide con su huella en la cadena"
        case .removed: "falta la entrada \(sequence): fue eliminada de la bitácora"
        case .headMismatch: "la última entrada registrada (\(sequence)) no coincide con el final de la bitácora"
        case .headMissing: "falta el registro de la última entrada; la bitácora termina en la entrada \(sequence)"
        case .timeReversed: "la entrada \(sequence) tiene una fecha anterior a la de la entrada \(sequence - 1): alguien atrasó el reloj al escribirla"
        case .expectedHeadMissing:
            "la huella esperada no está en la bitácora: se quitaron entradas del final (la bitácora termina en la \(sequence - 1)) o se reescribió"
        }
    }
}

public enum AuditVerification: Sendable, Equatable {
    case intact(entries: Int, lastHash: String?)
    case broken(AuditProblem, intactEntries: Int)
}
