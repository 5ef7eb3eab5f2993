import Foundation
import Testing

@Suite("criterio: groserias y ortografia")
struct LanguageRulesCLITests {
    let front = "---\nnetwork: x\nmedia: [foto.png]\n---\n"

    func folder(_ files: [String: String]) throws -> Scratch {
        let scratch = try Scratch()
        try scratch.write("foto.png", Data([0x89, 0x50, 0x4E, 0x47]))
        for (name, text) in files { try scratch.write(name, text) }
        return scratch
    }

    /// The drafts of issue 14, once publishable, are blocked now, and by the right rule.
    @Test func theDraftsOfTheIssueAreBlockedByGroserias() throws {
        let drafts = [
            "Qué chingón quedó el PREP, a huevo.", "Ya valió madre el sistema, una disculpa.", "Puta madre, se cayó el sitio.",
            "Esta mierda de lluvia no detendrá la jornada.", "El consejero es un pinche corrupto.",
        ]
        var files: [String: String] = [:]
        for (index, text) in drafts.enumerated() { files["\(index).md"] = front + text + "\n" }
        let scratch = try folder(files)
        for index in drafts.indices {
            let result = try CLI.run(["lint", "--format", "line", "\(index).md"], in: scratch.url)
            #expect(result.status == 1, "«\(drafts[index])»: \(result.output)")
            #expect(result.stdout.contains(": error groserias/"), "«\(drafts[index])»: \(result.stdout)")
        }
    }

    @Test func rulesExplainThemselvesWithExamples() throws {
        let groserias = try CLI.run(["rules", "groserias"])
        #expect(groserias.status == 0)
        #expect(groserias.stdout.contains("Criterio 6.xv:"))
        #expect(groserias.stdout.contains("Ya valió madre el sistema, una disculpa."))
        #expect(groserias.stdout.contains("Felicidades a todas las mamás en este Día de las Madres."))
        let ortografia = try CLI.run(["rules", "ortografia"])
        #expect(ortografia.status == 0)
        #expect(ortografia.stdout.contains("Los desarrolladores de contenidos deberán cuidar la gramática"))
        #expect(ortografia.stdout.contains("La votacion será el domingo."))
        #expect(ortografia.stdout.contains("diccionario (predeterminado: es_MX)"))
    }

    @Test func fixWritesTheSingleClearCorrection() throws {
        let scratch = try folder(["aviso.md": front + "La votacion será el domingo; trae tu credensial.\n"])
        let result = try CLI.run(["lint", "--fix", "--format", "line", "aviso.md"], in: scratch.url)
        let fixed = try String(contentsOf: scratch.url.appendingPathComponent("aviso.md"), encoding: .utf8)
        #expect(fixed == front + "La votación será el domingo; trae tu credencial.\n")
        #expect(result.status == 0, "\(result.output)")
    }

    @Test func aMissingDictionaryIsASpanishErrorNamingWhatToInstall() throws {
        let scratch = try folder([
            "aviso.md": front + "Texto.\n", ".criterio.yml": "rules:\n  ortografia:\n    diccionario: xx_XX\n",
        ])
        let result = try CLI.run(["lint", "aviso.md"], in: scratch.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("no se encontró el diccionario de Hunspell «xx_XX»"), "\(result.stderr)")
        #expect(result.stderr.contains("hunspell-es"))
        let off = try folder(["aviso.md": front + "La votacion.\n", ".criterio.yml": "rules:\n  ortografia: false\n"])
        #expect(try CLI.run(["lint", "aviso.md"], in: off.url).status == 0)
    }

    /// Hunspell's answers are kept with the compiled lexicons, so later runs need not load it.
    @Test func answersAreKeptInTheCacheFolder() throws {
        let cache = try Scratch()
        let scratch = try folder(["aviso.md": front + "La votacion.\n"])
        let environment = ["CRITERIO_CACHE_DIR": cache.url.path]
        let first = try CLI.run(["lint", "--format", "line", "aviso.md"], in: scratch.url, environment: environment)
        let kept = try FileManager.default.contentsOfDirectory(atPath: cache.url.path).filter { $0.hasPrefix("hunspell-es_MX-") }
        #expect(kept.count == 1)
        let second = try CLI.run(["lint", "--format", "line", "aviso.md"], in: scratch.url, environment: environment)
        #expect(first.stdout == second.stdout)
        #expect(second.stdout.contains("warning ortografia/tilde"))
    }
}
