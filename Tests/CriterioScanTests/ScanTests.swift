import CriterioArchives
import CriterioCore
import CriterioCrossPost
import CriterioReporters
import CriterioRules
import CriterioRunner
import CriterioWordlists
import Foundation
import Testing

@testable import CriterioScan

@Suite("criterio scan: el recorrido, la salida y el resumen")
struct ScanTests {
    static let linter = try! Linter(ruleTypes: BuiltInRules.all, wordlists: BundledWordlists(), spellers: TestSpellers.machine)

    /// A JSON line of a post.
    static func line(_ id: String, _ text: String, account: String = "INEMexico", date: String? = "2024-05-20T10:00:00-06:00", media: [String] = ["a.jpg"]) -> String {
        var object: [String: Any] = ["id": id, "text": text, "account": account, "network": "x", "media": media]
        if let date { object["created_at"] = date }
        return String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    static let clean = "El Consejo General aprobó los lineamientos para el voto de las personas mexicanas residentes en el extranjero."
    static let reminder = "Recuerda que el voto es libre y secreto. Nadie puede obligarte a votar por alguien este domingo 2 de junio."

    static func archive(_ folder: TemporaryFolder, _ lines: [String], name: String = "posts.jsonl") throws -> String {
        try folder.write(name, lines.joined(separator: "\n") + "\n")
    }

    static func scan(_ archives: [String], configure: (inout ScanConfiguration) -> Void = { _ in }) throws -> (run: ScanRun, output: String) {
        var configuration = ScanConfiguration(archives: archives, format: .jsonl)
        configure(&configuration)
        var output: [UInt8] = []
        let run = try Scanner(linter: linter, configuration: configuration).run(write: { output.append(contentsOf: $0) })
        return (run, String(decoding: output, as: UTF8.self))
    }

    static func objects(_ output: String) throws -> [[String: Any]] {
        try output.split(separator: "\n").map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    }

    static func sample(_ folder: TemporaryFolder) throws -> String {
        try archive(folder, [
            line("1", clean),
            line("2", "Felicidades a la ganadora; su CURP es HEGG560427MVZRRL04.", date: "2024-06-01T03:00:00Z"),
            "{\"id\": \"3\", \"text\": rota",
            line("4", reminder),
            line("5", reminder + " #VotoLibre", date: "2024-05-27T10:00:00-06:00"),
            line("6", "Hola, gracias por escribirnos; con gusto te ayudamos con tu credencial.", account: "INECDMX", date: nil, media: []),
        ])
    }

    @Test("--format jsonl: una línea por publicación con hallazgos y una línea final de resumen, como SPEC §9")
    func jsonlOutput() throws {
        let folder = try TemporaryFolder()
        let path = try Self.sample(folder)
        let (run, output) = try Self.scan([path])
        let lines = try Self.objects(output)
        let posts = lines.dropLast()
        #expect(posts.map { $0["record"] as? Int } == [2, 4, 5, 6])
        for post in posts {
            #expect(Set(post.keys) == ["archive", "record", "id", "account", "created_at", "findings"])
            #expect(post["archive"] as? String == path)
            for finding in try #require(post["findings"] as? [[String: Any]]) {
                #expect(Set(finding.keys) == ["rule", "kind", "severity", "criterion", "message", "line", "column", "endLine", "endColumn", "excerpt", "fix"])
            }
        }
        let curp = try #require(posts.first { $0["id"] as? String == "2" })
        #expect(curp["created_at"] as? String == "2024-06-01T03:00:00Z")
        let excerpts = (curp["findings"] as? [[String: Any]] ?? []).compactMap { $0["excerpt"] as? String }
        #expect(excerpts.contains("HEGG••••••MVZ•••0•") && !output.contains("HEGG560427MVZRRL04"), "los datos personales se ocultan")
        let duplicate = try #require(posts.first { $0["id"] as? String == "5" }?["findings"] as? [[String: Any]])
        #expect(duplicate.contains { $0["rule"] as? String == "spam" && $0["kind"] as? String == "casi-duplicado" && $0["criterion"] as? String == "6.xxix" })
        #expect(posts.first { $0["id"] as? String == "6" }?["created_at"] is NSNull)

        let summary = try #require(lines.last?["summary"] as? [String: Any])
        #expect(Set(summary.keys).isSuperset(of: ["posts", "error", "warning", "consult", "by_rule", "bad_records", "duplicate_clusters"]))
        #expect(summary["posts"] as? Int == 5 && summary["bad_records"] as? Int == 1 && summary["duplicate_clusters"] as? Int == 1)
        let byRule = try #require(summary["by_rule"] as? [String: [String: Int]])
        #expect(byRule["datos-personales"]?["error"] == 1 && byRule["spam"]?["warning"] == 2)
        #expect(summary["error"] as? Int == run.summary.bySeverity.error && summary["warning"] as? Int == run.summary.bySeverity.warning)
        #expect(run.summary.badRecordSamples.map(\.record) == [3])
    }

    @Test("Cada hallazgo de la línea es el mismo objeto que escribe lint --format json")
    func sameFindingObjects() throws {
        let draft = Draft(path: "p", text: "¡VOTA! Su CURP es HEGG560427MVZRRL04")
        let report = FileReport(draft: draft, findings: Self.linter.lint(draft))
        let presented = report.presented(redact: true)
        let lint = try #require(JSONSerialization.jsonObject(with: Data(JSONReporter().render(LintReport(files: [report]), options: ReportOptions()).utf8)) as? [String: Any])
        let expected = try #require(((lint["files"] as? [[String: Any]])?.first?["findings"] as? [[String: Any]]))
        let scanned = try presented.map { try #require(JSONSerialization.jsonObject(with: Data(FindingJSON.object($0))) as? NSDictionary) }
        #expect(!scanned.isEmpty)
        #expect(scanned == expected.map { $0 as NSDictionary })
    }

    @Test("La salida es la misma con un hilo o con varios: el escritor conserva el orden")
    func orderedWriter() throws {
        let folder = try TemporaryFolder()
        var lines: [String] = []
        for index in 0..<400 {
            let text = index % 7 == 0 ? "Su CURP es HEGG560427MVZRRL04, publicación \(index)." : "Publicación \(index): \(Self.clean)"
            lines.append(Self.line("\(index)", text, account: "cuenta\(index % 3)", date: "2024-0\(index % 9 + 1)-1\(index % 10)T10:00:00-06:00"))
            if index % 50 == 0 { lines.append("{rota \(index)") }
        }
        let path = try Self.archive(folder, lines)
        let one = try Self.scan([path]) { $0.jobs = 1; $0.batchSize = 1 }
        let many = try Self.scan([path]) { $0.jobs = 4; $0.batchSize = 7 }
        #expect(one.output == many.output)
        #expect(one.run.summary.badRecordSamples.map(\.record) == many.run.summary.badRecordSamples.map(\.record))
        #expect(one.run.summary.worst.map(\.label.record) == many.run.summary.worst.map(\.label.record))
        #expect(one.run.summary.posts == 400 && one.run.summary.badRecords == 8)
    }

    @Test("Códigos de salida como lint; 2 solo si no se pudo leer ninguna publicación")
    func exitStatus() throws {
        let folder = try TemporaryFolder()
        let policy = FailPolicy()
        let clean = try Self.archive(folder, [Self.line("1", Self.clean), "{rota"], name: "limpio.jsonl")
        #expect(try Self.scan([clean]).run.exitStatus(policy: policy) == .publishable, "un registro dañado no cambia el código")
        let warning = try Self.archive(folder, [Self.line("1", Self.clean, media: [])], name: "advertencia.jsonl")
        #expect(try Self.scan([warning]).run.exitStatus(policy: policy) == .publishable)
        #expect(try Self.scan([warning]).run.exitStatus(policy: FailPolicy(failLevel: .warning)) == .failing)
        let consult = try Self.archive(folder, [Self.line("1", "Descarga la guía en bit.ly/guia-ine-2024")], name: "consulta.jsonl")
        #expect(try Self.scan([consult]).run.exitStatus(policy: policy) == .needsConsultation)
        let error = try Self.archive(folder, [Self.line("1", "Su CURP es HEGG560427MVZRRL04")], name: "error.jsonl")
        #expect(try Self.scan([error, folder.path + "/no-existe.jsonl"]).run.exitStatus(policy: policy) == .failing)
        let broken = try Self.archive(folder, ["{rota", "{\"id\": 1}"], name: "roto.jsonl")
        let (run, _) = try Self.scan([broken, folder.path + "/no-existe.jsonl"])
        #expect(run.exitStatus(policy: policy) == .inputError)
        #expect(run.summary.errors.map(\.message) == ["no existe el archivo o la carpeta"])
    }

    @Test("--since y --until: solo el periodo, en hora de la Ciudad de México; sin fecha queda fuera")
    func period() throws {
        let folder = try TemporaryFolder()
        let path = try Self.archive(folder, [
            Self.line("abril", Self.clean, date: "2024-04-30T23:59:00-06:00"),
            Self.line("mayo", Self.clean, date: "2024-05-01T00:00:00-06:00"),
            Self.line("fin", Self.clean, date: "2024-05-31T23:30:00-06:00"),
            Self.line("junio", Self.clean, date: "2024-06-01T06:00:00Z"),
            Self.line("sin-fecha", Self.clean, date: nil),
        ])
        let since = try #require(ScanCalendar.parse("2024-05-01", endOfDay: false))
        let until = try #require(ScanCalendar.parse("2024-05-31", endOfDay: true))
        #expect(since == PublicationDate(year: 2024, month: 5, day: 1, hour: 6))
        #expect(until == PublicationDate(year: 2024, month: 6, day: 1, hour: 6))
        let (run, _) = try Self.scan([path]) { $0.since = since; $0.until = until; $0.format = .text }
        #expect(run.summary.posts == 2 && run.summary.outOfPeriod == 3)
        #expect(run.summary.byMonth.keys.sorted() == ["2024-05"])
        #expect(ScanCalendar.parse("2024-05-01T10:00:00Z", endOfDay: false) == PublicationDate(year: 2024, month: 5, day: 1, hour: 10))
        #expect(ScanCalendar.parse("ayer", endOfDay: false) == nil)
    }

    @Test("--baseline: una revisión periódica reporta solo lo nuevo, también entre publicaciones")
    func baseline() throws {
        let folder = try TemporaryFolder()
        let first = try Self.archive(folder, [
            Self.line("1", "Su CURP es HEGG560427MVZRRL04"),
            Self.line("2", Self.reminder),
            Self.line("3", Self.reminder + " #VotoLibre"),
        ], name: "enero.jsonl")
        let written = try #require(try Self.scan([first]) { $0.collectsBaseline = true }.run.baseline)
        #expect(written.findings.reduce(0) { $0 + $1.count } == 3)
        #expect(!written.findings.contains { $0.preview.contains("HEGG560427") }, "la línea base no guarda el dato personal")

        // The next export: other name, new posts first (record numbers move), one new problem.
        let second = try Self.archive(folder, [
            Self.line("4", "Deposita en la cuenta CLABE 012180026050783858."),
            Self.line("1", "Su CURP es HEGG560427MVZRRL04"),
            Self.line("2", Self.reminder),
            Self.line("3", Self.reminder + " #VotoLibre"),
        ], name: "julio.jsonl")
        let (run, output) = try Self.scan([second]) { $0.baseline = written }
        #expect(run.summary.baselined == 3)
        #expect(run.summary.bySeverity.total == 1)
        let lines = try Self.objects(output)
        #expect(lines.count == 2 && lines[0]["id"] as? String == "4")
    }

    @Test("El resumen: por cuenta, por mes (Ciudad de México), las más graves con datos ocultos, grupos y ráfagas")
    func summary() throws {
        let folder = try TemporaryFolder()
        var lines = try String(contentsOfFile: Self.sample(folder), encoding: .utf8).split(separator: "\n").map(String.init)
        for minute in 0..<7 {
            lines.append(Self.line("s\(minute)", "Punto \(minute) de la sesión del Consejo General.", account: "INEJalisco", date: "2024-05-21T10:\(10 + minute * 5):00-06:00"))
        }
        let path = try Self.archive(folder, lines, name: "todo.jsonl")
        let (run, _) = try Self.scan([path]) { $0.format = .text }
        let summary = run.summary
        #expect(summary.posts == 12 && summary.archives.first?.format == .jsonLines)
        #expect(summary.byAccount["INEMexico"]?.posts == 4 && summary.byAccount["INECDMX"]?.posts == 1 && summary.byAccount["INEJalisco"]?.posts == 7)
        #expect(summary.byMonth["2024-05"]?.posts == 11, "2024-06-01T03:00Z es 31 de mayo en la Ciudad de México")
        #expect(summary.byMonth[""]?.posts == 1)
        let worst = try #require(summary.worst.first)
        #expect(worst.label.id == "2" && worst.tally.error == 1)
        #expect(worst.segments.map(\.text).joined() == "Felicidades a la ganadora; su CURP es HEGG••••••MVZ•••0•.")
        #expect(worst.segments.contains { $0.text == "HEGG••••••MVZ•••0•" && !$0.findings.isEmpty })
        #expect(summary.duplicateClusters == 1 && summary.clusters.first?.members.map(\.record) == [4, 5])
        #expect(summary.clusters.first?.preview == Self.reminder)
        #expect(summary.burstCount == 1 && summary.bursts.first?.posts == 7 && summary.bursts.first?.account == "INEJalisco")
        #expect(summary.byRule["spam"]?.warning == 9)

        let text = ScanTextSummary.render(summary)
        for expected in ["12 publicaciones revisadas", "Por regla", "Por cuenta", "@INEJalisco", "Por mes", "2024-05", "HEGG••••••MVZ•••0•", "Grupos de casi duplicados: 1", "Ráfagas: 1", "registro 3: JSON inválido"] {
            #expect(text.contains(expected), "falta «\(expected)» en:\n\(text)")
        }
        #expect(!text.contains("HEGG560427MVZRRL04"))
    }

    @Test("--format sarif: SARIF 2.1.0 con un resultado por hallazgo, también los de entre publicaciones")
    func sarif() throws {
        let folder = try TemporaryFolder()
        let path = try Self.sample(folder)
        let (run, output) = try Self.scan([path]) { $0.format = .sarif }
        let log = try #require(JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        let sarifRun = try #require((log["runs"] as? [[String: Any]])?.first)
        let results = try #require(sarifRun["results"] as? [[String: Any]])
        #expect(results.count == run.summary.findings)
        #expect(results.contains { ($0["properties"] as? [String: Any])?["kind"] as? String == "casi-duplicado" })
        let rules = (((sarifRun["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]]) ?? []
        #expect(rules.contains { $0["id"] as? String == "spam" })
    }

    @Test("Un orden externo con muchas corridas ordena igual que en memoria; el almacén en disco da los mismos grupos")
    func spilledStore() throws {
        let scratch = try ScratchFolder(under: FileManager.default.temporaryDirectory.path)
        let sorter = ExternalSorter(folder: scratch, name: "prueba", chunk: 7)
        var random = SystemRandomNumberGenerator()
        var pairs: [(UInt64, UInt32)] = []
        for index in 0..<1_000 {
            let pair = (UInt64.random(in: 0...50, using: &random), UInt32(index))
            pairs.append(pair)
            try sorter.append(pair.0, pair.1)
        }
        var sorted: [(UInt64, UInt32)] = []
        try sorter.forEachSorted { sorted.append(($0, $1)) }
        #expect(sorted.map(\.0) == pairs.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.0))
        #expect(sorted.map(\.1) == pairs.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.1))

        let memory = MemoryCrossPostStore()
        let disk = try FileCrossPostStore(folder: scratch, chunk: 5)
        let sketcher = NearDuplicateSketcher()
        for index in 0..<60 {
            let text = index % 3 == 0 ? Self.reminder + " \(index % 2)" : "Publicación número \(index) sobre la credencial para votar y sus requisitos."
            let sketch = sketcher.sketch(AnalyzedPost(Draft(path: "p", text: text)), owner: 1)
            let date = PublicationDate(secondsSince1970: 1_716_220_800 + Int64(index) * 60)
            memory.add(UInt32(index), sketch: sketch, owner: UInt32(index % 2), date: date)
            disk.add(UInt32(index), sketch: sketch, owner: UInt32(index % 2), date: date)
        }
        let options = CrossPostOptions(burstPosts: 5, burstMinutes: 30)
        let expected = CrossPostAnalysis.run(memory, options: options)
        let spilled = CrossPostAnalysis.run(disk, options: options)
        #expect(disk.failure == nil)
        #expect(!expected.clusters.isEmpty && !expected.bursts.isEmpty)
        #expect(spilled.clusters == expected.clusters && spilled.bursts == expected.bursts && spilled.marks == expected.marks)
    }

    @Test("Fechas de los archivos", arguments: [
        ("Wed Oct 10 20:19:24 +0000 2018", "2018-10-10T20:19:24Z"),
        ("2024-05-20T10:00:00-06:00", "2024-05-20T16:00:00Z"),
        ("2024-05-20T10:00:00.123Z", "2024-05-20T10:00:00Z"),
        ("2024-05-20 10:00", "2024-05-20T10:00:00Z"),
        ("2024-05-20", "2024-05-20T00:00:00Z"),
        ("1716220800", "2024-05-20T16:00:00Z"),
        ("1716220800000", "2024-05-20T16:00:00Z"),
        ("2024-02-29T00:00:00+05:30", "2024-02-28T18:30:00Z"),
    ])
    func dates(text: String, iso: String) throws {
        #expect(try #require(PublicationDate.parse(text)).iso8601 == iso)
    }

    @Test("Fechas que no lo son", arguments: ["", "ayer", "2024-13-01", "2023-02-29", "Wed Foo 10 20:19:24 +0000 2018", "2024-05-20T25:00", "123"])
    func notDates(text: String) {
        #expect(PublicationDate.parse(text) == nil)
    }
}
