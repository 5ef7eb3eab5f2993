import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

@Suite("Supresiones en línea")
struct SuppressionTests {
    let media = "---\nmedia: [https://www.ine.mx/a.png]\n---\n"

    func lint(_ text: String, name: String = "a.md") throws -> (CLIResult, [[String: Any]]) {
        let scratch = try Scratch()
        try scratch.write(name, text)
        let result = try CLI.run(["lint", "--format", "json", name], in: scratch.url)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let findings = ((document["files"] as? [[String: Any]])?.first?["findings"] as? [[String: Any]]) ?? []
        return (result, findings)
    }

    func rules(_ findings: [[String: Any]]) -> [String] {
        findings.map { finding in
            let rule = finding["rule"] as? String ?? ""
            return (finding["kind"] as? String).map { "\(rule)/\($0)" } ?? rule
        }
    }

    @Test func nextLineSuppressesOnlyTheNextLine() throws {
        let (result, findings) = try lint(
            media + "<!-- criterio-disable-next-line datos-personales -- CURP ficticia de la campaña -->\n"
                + "Ejemplo: HEGG560427MVZRRL04\nOtra: BEML920313HMCLNS09\n")
        #expect(result.status == 1)
        #expect(findings.count == 1)
        #expect(findings.first?["line"] as? Int == 6)
    }

    @Test func blocksCanNarrowToOneKindAndEndWithEnable() throws {
        let (result, findings) = try lint(
            media + "<!-- criterio-disable datos-personales/telefono -- líneas de atención publicadas -->\n"
                + "Llama al 55 1234 5678 o al 33 1234 5678.\nCURP de ejemplo HEGG560427MVZRRL04.\n"
                + "<!-- criterio-enable datos-personales/telefono -->\nCelular: 81 1234 5678\n")
        #expect(rules(findings) == ["datos-personales/curp", "datos-personales/telefono"], "\(rules(findings))")
        #expect(findings.last?["line"] as? Int == 8)
        #expect(result.status == 1)
    }

    @Test func aSuppressionWithoutReasonIsAnErrorAndSuppressesNothing() throws {
        let (result, findings) = try lint(media + "<!-- criterio-disable-next-line datos-personales -->\nCURP HEGG560427MVZRRL04\n")
        #expect(rules(findings) == ["supresion/sin-motivo", "datos-personales/curp"])
        #expect(result.status == 1)
    }

    @Test func anUnusedSuppressionIsReported() throws {
        let (result, findings) = try lint(media + "<!-- criterio-disable-next-line mayusculas -- siglas del programa -->\nTexto normal.\n")
        #expect(rules(findings) == ["supresion/sin-uso"])
        #expect(findings.first?["severity"] as? String == "warning")
        #expect(result.status == 0)
    }

    @Test func aSuppressionNamingAnUnknownRuleIsAnError() throws {
        let (result, findings) = try lint(media + "<!-- criterio-disable-next-line mayuscula -- typo -->\nTexto.\n")
        #expect(rules(findings) == ["supresion/regla-desconocida"])
        #expect(result.status == 1)
    }

    @Test func plainLineDirectivesWorkInTextDraftsAndAreNotProse() throws {
        let (result, findings) = try lint(
            media + "criterio-disable-next-line datos-personales -- dato ficticio de la capacitación\nCURP HEGG560427MVZRRL04\n",
            name: "a.txt")
        #expect(findings.isEmpty, "\(rules(findings))")
        #expect(result.status == 0)
    }

    @Test func directivesInsideCodeAreOnlyExamples() throws {
        let (_, findings) = try lint(media + "```\ncriterio-disable-next-line datos-personales -- ejemplo\n```\nCURP HEGG560427MVZRRL04\n")
        #expect(rules(findings) == ["datos-personales/curp"])
    }
}

@Suite("Línea base")
struct BaselineTests {
    let media = "---\nmedia: [https://www.ine.mx/a.png]\n---\n"

    @Test func knownFindingsAreOmittedEvenWhenTheyMoveAndNewCopiesAreReported() throws {
        let scratch = try Scratch()
        try scratch.write("archivo/a.md", media + "CURP HEGG560427MVZRRL04\n")
        let written = try CLI.run(["lint", "--write-baseline", "base.json", "archivo"], in: scratch.url)
        #expect(written.status == 0, "\(written.output)")
        let baseline = try String(contentsOf: scratch.url.appendingPathComponent("base.json"), encoding: .utf8)
        #expect(!baseline.contains("HEGG560427MVZRRL04"), "la línea base no guarda datos personales")
        #expect(baseline.contains("\"path\" : \"archivo/a.md\""))

        let known = try CLI.run(["lint", "--baseline", "base.json", "archivo"], in: scratch.url)
        #expect(known.status == 0)
        #expect(known.stdout.contains("1 hallazgo conocido omitido por la línea base"))

        // The line moves: still known.
        try scratch.write("archivo/a.md", media + "Nuevo párrafo.\n\nCURP HEGG560427MVZRRL04\n")
        #expect(try CLI.run(["lint", "--baseline", "base.json", "archivo"], in: scratch.url).status == 0)

        // A second copy is new.
        try scratch.write("archivo/a.md", media + "CURP HEGG560427MVZRRL04\nOtra vez HEGG560427MVZRRL04\n")
        let second = try CLI.run(["lint", "--format", "line", "--baseline", "base.json", "archivo"], in: scratch.url)
        #expect(second.status == 1)
        #expect(second.stdout.split(separator: "\n").count == 1)

        // The baseline works from another working directory: paths are relative to its file.
        let nested = scratch.url.appendingPathComponent("archivo")
        #expect(try CLI.run(["lint", "--baseline", "../base.json", "a.md"], in: nested).status == 1)
        try scratch.write("archivo/a.md", media + "CURP HEGG560427MVZRRL04\n")
        #expect(try CLI.run(["lint", "--baseline", "../base.json", "a.md"], in: nested).status == 0)
    }

    @Test func aFileThatIsNotABaselineIsRefused() throws {
        let scratch = try Scratch()
        try scratch.write("a.md", media + "Texto.\n")
        try scratch.write("base.json", "{\"otra\": 1}")
        let result = try CLI.run(["lint", "--baseline", "base.json", "a.md"], in: scratch.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("no es una línea base de Criterio"))
    }
}

@Suite("Formatos sarif, junit y github")
struct MachineReporterTests {
    let sample = "Samples/borradores/05-ganadora-concurso.md"

    @Test func sarifDescribesRulesAndLocatesFindingsWithFingerprints() throws {
        let result = try CLI.run(["lint", "--format", "sarif", sample])
        #expect(result.status == 1)
        #expect(!result.stdout.contains("HEGG560427MVZRRL04"))
        let log = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let personal = try #require(rules.first { $0["id"] as? String == "datos-personales" })
        #expect(((personal["help"] as? [String: Any])?["text"] as? String)?.contains("cualquier tipo de datos personales") == true)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 2)
        let first = try #require(results.first)
        #expect(first["ruleId"] as? String == "datos-personales")
        #expect(first["level"] as? String == "error")
        #expect((first["partialFingerprints"] as? [String: String])?["criterio/v1"]?.count == 64)
        let location = try #require((first["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        #expect((location["artifactLocation"] as? [String: Any])?["uri"] as? String == sample)
        let region = try #require(location["region"] as? [String: Any])
        #expect(region["startLine"] as? Int == 7 && region["startColumn"] as? Int == 40)
        #expect((region["snippet"] as? [String: Any])?["text"] as? String == "HEGG••••••MVZ•••0•")
    }

    @Test func junitIsWellFormedXMLWithAFailurePerFinding() throws {
        let result = try CLI.run(["lint", "--format", "junit", sample, "Samples/borradores/01-jornada-electoral.md"])
        #expect(!result.stdout.contains("HEGG560427MVZRRL04"))
        let parser = XMLParser(data: Data(result.stdout.utf8))
        let counter = ElementCounter()
        parser.delegate = counter
        #expect(parser.parse(), "XML mal formado: \(parser.parserError.map { "\($0)" } ?? "")")
        #expect(counter.counts["failure"] == 2)
        #expect(counter.counts["testsuite"] == 2)
        #expect(counter.counts["testcase"] == 3)
    }

    @Test func githubAnnotationsEscapeTheirData() throws {
        let result = try CLI.run(["lint", "--format", "github", sample])
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.hasPrefix("::error file=\(sample),line=7,col=") })
        #expect(lines.allSatisfy { !$0.dropFirst(2).contains("\n") && $0.contains("%0A«") })
        #expect(!result.stdout.contains("HEGG560427MVZRRL04"))
    }

    @Test func quietHidesWarningsButTheyStillCount() throws {
        let warnings = "Samples/borradores/09-spam-vota.txt"
        let quiet = try CLI.run(["lint", "--quiet", "--fail-level", "warning", "--format", "line", warnings])
        #expect(quiet.stdout.isEmpty)
        #expect(quiet.status == 1)
    }
}

final class ElementCounter: NSObject, XMLParserDelegate {
    var counts: [String: Int] = [:]
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        counts[name, default: 0] += 1
    }
}
