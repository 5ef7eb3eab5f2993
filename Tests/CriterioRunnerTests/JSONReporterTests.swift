import CriterioCore
import CriterioDrafts
import CriterioFoundation
@testable import CriterioReporters
import CriterioRunner
import Testing

@Suite("Formato json")
struct JSONReporterTests {
    /// `--format json` is written by hand; Foundation's encoder, which wrote it before, is the reference.
    @Test func writesTheDocumentByteForByteAsFoundationsEncoder() {
        let text = "Línea uno con \"comillas\", barra / y \\ invertida\nsegunda\tlínea \u{1}\u{8}\u{C} 😀 HEGG560427MVZRRL04"
        let draft = Draft(path: "carpeta/a \"b\".md", text: text)
        let findings = [
            Finding(ruleID: "mayusculas", severity: .warning, criterion: .xxvi, message: "Mayúsculas «sostenidas».", range: 0..<5, excerpt: "Línea"),
            Finding(
                ruleID: "datos-personales", kind: "curp", severity: .error, criterion: .xxvi, message: "CURP\nvisible", range: 68..<86,
                excerpt: "HEGG560427MVZRRL04", redactedExcerpt: "HEGG••••••MVZ•••0•", fix: "quita / \"esto\""),
        ]
        let reports = [
            LintReport(),
            LintReport(files: [FileReport(draft: Draft(path: "vacío.md", text: "Hola"), findings: [])]),
            LintReport(
                files: [FileReport(draft: draft, findings: findings), FileReport(draft: Draft(path: "otro.txt", text: "x"), findings: [])],
                errors: [
                    DraftInputError(path: "roto.md", line: 3, message: "front matter: «red» desconocida"),
                    DraftInputError(path: "sin/línea.json", message: "no es UTF-8 válido (byte 0xF3)"),
                ]),
            // Enough drafts that their objects are written on several cores, and put back in order.
            LintReport(files: (0..<40).map { number in
                FileReport(draft: Draft(path: "carpeta/\(number).md", text: text), findings: number % 3 == 0 ? [] : findings)
            }),
        ]
        for report in reports {
            for redact in [true, false] {
                let document = JSONReporter.document(report, options: ReportOptions(redact: redact))
                let written = JSONReporter().render(report, options: ReportOptions(redact: redact))
                #expect(written == JSONOutput.document(document, fallback: "{}"))
            }
        }
    }
}
