import CriterioConfig
import CriterioCore
import CriterioRunner
import Foundation
import Testing

/// `criterio lint DIR`: the folder walk (on every core) and the findings across drafts, joined to
/// each draft's own in the pass that finishes it.
@Suite("Revisión de una carpeta")
struct LintRunnerFolderTests {
    static let media = "---\nmedia: [https://www.ine.mx/a.jpg]\n---\n"

    @Test func draftsComeInNameOrderWithEachSubfolderWhereItsNameSorts() throws {
        let folder = try TemporaryFolder()
        for name in ["b.md", "a/2.md", "a/1.txt", "c/d/e/f.json", "c/0.md", "d.md", "e/.oculta/x.md", "e/y.md", "z.md"] {
            let text = name.hasSuffix(".json") ? "{\"text\": \"Hola.\", \"media\": \"https://www.ine.mx/a.jpg\"}" : Self.media + "Hola.\n"
            try folder.write(name, text)
        }
        try folder.write("c/notas.docx", "no es un borrador")
        let report = try LintSetup(configuration: Configuration()).runner().run([folder.path])
        let relative = report.files.map { String($0.path.dropFirst(folder.path.count + 1)) }
        #expect(relative == ["a/1.txt", "a/2.md", "b.md", "c/0.md", "c/d/e/f.json", "d.md", "e/y.md", "z.md"])
        #expect(report.errors.isEmpty)
    }

    @Test func aDraftNamedTwiceOrThroughALinkIsLintedOnce() throws {
        let folder = try TemporaryFolder()
        let draft = try folder.write("sub/a.md", Self.media + "Hola.\n")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/sub/enlace.md", withDestinationPath: draft)
        let report = try LintSetup(configuration: Configuration()).runner().run([folder.path, draft])
        #expect(report.files.map(\.path) == [folder.path + "/sub/a.md"])
    }

    /// One folder given: its files are told apart by the folder's entries, with no `stat` apiece,
    /// until a link turns up, which may point at a file the walk also finds by its own name.
    @Test func aLinkInsideTheOneFolderGivenIsLintedOnce() throws {
        let folder = try TemporaryFolder()
        let draft = try folder.write("sub/a.md", Self.media + "Hola.\n")
        try folder.write("sub/b.md", Self.media + "Adiós.\n")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/sub/enlace.md", withDestinationPath: draft)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/sub/roto.md", withDestinationPath: folder.path + "/no-existe.md")
        let report = try LintSetup(configuration: Configuration()).runner().run([folder.path])
        #expect(report.files.map(\.path) == [folder.path + "/sub/a.md", folder.path + "/sub/b.md"])
        #expect(report.errors.isEmpty, "\(report.errors)")
    }

    /// A draft is read in one `read` when it fits, in several when it does not (64 KiB at a time):
    /// every size around those edges is read whole, up to the personal datum on its last line.
    @Test(arguments: [0, 1, 65_535, 65_536, 65_537, 131_073, 300_000])
    func aDraftOfAnySizeIsReadWhole(padding: Int) throws {
        let folder = try TemporaryFolder()
        let last = "Mi CURP es HEGG560427MVZRRL04\n"
        let text = Self.media + String(repeating: "a", count: padding) + "\n" + last
        let draft = try folder.write("largo.md", text)
        let report = try LintSetup(configuration: Configuration()).runner().run([draft])
        #expect(report.errors.isEmpty, "\(report.errors)")
        let file = try #require(report.files.first)
        #expect(file.draft.text.bytes.count == text.utf8.count)
        #expect(file.findings.contains { $0.kind == "curp" && file.draft.text.position(of: $0.range.lowerBound).line == 5 })
    }

    /// Enough drafts that every pass runs on several cores.
    @Test func nearDuplicatesAreFoundAcrossManyDraftsAndASuppressionStillSilencesThem() throws {
        let folder = try TemporaryFolder()
        let repeated = "Recuerda que el voto es libre y secreto. Nadie puede obligarte a votar por alguien este domingo 2 de junio."
        try folder.write("00-lunes.md", Self.media + repeated + "\n")
        try folder.write("01-martes.md", Self.media + repeated + " #VotoLibre\n")
        try folder.write("02-miercoles.md", Self.media + "<!-- criterio-disable-next-line spam -- se repite a propósito -->\n" + repeated + "\n")
        // Its own finding (a personal datum) stays beside the cross-post one.
        try folder.write("03-jueves.md", Self.media + repeated + "\nDudas: persona.ejemplo@gmail.com\n")
        let distinct = [
            "Hoy inicia la actualización del Padrón Electoral en los 300 distritos del país.",
            "Consulta la ubicación de tu casilla en la página del Instituto antes del domingo.",
            "La credencial para votar es gratuita; tramítala en el módulo más cercano a tu domicilio.",
            "Las personas funcionarias de casilla son vecinas y vecinos que cuentan los votos.",
        ]
        for number in 0..<24 {
            try folder.write(String(format: "%02d-otro.md", number + 10), Self.media + distinct[number % 4] + " Semana \(number * 7919).\n")
        }
        let report = try LintSetup(configuration: Configuration()).runner().run([folder.path])
        #expect(report.files.count == 28)
        func rules(_ name: String) -> [String] {
            report.files.first { $0.path.hasSuffix("/" + name) }?.findings.map { $0.kind.map { "\($0)" } ?? $0.ruleID } ?? ["falta"]
        }
        #expect(rules("00-lunes.md") == ["casi-duplicado"])
        #expect(rules("01-martes.md") == ["casi-duplicado"])
        #expect(rules("02-miercoles.md") == [])
        #expect(rules("03-jueves.md") == ["casi-duplicado", "correo"])
        let lunes = try #require(report.files.first { $0.path.hasSuffix("/00-lunes.md") }?.findings.first)
        #expect(lunes.message.contains("a otras 3 publicaciones") && lunes.message.contains("01-martes.md"), "\(lunes.message)")
        // The other drafts repeat one of four texts with a different number: four clusters of six,
        // none of which names a draft of another.
        for file in report.files where file.path.hasSuffix("-otro.md") {
            #expect(file.findings.map(\.kind) == ["casi-duplicado"], "\(file.path)")
            let message = file.findings.first?.message ?? ""
            #expect(message.contains("a otras 5 publicaciones") && !message.contains("lunes"), "\(message)")
        }
    }
}
