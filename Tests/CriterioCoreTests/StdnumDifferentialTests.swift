import CriterioRules
import Foundation
import Testing

/// The CURP, RFC, CLABE and Luhn validators against python-stdnum's verdicts on 12,000 generated
/// values (`Tests/Fixtures/stdnum-differential.tsv`, written by `scripts/generate-stdnum-fixture`;
/// CLABE's verdict is Faker's, since stdnum has no CLABE module). Zero disagreements allowed: the
/// RFC check digit is compared on its own column because it does not gate detection.
@Suite("Validadores contra python-stdnum")
struct StdnumDifferentialTests {
    struct Row: Sendable {
        let line: Int
        let kind: String
        let value: String
        let verdict: Bool
        let strictVerdict: Bool?
    }

    static let rows: [Row] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/stdnum-differential.tsv")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        var rows: [Row] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where !line.isEmpty && !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 4 else { continue }
            rows.append(Row(line: index + 1, kind: fields[0], value: fields[1], verdict: fields[2] == "1",
                            strictVerdict: fields[3].isEmpty ? nil : fields[3] == "1"))
        }
        return rows
    }()

    @Test("El archivo tiene al menos 10,000 valores de los cuatro tipos")
    func fixtureIsComplete() {
        #expect(Self.rows.count >= 10_000)
        #expect(Set(Self.rows.map(\.kind)) == ["curp", "rfc", "clabe", "luhn"])
        // Both verdicts are represented for every kind, or the comparison proves little.
        for kind in ["curp", "rfc", "clabe", "luhn"] {
            let verdicts = Set(Self.rows.filter { $0.kind == kind }.map(\.verdict))
            #expect(verdicts == [true, false], "\(kind)")
        }
    }

    @Test("Ningún desacuerdo con python-stdnum")
    func noDisagreements() {
        var disagreements: [String] = []
        for row in Self.rows {
            switch row.kind {
            case "curp":
                let ours = MexicanIdentifiers.validateCURP(row.value, allowNonBinarySex: false) == .valid
                if ours != row.verdict { disagreements.append("línea \(row.line): CURP \(row.value) stdnum=\(row.verdict)") }
            case "rfc":
                let ours = MexicanIdentifiers.classifyRFC(row.value) != nil
                if ours != row.verdict { disagreements.append("línea \(row.line): RFC \(row.value) stdnum=\(row.verdict)") }
                if let strict = row.strictVerdict, (MexicanIdentifiers.classifyRFC(row.value, strict: true) != nil) != strict {
                    disagreements.append("línea \(row.line): RFC estricto \(row.value) stdnum=\(strict)")
                }
            case "clabe":
                if MexicanIdentifiers.isValidCLABE(row.value) != row.verdict {
                    disagreements.append("línea \(row.line): CLABE \(row.value) faker=\(row.verdict)")
                }
            case "luhn":
                if MexicanIdentifiers.luhn(row.value) != row.verdict {
                    disagreements.append("línea \(row.line): Luhn \(row.value) stdnum=\(row.verdict)")
                }
            default:
                disagreements.append("línea \(row.line): tipo desconocido \(row.kind)")
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) desacuerdos: \(disagreements.prefix(20).joined(separator: "; "))")
    }
}
