import CriterioConfig
import CriterioCore
import CriterioQueue
import CriterioRunner
import Foundation
import Testing

@Suite("La configuración con la que se revisa")
struct LintSetupTests {
    static let withoutMedia = "El INE invita a votar este domingo.\n"

    @Test func aRuleTurnedOffInTheFileFoundUpwardsDoesNotRun() throws {
        let folder = try TemporaryFolder()
        try folder.write(".criterio.yml", "rules:\n  sin-multimedia: false\n")
        let draft = try folder.write("sub/a.md", Self.withoutMedia)
        let configured = try LintSetup.load(explicit: nil, workingDirectory: folder.path + "/sub")
        #expect(configured.configuration.files.map { URL(fileURLWithPath: $0).lastPathComponent } == [".criterio.yml"])
        #expect(!configured.linter.rules.contains { type(of: $0).description.id == "sin-multimedia" })
        #expect(configured.runner().run([draft]).files.first?.findings.map(\.ruleID) == [])
        // The same draft with the defaults has the finding the file turned off.
        let defaults = try LintSetup(configuration: Configuration())
        #expect(defaults.runner().run([draft]).files.first?.findings.map(\.ruleID) == ["sin-multimedia"])
    }

    @Test func aNamedFileWinsOverTheOneFoundUpwards() throws {
        let folder = try TemporaryFolder()
        try folder.write(".criterio.yml", "rules:\n  sin-multimedia: false\n")
        let other = try folder.write("otra.yml", "rules:\n  sin-multimedia: error\n")
        let setup = try LintSetup.load(explicit: other, workingDirectory: folder.path)
        let findings = setup.runner().run([try folder.write("a.md", Self.withoutMedia)]).files.first?.findings ?? []
        #expect(findings.map(\.severity) == [.error])
    }

    /// `lint PATHS` builds the rules while it walks the folders: the same drafts, the same
    /// findings and the same errors as one after the other.
    @Test func theDraftsFoundWhileTheRulesAreBuiltAreLintedAsIfOneCameAfterTheOther() throws {
        let folder = try TemporaryFolder()
        try folder.write(".criterio.yml", "ignore: [\"**/archivo/**\"]\nrules:\n  sin-multimedia: error\n")
        try folder.write("a.md", Self.withoutMedia)
        try folder.write("sub/b.txt", Self.withoutMedia)
        try folder.write("archivo/viejo.md", Self.withoutMedia)
        let configuration = try LintSetup.configuration(explicit: nil, workingDirectory: folder.path)
        let paths = [folder.path, folder.path + "/falta.md"]
        let (setup, expansion) = try LintSetup.expanding(paths, configuration: configuration)
        let together = setup.runner().run(expansion)
        let oneAfterTheOther = try LintSetup(configuration: configuration).runner().run(paths, isIgnored: configuration.isIgnored(absolutePath:))
        #expect(together.files.map(\.path) == [folder.path + "/a.md", folder.path + "/sub/b.txt"], "lo ignorado no entra")
        func findings(_ report: LintReport, rule: String? = nil) -> [[String]] {
            report.files.map { $0.findings.filter { rule == nil || $0.ruleID == rule }.map { "\($0.ruleID) \($0.severity) \($0.message)" } }
        }
        #expect(findings(together, rule: "sin-multimedia").map { $0.map { $0.hasPrefix("sin-multimedia error") } } == [[true], [true]], "con la configuración del archivo")
        #expect(findings(together, rule: "spam").map(\.count) == [1, 1], "los dos borradores iguales son casi duplicados")
        #expect(findings(together) == findings(oneAfterTheOther))
        #expect(together.errors.map(\.description) == oneAfterTheOther.errors.map(\.description))
        #expect(together.errors.map(\.path) == [folder.path + "/falta.md"])

        var wrong = configuration
        wrong.rules["mayusculas"] = RuleSettings(options: ["umbral": .string("alto")])
        let error = #expect(throws: LintSetupError.self) { try LintSetup.expanding(paths, configuration: wrong) }
        #expect(error?.description.hasPrefix("configuración inválida: regla «mayusculas»: la opción «umbral» espera un número") == true, "\(String(describing: error))")
    }

    @Test func aWrongValueIsASpanishErrorWithFileAndLine() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write(".criterio.yml", "rules:\n  mayusculas:\n    umbral: alto\n")
        let error = #expect(throws: LintSetupError.self) { try LintSetup.load(explicit: nil, workingDirectory: folder.path) }
        #expect(error?.description == "configuración inválida: \(file):3: la opción «umbral» de «mayusculas» espera un número")
    }

    @Test(arguments: [
        ("queue:\n  clock: calendar\n  lease_minutes: 0\n", ":3: queue.lease_minutes: debe estar entre 1 y 10080; se dio 0"),
        ("queue:\n  clock: lunar\n", ":2: queue.clock: «lunar» no es un reloj; usa calendar o business-hours"),
        ("queue:\n  notifications:\n    webhook: { command: curl }\n", ":3: queue.notifications.webhook.url: falta este campo"),
        ("queue:\n  response_hours: muchas\n", ":2: queue.response_hours: el valor no es un número"),
        ("queue:\n  notifications:\n    email: { cncs: cncs@ine.mx }\n", ":3: queue.notifications.email.cncs: el valor no es una lista"),
        ("queue:\n  notifications: [email]\n", ":2: queue.notifications: el valor no es un mapa"),
        ("queue:\n  time_zone: Marte/Olimpo\n", ":2: queue.time_zone: «Marte/Olimpo» no es una zona horaria conocida"),
        ("queue:\n  holidays: [2026-12-12, mañana]\n", ":2: queue.holidays[1]: «mañana» no es una fecha AAAA-MM-DD"),
        ("queue:\n  business_hours: { start: \"18:00\", end: \"09:00\" }\n", ":2: queue.business_hours.end: la hora de cierre debe ser posterior"),
        ("queue: 5\n", ":1: «queue» espera un mapa de opciones"),
        ("queue:\n  clock: calendar\n  lease_minuts: 30\n", ":3: clave desconocida «lease_minuts» en «queue» (¿quisiste decir «lease_minutes»?)"),
        ("queue:\n  notifications:\n    email:\n      comand: sendmail\n", ":4: clave desconocida «comand» en «queue.notifications.email» (¿quisiste decir «command»?)"),
        ("queue:\n  electoral_periods:\n    - { nombre: PEF, start: 2026-09-01, end: 2027-08-31 }\n", ":3: clave desconocida «nombre» en «queue.electoral_periods[…]»"),
    ])
    func theQueueSectionIsCheckedWhereTheFileIsRead(config: String, expected: String) throws {
        let folder = try TemporaryFolder()
        let file = try folder.write(".criterio.yml", config)
        let error = #expect(throws: LintSetupError.self) { try LintSetup.configuration(explicit: nil, workingDirectory: folder.path) }
        #expect(error?.description.contains(file + expected) == true, "\(String(describing: error))")
    }

    @Test func anEmptyQueueSectionMeansTheDefaults() throws {
        let folder = try TemporaryFolder()
        try folder.write(".criterio.yml", "queue:\n  # clock: business-hours\n")
        #expect(try LintSetup.configuration(explicit: nil, workingDirectory: folder.path).queue == QueueConfiguration())
    }

    @Test func aValidQueueSectionIsTheQueuesOwnSettings() throws {
        let folder = try TemporaryFolder()
        try folder.write("base.yml", "queue:\n  clock: calendar\n")
        try folder.write(
            ".criterio.yml",
            "extends: base.yml\nqueue:\n  clock: business-hours\n  holidays: [2026-12-12]\n  lease_minutes: 30\n  notifications:\n    webhook: { url: \"https://a\", headers: { X-Clave: y } }\n")
        let configuration = try LintSetup.configuration(explicit: nil, workingDirectory: folder.path)
        let queue = try #require(configuration.queue)
        #expect(queue.clock == .businessHours)
        #expect(queue.leaseMinutes == 30)
        #expect(queue.holidays == [LocalDate(year: 2026, month: 12, day: 12)])
        #expect(try queue.makePolicy().leaseSeconds == 1800)
    }
}
