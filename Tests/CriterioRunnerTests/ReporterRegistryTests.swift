import CriterioCore
import CriterioReporters
import CriterioRunner
import Testing

@Suite("Registro de formatos")
struct ReporterRegistryTests {
    @Test func everyFormatOfTheSpecIsRegisteredOnceByItsOwnIdentifier() throws {
        #expect(ReporterRegistry.identifiers == ["text", "line", "json", "sarif", "junit", "github"])
        for identifier in ReporterRegistry.identifiers {
            let reporter = try #require(ReporterRegistry.reporter(named: identifier))
            #expect(reporter.identifier == identifier)
        }
        #expect(ReporterRegistry.reporter(named: "xml") == nil)
    }

    @Test func eachRegisteredReporterRendersAReport() throws {
        let draft = Draft(path: "a.md", text: "TEXTO EN MAYÚSCULAS")
        let report = LintReport(files: [
            FileReport(draft: draft, findings: [Finding(ruleID: "mayusculas", severity: .warning, criterion: .xxvi, message: "Mayúsculas.", range: 0..<5, excerpt: "TEXTO")])
        ])
        for identifier in ReporterRegistry.identifiers {
            let rendered = try #require(ReporterRegistry.reporter(named: identifier)).render(report, options: ReportOptions())
            #expect(rendered.contains("a.md") && (rendered.contains("mayusculas") || rendered.contains("Mayúsculas")), "\(identifier): \(rendered)")
        }
    }
}
