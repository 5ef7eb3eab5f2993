import CriterioQueue
import Foundation
import Testing

/// Every action from every state: the allowed ones reach the state of SPEC §6, the others are refused
/// and change nothing.
@Suite("tabla de transiciones")
struct TransitionTableTests {
    /// SPEC §6, written out independently of `TransitionTable`.
    static let expected: [QueueAction: [ConsultationState: ConsultationState]] = [
        .claim: [.pending: .inReview],
        .release: [.inReview: .pending],
        .approve: [.inReview: .approved],
        .reject: [.inReview: .rejected],
        .requestChanges: [.inReview: .changesRequested],
        .resubmit: [.changesRequested: .pending],
        .withdraw: [.pending: .withdrawn, .inReview: .withdrawn, .changesRequested: .withdrawn],
        .reopen: [.approved: .pending, .rejected: .pending, .withdrawn: .pending, .expired: .pending],
        .comment: Dictionary(uniqueKeysWithValues: ConsultationState.allCases.map { ($0, $0) }),
        .expire: [.pending: .expired, .inReview: .expired],
        .expireClaim: [.inReview: .pending],
        .warn: [.pending: .pending, .inReview: .inReview],
    ]

    struct Case: CustomTestStringConvertible, Sendable {
        let action: QueueAction
        let state: ConsultationState
        var testDescription: String { "\(action.rawValue) desde \(state.rawValue)" }
    }

    static let cases: [Case] = QueueAction.allCases.filter { $0 != .submit }.flatMap { action in
        ConsultationState.allCases.map { Case(action: action, state: $0) }
    }

    @Test func theTableIsTheSpecification() {
        for testCase in Self.cases {
            #expect(TransitionTable.target(of: testCase.action, from: testCase.state) == Self.expected[testCase.action]?[testCase.state], "\(testCase.testDescription)")
        }
        #expect(TransitionTable.target(of: .submit, from: nil) == .pending)
        for state in ConsultationState.allCases { #expect(TransitionTable.target(of: .submit, from: state) == nil) }
    }

    /// The service, through a real store, for each (action, state) a person can attempt.
    @Test(arguments: cases.filter { !$0.action.isAutomatic && $0.action != .resubmit })
    func theServiceFollowsTheTable(_ testCase: Case) async throws {
        let fixture = try await Fixture(.sqliteMemory)
        let item = try await fixture.consultation(in: testCase.state)
        #expect(item.state == testCase.state)
        // Whoever may do it: the claimant for decisions and release, a supervisor to reopen, the submitter to withdraw.
        let actor: String
        switch testCase.action {
        case .reopen: actor = "sofia"
        case .withdraw, .comment: actor = "ana"
        default: actor = item.claim?.reviewer ?? "rosa"
        }
        let comment = testCase.action.isDecision || testCase.action == .reopen || testCase.action == .comment ? "motivo" : nil
        let expected = Self.expected[testCase.action]?[testCase.state]
        if let expected {
            let outcome = try await fixture.service.perform(testCase.action, on: item.id, by: actor, expectedVersion: item.version, comment: comment, at: Fixture.start)
            #expect(outcome.consultation.state == expected)
            #expect(outcome.consultation.version == item.version + (testCase.action.changesVersion ? 1 : 0))
            #expect(outcome.entries.last?.fromState == testCase.state.rawValue)
            #expect(outcome.entries.last?.toState == expected.rawValue)
        } else {
            let error = await #expect(throws: QueueError.self) {
                try await fixture.service.perform(testCase.action, on: item.id, by: actor, expectedVersion: item.version, comment: comment, at: Fixture.start)
            }
            #expect(error?.kind == .invalidTransition, "\(error?.description ?? "")")
            #expect(try await fixture.item(item.id) == item, "a refused action changes nothing")
        }
    }

    @Test(arguments: ConsultationState.allCases)
    func resubmittingFollowsTheTable(_ state: ConsultationState) async throws {
        let fixture = try await Fixture(.sqliteMemory)
        let item = try await fixture.consultation(in: state)
        let attempt = { try await fixture.service.submit(fixture.submission("texto corregido\n"), by: "ana", resubmitting: item.id, at: Fixture.start) }
        if state == .changesRequested {
            let outcome = try await attempt()
            #expect(outcome.consultation.state == .pending)
            #expect(outcome.consultation.revision == 2)
        } else {
            await #expect(throws: QueueError.self) { try await attempt() }
            #expect(try await fixture.item(item.id) == item)
        }
    }
}
