import CriterioCore
import CriterioDrafts
import CriterioRunner
import Testing

@Suite("Aplicar correcciones")
struct FixApplierTests {
    func finding(_ range: Range<Int>, fix: String?) -> Finding {
        Finding(ruleID: "prueba", severity: .warning, criterion: .xxvi, message: "m", range: range, excerpt: "", fix: fix)
    }

    @Test func fixesAreAppliedFromTheEndAndOverlapsWaitForTheNextRun() throws {
        let draft = try DraftParser.parse("uno DOS tres CUATRO", path: "b.md")
        let fixed = try #require(
            FixApplier.apply(
                [finding(4..<7, fix: "dos"), finding(13..<19, fix: "cuatro"), finding(8..<19, fix: "X"), finding(0..<3, fix: nil)],
                to: draft))
        #expect(String(decoding: fixed.bytes, as: UTF8.self) == "uno dos tres cuatro")
        #expect(fixed.applied.map(\.range) == [4..<7, 13..<19])
        #expect(fixed.skipped.map(\.range) == [8..<19])
        #expect(FixApplier.apply([finding(0..<3, fix: nil)], to: draft) == nil)
    }
}
