import CriterioCore
import CriterioDrafts
import CriterioRules
@testable import CriterioSpelling
import CriterioWordlists
import Foundation
import Testing

/// The five seed documents (`Tests/Fixtures/seeds/`), official INE texts.
enum SeedDocuments {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/seeds")

    static func all() throws -> [(name: String, text: String)] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }.sorted()
        return try names.map { ($0, try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)) }
    }

    /// Checks that no document gets a finding of `rules`.
    static func expectNoFindings(of rules: [String]) throws {
        #expect(try all().count == 5)
        let linter = try Lint.linter(rules)
        for (name, text) in try all() {
            let found = linter.lint(try DraftParser.parse(text, path: name))
            #expect(found.isEmpty, "\(name): \(found.map { "\($0.ruleID): \($0.excerpt)" })")
        }
    }
}

@Suite("groserias")
struct GroseriasTests {
    func findings(_ text: String, rules: [String] = ["groserias"]) throws -> [Finding] {
        try Lint.findings(text, rules: rules)
    }

    /// The drafts of issue 14 that were judged publishable.
    @Test(arguments: [
        "Qué chingón quedó el PREP, a huevo.", "Ya valió madre el sistema, una disculpa.", "Puta madre, se cayó el sitio.",
        "Esta mierda de lluvia no detendrá la jornada.", "El consejero es un pinche corrupto.",
    ])
    func theInstitutionNeverSwears(draft: String) throws {
        let found = try findings(draft)
        #expect(!found.isEmpty, "«\(draft)» no se detuvo")
        #expect(found.allSatisfy { $0.severity == .error && $0.ruleID == "groserias" })
    }

    @Test func everyPostIsCheckedAndRepliesKeepCortesiaToo() throws {
        #expect(try findings("El módulo ya abrió, güey.").map(\.kind) == ["jerga"])
        let reply = try findings("---\nreply_to: https://x.com/u/status/1\n---\nEl módulo ya abrió, güey.", rules: ["groserias", "cortesia"])
        #expect(Set(reply.map(\.ruleID)) == ["groserias", "cortesia"])
    }

    @Test(arguments: [
        "Chiiingón el PREP", "qué CHINGÓN", "p.i.n.c.h.e sistema", "v3rg4", "me vale madreeee", "MAMADAS", "a güevo",
        "Ch1ngadera de sistema",
    ])
    func spellingsAreFoundHoweverTheyAreWritten(text: String) throws {
        #expect(try findings(text).count == 1, "«\(text)»")
    }

    @Test func harmlessHomographsAreNotVulgar() throws {
        for text in [
            "Felicidades a todas las mamás en su Día de las Madres.", "Apoyamos a toda madre de familia que quiera ser funcionaria.",
            "Receta: agrega el jamón a huevo batido y sirve.", "Se busca pinche de cocina para el comedor.",
            "Hasta la madre de familia más ocupada puede votar temprano.", "La hueva de lisa se vende en la costa.",
            "Un buey de tiro jala la carreta en el desfile.", "Las madres buscadoras presentaron su informe.",
            "¿Me vale la credencial vencida para votar? Sí, si la renovaste.", "Nos vale la pena esperar.",
        ] {
            let found = try findings(text)
            #expect(found.isEmpty, "«\(text)»: \(found.map(\.excerpt))")
        }
    }

    /// Plain swearing moved from `discurso-odio`: each finding names the right criterion.
    @Test func plainVulgarityIsNoLongerHate() throws {
        for text in ["La fila está cabrona.", "Qué puto calor hace en la casilla.", "Chingue su madre el tráfico.", "Estuvo bien culero el frío."] {
            let found = try findings(text, rules: ["groserias", "discurso-odio"])
            #expect(found.map(\.ruleID) == ["groserias"], "«\(text)»: \(found.map { "\($0.ruleID): \($0.excerpt)" })")
        }
        // Aimed at someone, an insult is still hate.
        let aimed = try findings("Eres un cabrón.", rules: ["discurso-odio"])
        #expect(aimed.map { "\($0.kind ?? "")/\($0.severity)" } == ["deshumanizacion/error"])
        #expect(GroseriasRule.description.criteria == [.xiv, .xv])
        #expect(try findings("Ya valió madre.").first?.criterion == .xv)
        #expect(try findings("Ya abrió, güey.").first?.criterion == .xiv)
    }

    @Test func theSeedDocumentsHaveNoVulgarity() throws {
        try SeedDocuments.expectNoFindings(of: ["groserias"])
    }
}

@Suite("discurso-odio sin palabras de odio")
struct AggressionPatternsTests {
    func odio(_ text: String) throws -> [Finding] {
        try Lint.findings(text, rules: ["discurso-odio"])
    }

    @Test(arguments: [
        "Ojalá te mueras.", "Ojalá te atropelle un camión.", "Espero que te caiga un rayo.", "Que te pudras, consejero.",
        "Te vamos a dar una madriza.", "Te parto la cara.", "Te tenemos ubicado.", "Ya sabemos dónde trabajas.",
        "Eres un fracasado.", "Son unos miserables.", "Eres un pinche vendido.", "Son unos funcionarios de mierda.",
        "Se reproducen como ratas.", "Son como cucarachas.", "Los indígenas no son personas.", "Hay que tratarlos como animales.",
        "Lárguense todos los haitianos.", "Váyanse los gays.", "Cállense las feministas.", "Los migrantes no son bienvenidos aquí.",
        "No queremos a los venezolanos.", "Que se regresen a su país.", "Cierra el hocico.",
    ])
    func aggressionWithoutSlursIsAnError(text: String) throws {
        let found = try odio(text)
        #expect(found.map(\.severity).contains(.error), "«\(text)»: \(found.map { "\($0.severity): \($0.excerpt)" })")
    }

    @Test func criticismWishesAndInstitutionalWordsAreNotAggression() throws {
        for text in [
            "Ese consejero es un mentiroso y lo vamos a demostrar en tribunales.", "Son unos corruptos y unos vendidos, no les creo nada.",
            "Trabajamos para evitar que te pase algo en la casilla.", "Ojalá te mueras de risa con nuestro video.",
            "Las personas migrantes son bienvenidas en los módulos.", "No queremos más mujeres víctimas de violencia.",
            "Si vives fuera de México, los consulados te atienden.", "Tenemos que recordarte que el plazo vence el 10 de febrero.",
            "Las boletas son como un billete: tienen medidas de seguridad.", "Te vamos a buscar en tu domicilio para capacitarte.",
        ] {
            let found = try odio(text)
            #expect(found.allSatisfy { $0.severity != .error }, "«\(text)»: \(found.map(\.excerpt))")
        }
    }

    @Test func theSeedDocumentsHaveNoHate() throws {
        try SeedDocuments.expectNoFindings(of: ["discurso-odio", "cortesia", "opinion-personal"])
    }
}

@Suite("ortografia")
struct OrtografiaTests {
    func spelling(_ text: String, rules: [String] = ["ortografia"]) throws -> [Finding] {
        try Lint.findings(text, rules: rules)
    }

    @Test func aSingleClearCorrectionIsAFix() throws {
        let found = try spelling("La votacion y la credensial.")
        #expect(found.map(\.excerpt) == ["votacion", "credensial"])
        #expect(found.map(\.fix) == ["votación", "credencial"])
        #expect(found.map(\.kind) == ["tilde", "palabra"])
        #expect(found[0].message == "«votacion» se escribe «votación» (tilde).")
        #expect(found.allSatisfy { $0.severity == .warning && $0.criterion == .xxv })
        // The capital that starts a sentence is kept.
        #expect(try spelling("Votacion abierta.").first?.fix == "Votación")
    }

    @Test func otherwiseTheMessageListsUpToThreeSuggestions() throws {
        let found = try #require(try spelling("Los resultadso llegan hoy.").first)
        #expect(found.fix == nil)
        #expect(found.message.hasPrefix("«resultadso» no está en el diccionario; ¿quisiste decir «"))
        #expect(found.message.components(separatedBy: "«").count - 2 <= 3)
    }

    @Test func institutionalVocabularyPrefixesAndPronounsAreKnown() throws {
        for text in [
            "La precampaña, el exgobernador, la exdiputada y el desabasto por huachicol en los ductos de la procuraduría.",
            "Sesión postelectoral y preelectoral; antirreelección, autoadscripción, subdelegado, desinformación.",
            "Descárgala, consúltalo y compártela: actualízate con la distritación y la credencialización.",
            "Las personas trans, afromexicanas e indígenas; la paridad y las candidaturas plurinominales.",
        ] {
            let found = try spelling(text)
            #expect(found.isEmpty, "«\(text)»: \(found.map(\.excerpt))")
        }
        // A prefix over a word that is not one is still a mistake.
        #expect(try spelling("El exgobernadr habló.").map(\.excerpt) == ["exgobernadr"])
    }

    @Test func namesAcronymsHandlesLinksNumbersCodeAndAddressesAreNotChecked() throws {
        for text in [
            "Hoy votó Xóchitl Gálvez en Tlacotalpan con Ximena Gutiérrez.", "El INETEL, la DECEyEC y el PREP informan.",
            "Usa #VotacionLibre y menciona a @INEMexicoo.", "Visita https://www.ine.mx/credencializacion/votacion y ubicatucasilla.ine.mx.",
            "Se registraron 12,345 solicitudes el 2o. día y 3er. turno.", "El campo `votacion_total` del archivo actas.csv.",
            "Escribe a contacto.ciudadanx@ine.mx o a soporte_tecnico@ine.mx.", "<!-- notas de la votacion -->\nTodo listo.",
            "Conforme a la fracción xxiv y al inciso iii, siiiiii.",
        ] {
            let found = try spelling(text)
            #expect(found.isEmpty, "«\(text)»: \(found.map(\.excerpt))")
        }
        // A proper name that starts the sentence alone is checked (a lower-case word mid-sentence too).
        #expect(try spelling("Informacion de oaxaca.").map(\.excerpt) == ["Informacion", "oaxaca"])
        #expect(try spelling("Informacion de oaxaca.").map(\.kind) == ["tilde", "mayuscula"])
    }

    @Test func aConfigurationAddsWordsToTheVocabulary() throws {
        let additions = ["ortografia/vocabulario": [Wordlist(origin: "mi-vocabulario.txt", contents: "tuitazo{,s}\n")]]
        let linter = try Linter(
            ruleTypes: [OrtografiaRule.self], wordlists: BundledWordlists(additions: additions), spellers: Lint.spellers)
        #expect(linter.lint(try DraftParser.parse("Hubo un tuitazo y dos tuitazos.", path: "a.md")).isEmpty)
        #expect(try spelling("Hubo un tuitazo.").map(\.excerpt) == ["tuitazo"])
    }

    @Test func aBadCorrectionLineNamesItsFile() {
        let additions = ["ortografia/correcciones": [Wordlist(origin: "mis-correcciones.txt", contents: "asi que | así que\n")]]
        #expect {
            _ = try Linter(ruleTypes: [OrtografiaRule.self], wordlists: BundledWordlists(additions: additions), spellers: Lint.spellers)
        } throws: { "\($0)".hasPrefix("mis-correcciones.txt:1: se esperaba «forma incorrecta | corrección»") }
    }

    @Test func withoutDictionariesTheRuleSaysWhatIsMissing() {
        #expect {
            _ = try Linter(ruleTypes: [OrtografiaRule.self], wordlists: BundledWordlists())
        } throws: { "\($0)".contains("regla «ortografia»") && "\($0)".contains("Hunspell") }
        #expect {
            _ = try HunspellDictionary.locate("xx_XX", environment: ["HOME": "/nonexistent"])
        } throws: { "\($0)".contains("xx_XX.aff") && "\($0)".contains("apt-get install hunspell-es") }
    }

    /// The linter is shared by threads, and so is the rule's table of verdicts.
    @Test func threadsSharingTheLinterGetTheSameFindings() async throws {
        let linter = try Lint.linter(["ortografia"])
        let drafts = (0..<200).map { index in
            try! DraftParser.parse("La votacion número \(index) y la credensial \(["nueva", "vieja", "vijea"][index % 3]).", path: "\(index).md")
        }
        let expected = drafts.map { linter.lint($0).map(\.excerpt) }
        let results = await withTaskGroup(of: [[String]].self) { group in
            for _ in 0..<4 { group.addTask { drafts.map { linter.lint($0).map(\.excerpt) } } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        for result in results { #expect(result == expected) }
        #expect(expected[2] == ["votacion", "credensial", "vijea"])
    }

    @Test func officialProseIsMostlyClean() throws {
        let linter = try Lint.linter(["ortografia"])
        for (name, text) in try SeedDocuments.all() where name.hasPrefix("003") || name.hasPrefix("004") {
            let found = linter.lint(try DraftParser.parse(text, path: name))
            // scripts/eval-ortografia measures it by sentence; here, a bound on the whole document.
            let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).count
            #expect(found.count * 100 < words, "\(name): \(found.count) hallazgos en \(words) palabras: \(found.map(\.excerpt))")
        }
    }
}

@Suite("Respuestas de Hunspell guardadas")
struct SpellingAnswersTests {
    @Test func aLaterRunAnswersSeenWordsWithoutLoadingTheDictionary() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("criterio-hunspell-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let dictionary = try HunspellDictionary.locate("es_MX", environment: ProcessInfo.processInfo.environment)
        let first = try HunspellSpeller(dictionary: dictionary, adding: ["huachicol"], cacheDirectory: folder)
        #expect(first.isCorrect("votación") && !first.isCorrect("votacion") && first.isCorrect("huachicol"))
        #expect(first.suggestions(for: "votacion").first == "votación")
        #expect(first.loadedDictionary)
        first.save()

        let second = try HunspellSpeller(dictionary: dictionary, adding: ["huachicol"], cacheDirectory: folder)
        #expect(second.isCorrect("votación") && !second.isCorrect("votacion") && second.isCorrect("huachicol"))
        #expect(second.suggestions(for: "votacion").first == "votación")
        #expect(!second.loadedDictionary)
        #expect(!second.isCorrect("credensial"))
        #expect(second.loadedDictionary, "una palabra nueva sí carga el diccionario")

        // Another vocabulary is another file; a damaged file only means asking Hunspell again.
        let other = try HunspellSpeller(dictionary: dictionary, adding: [], cacheDirectory: folder)
        #expect(!other.isCorrect("huachicol"))
        for file in try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil) {
            try Data("dañado".utf8).write(to: file)
        }
        let third = try HunspellSpeller(dictionary: dictionary, adding: ["huachicol"], cacheDirectory: folder)
        #expect(third.isCorrect("votación") && third.loadedDictionary)
    }

    @Test func theSavedAnswersStayBoundedAndKeepTheLatestRunsWords() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("criterio-hunspell-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let dictionary = try HunspellDictionary.locate("es_MX", environment: ProcessInfo.processInfo.environment)
        // A long history: more words than the file keeps.
        let history = try HunspellSpeller(dictionary: dictionary, cacheDirectory: folder)
        for number in 0..<(SpellingAnswers.savedLimit + 500) { _ = history.isCorrect("palabra\(number)") }
        history.save()
        let file = try #require(try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil).first)
        let bounded = try #require(try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int)

        // Today's drafts bring new words: they are kept, however long the history.
        let today = try HunspellSpeller(dictionary: dictionary, cacheDirectory: folder)
        let words = ["credensial", "votacion", "huachicolero", "distritacion"]
        for word in words { _ = today.isCorrect(word) }
        #expect(today.loadedDictionary)
        today.save()
        let tomorrow = try HunspellSpeller(dictionary: dictionary, cacheDirectory: folder)
        for word in words { _ = tomorrow.isCorrect(word) }
        #expect(!tomorrow.loadedDictionary, "the latest run's words are answered from the file")
        let size = try #require(try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int)
        #expect(size <= bounded + 200, "the file does not grow with the history: \(size) bytes after \(bounded)")
    }
}
