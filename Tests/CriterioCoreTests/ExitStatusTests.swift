import CriterioCore
import CriterioDrafts
import CriterioReporters
import CriterioRunner
import Testing

@Suite("Códigos de salida")
struct ExitStatusTests {
    func report(_ severities: [Severity], errors: Int = 0) -> LintReport {
        let draft = Draft(path: "a.md", text: "texto")
        let findings = severities.map {
            Finding(ruleID: "r", severity: $0, criterion: .iii, message: "m", range: 0..<1, excerpt: "t")
        }
        return LintReport(
            files: [FileReport(draft: draft, findings: findings)],
            errors: (0..<errors).map { _ in DraftInputError(path: "b.md", message: "x") })
    }

    @Test func table() {
        let cases: [([Severity], FailPolicy, Int, CriterioRunner.ExitStatus)] = [
            ([], FailPolicy(), 0, .publishable),
            ([.warning], FailPolicy(), 0, .publishable),
            ([.error], FailPolicy(), 0, .failing),
            ([.consult], FailPolicy(), 0, .needsConsultation),
            ([.consult, .error], FailPolicy(), 0, .failing),
            ([.warning], FailPolicy(failLevel: .warning), 0, .failing),
            ([.consult], FailPolicy(failLevel: .warning), 0, .needsConsultation),
            ([.consult], FailPolicy(failLevel: .consult), 0, .failing),
            ([.warning, .warning], FailPolicy(maxWarnings: 1), 0, .failing),
            ([.warning], FailPolicy(maxWarnings: 1), 0, .publishable),
            ([], FailPolicy(), 1, .inputError),
            ([.error], FailPolicy(), 1, .inputError),
        ]
        for (severities, policy, errors, expected) in cases {
            #expect(report(severities, errors: errors).exitStatus(policy: policy) == expected, "\(severities) \(policy.failLevel)")
        }
    }

    @Test func anApprovedConsultationLetsTheDraftThrough() {
        #expect(report([.consult]).exitStatus(isApproved: { _ in true }) == .publishable)
        #expect(report([.consult, .warning]).exitStatus(isApproved: { _ in true }) == .publishable)
    }
}
