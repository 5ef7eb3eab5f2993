import CriterioFoundation
import CriterioQueue
import Foundation
import Hummingbird

/// The answers of `GET /api/v1/consultations`, kept per user and query while the queue stays as it
/// was. Reviewers' pages and scripts poll the list; reading and writing the same 200 items again for
/// every poll was most of the server's work.
///
/// An answer stands while the audit head is the one it was written under — every change to a
/// consultation or a user appends to the log in the same transaction, whichever instance or command
/// made it — and until the first deadline among its items passes (that item turns overdue). The
/// head is read before the list, so a change that commits in between makes the answer look older
/// than it is, never newer. Lists filtered by `overdue` depend on the time itself and are not kept.
final class ListAnswers: Sendable {
    struct Key: Hashable, Sendable {
        let user: String
        let query: ConsultationQuery
    }

    private struct Answer {
        let head: AuditHead?
        let writtenAt: Date
        /// The first deadline after `writtenAt` among the items, when there is one.
        let validUntil: Date?
        /// Shared by every answer sent from it (a `ByteBuffer` is copied on write only).
        let body: ByteBuffer

        func stands(head current: AuditHead?, at now: Date) -> Bool {
            current == head && now >= writtenAt && validUntil.map { now < $0 } ?? true
        }
    }

    /// How many bytes of answers are kept (a reviewer's whole queue of 10,000 items is about 4 MB);
    /// when an answer does not fit, all are dropped and the next polls fill the memory again.
    let capacityBytes: Int
    private let answers = Locked<(byKey: [Key: Answer], bytes: Int)>(([:], 0))

    init(capacityBytes: Int = 32 << 20) {
        self.capacityBytes = capacityBytes
    }

    static func key(user: String, query: ConsultationQuery) -> Key? {
        query.dueAtOrBefore == nil ? Key(user: user, query: query) : nil
    }

    /// The kept answer, if it still stands.
    func answer(for key: Key, head: AuditHead?, at now: Date) -> ByteBuffer? {
        answers.withLock { answers in
            guard let answer = answers.byKey[key] else { return nil }
            return answer.stands(head: head, at: now) ? answer.body : nil
        }
    }

    func keep(_ body: ByteBuffer, listing items: [Consultation], for key: Key, head: AuditHead?, at now: Date) {
        let validUntil = items.lazy.compactMap(\.dueAt).filter { $0 > now }.min()
        answers.withLock { answers in
            answers.bytes -= answers.byKey.removeValue(forKey: key)?.body.readableBytes ?? 0
            guard body.readableBytes <= capacityBytes else { return }
            if answers.bytes + body.readableBytes > capacityBytes { answers = ([:], 0) }
            answers.byKey[key] = Answer(head: head, writtenAt: now, validUntil: validUntil, body: body)
            answers.bytes += body.readableBytes
        }
    }
}
