import CriterioCore
import CriterioDrafts
import CriterioRules
import CriterioSpelling
import CriterioWordlists
import Foundation
import Testing

/// Helpers to lint a draft with some built-in rules and their default (or given) options.
enum Lint {
    static let wordlists = BundledWordlists()
    /// The machine's Hunspell dictionaries (`scripts/install-deps` installs hunspell-es), shared by
    /// every test like the linter is shared by threads.
    static let spellers = HunspellSpellers(cacheDirectory: nil)

    static func linter(_ ids: [String], options: [String: [String: OptionValue]] = [:]) throws -> Linter {
        let settings = Dictionary(uniqueKeysWithValues: ids.map { ($0, RuleSettings(options: options[$0] ?? [:])) })
        let types = BuiltInRules.all.filter { ids.contains($0.description.id) }
        return try Linter(ruleTypes: types, settings: settings, wordlists: wordlists, spellers: spellers)
    }

    static func findings(_ text: String, rules ids: [String], options: [String: [String: OptionValue]] = [:]) throws -> [Finding] {
        try linter(ids, options: options).lint(try DraftParser.parse(text, path: "borrador.md"))
    }
}

@Suite("Lenguaje institucional")
struct InstitutionalLanguageTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/lenguaje-institucional.txt")

    static var sentences: [String] {
        let text = (try? String(contentsOf: fixture, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init).filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    @Test func theFixtureHasManySentences() {
        #expect(Self.sentences.count >= 60)
    }

    /// Every sentence, as a post and as a reply on X: the lexicon rules must stay quiet.
    @Test func institutionalAndInclusiveLanguageProducesNoFinding() throws {
        let linter = try Lint.linter([
            "discurso-odio", "groserias", "cortesia", "opinion-personal", "deliberacion-interna", "informacion-reservada",
            "enlace-externo", "longitud", "ortografia",
        ])
        for sentence in Self.sentences {
            let reply = "---\nnetwork: x\nreply_to: https://x.com/usuaria/status/1\n---\n" + sentence
            for text in [sentence, reply] {
                let findings = linter.lint(try DraftParser.parse(text, path: "borrador.md"))
                #expect(findings.isEmpty, "«\(sentence)»: \(findings.map { "\($0.ruleID)/\($0.kind ?? ""): \($0.excerpt)" })")
            }
        }
    }
}

@Suite("discurso-odio")
struct DiscursoOdioTests {
    func odio(_ text: String, options: [String: OptionValue] = [:]) throws -> [Finding] {
        try Lint.findings(text, rules: ["discurso-odio"], options: ["discurso-odio": options])
    }

    @Test(arguments: [
        "Eres un pendejo", "ERES UN PENDEJO", "Eres un péndejo", "eres un pendeeeejo", "eres un p.e.n.d.e.j.o",
        "eres un p e n d e j o", "eres un p3nd3j0", "Eres una pendeja", "eres pendejo", "son unos pendejos", "eres un pinche pendejo",
    ])
    func aDirectedInsultIsFoundHoweverItIsWritten(text: String) throws {
        let findings = try odio(text)
        #expect(findings.count == 1, "\(findings.map(\.excerpt))")
        #expect(findings.first?.severity == .error)
        #expect(findings.first?.kind == "deshumanizacion")
    }

    @Test func aBareOffensiveWordAsksForAConsultationAndADirectedOneIsAnError() throws {
        #expect(try odio("Qué flojera los idiotas de siempre.").map(\.severity) == [.consult])
        #expect(try odio("Tú eres un idiota.").map(\.severity) == [.error])
        #expect(try odio("Hay que matar el tiempo en la fila.").isEmpty)
        #expect(try odio("Lo van a matar.").map(\.severity) == [.error])
        #expect(try odio("Nadie quiere matar a nadie.").map(\.severity) == [.consult])
        #expect(try odio("Es el puto amo del debate.").isEmpty)
        #expect(try odio("Pinches putos todos.").map(\.severity) == [.error])
    }

    @Test func violentThreatsAgainstGroupsAndTheElectionAreErrors() throws {
        for text in [
            "Hay que quemarlos a todos.", "¡Muerte a los chairos!", "Que se mueran todos los fifís.", "Ojalá los maten.",
            "Vamos a quemar las casillas.", "Sabemos dónde vives.", "Los indígenas no deberían votar.",
        ] {
            let findings = try odio(text)
            #expect(findings.map(\.severity) == [.error], "«\(text)»: \(findings.map(\.excerpt))")
        }
    }

    /// Criterion 6.xvi: dissent, criticism and plain swearing are not hate speech.
    @Test func criticismDissentAndSwearingAreNotHate() throws {
        for text in [
            "El INE es un desastre y los consejeros deberían renunciar.",
            "Qué mierda de servicio en el módulo, tres horas de fila.",
            "No mames, la fila está enorme.",
            "Son unos corruptos y unos vendidos, no les creo nada.",
            "Ese consejero es un mentiroso y lo vamos a demostrar en tribunales.",
            "Chingue su madre el tráfico de hoy.",
        ] {
            let findings = try odio(text)
            #expect(findings.allSatisfy { $0.severity != .error }, "«\(text)»: \(findings.map(\.excerpt))")
        }
        #expect(try odio("El INE es un desastre y los consejeros deberían renunciar.").isEmpty)
        #expect(try odio("Son unos corruptos y unos vendidos, no les creo nada.").isEmpty)
    }

    @Test func overlappingEntriesBecomeOneFindingAtTheHigherSeverity() throws {
        let findings = try odio("Ese candidato es un retrasado mental.")
        #expect(findings.map(\.excerpt) == ["es un retrasado mental"])
        #expect(findings.map(\.severity) == [.error])
    }

    @Test func theMisogynyListIsShippedUnmodifiedWithItsLicence() throws {
        for file in ["voces-misoginas.re", "README.md", "LICENSE.md"] {
            #expect(BundledWordlists.file("discurso-odio/voces_misoginas_mx/" + file) != nil, "falta \(file)")
        }
        let list = try #require(BundledWordlists.file("discurso-odio/voces_misoginas_mx/voces-misoginas.re"))
        #expect(list.hasPrefix("\\bacompañante\\b|\\b\n"))
        #expect(list.contains("\nmujeres en su casa\\b\nmujerzuela\\b|"), "el archivo se publica tal cual, con su «|» faltante")
    }

    @Test func theMisogynyOptionAddsOnlyItsMultiWordExpressionsAsConsultations() throws {
        let on: [String: OptionValue] = ["voces_misoginas": .bool(true)]
        #expect(try odio("Esa consejera anda muy necesitada.").isEmpty)
        #expect(try odio("Esa consejera anda muy necesitada.", options: on).map { "\($0.kind ?? "")/\($0.severity)" } == ["genero/consult"])
        // The line whose «|» is missing in the source still yields its expression.
        #expect(try odio("Las mujeres en su casa.", options: on).map(\.excerpt) == ["mujeres en su casa"])
        // Its single words are ordinary words and stay out.
        #expect(try odio("Vamos en bicicleta a votar con la vieja calabaza.", options: on).isEmpty)
        // Where our lexicon already has the expression, ours (an error) wins.
        #expect(try odio("Calladita te ves más bonita.", options: on).map(\.severity) == [.error])
    }
}

@Suite("Formato de los léxicos")
struct LexiconFormatTests {
    func parse(_ contents: String) throws -> [LexiconEntry] {
        try LexiconFile.entries(in: [Wordlist(origin: "mi-lexico.txt", contents: contents)], categories: ["amenaza", "insulto"])
    }

    /// How many entries of `entries` a text matches.
    func matches(_ entries: [LexiconEntry]) -> (String) -> Int {
        let lexicon = LexiconFile.lexicon(entries)
        return { lexicon.matches(in: AnalyzedPost(Draft(path: "t", text: $0))).count }
    }

    @Test func setsStandForTheirWordsInTermsAndExceptions() throws {
        let entries = try parse("""
            @verbo = matar, quemar
            @todos = @verbo, colgar
            hay que @todos a | amenaza | alta | hay que @verbo a la gripa
            """)
        #expect(entries.count == 1)
        #expect(entries[0].exceptions.count == 1)
        let found = matches(entries)
        #expect(found("hay que colgar a") == 1)
        #expect(found("hay que matar a la gripa") == 0)
    }

    @Test func aSetNameMayHaveHyphens() throws {
        let entries = try parse("""
            @madre-de-verdad = de familia, tierra
            a toda madre | insulto | alta | a toda madre @madre-de-verdad
            """)
        let found = matches(entries)
        #expect(found("quedó a toda madre") == 1)
        #expect(found("apoyo a toda madre de familia") == 0)
    }

    @Test func mistakesNameTheFileAndLine() {
        let cases: [(String, String)] = [
            ("@x = a\n\nhay que @y | amenaza | alta |", "mi-lexico.txt:3: el conjunto «@y» no está definido"),
            ("@x = a\n@x = b", "mi-lexico.txt:2: el conjunto «@x» ya estaba definido"),
            ("@x = a\n{b,@x} c | amenaza | alta |", "mi-lexico.txt:2: «{b,@x} c»: un conjunto no va dentro de llaves"),
            ("@x = {a,b}", "mi-lexico.txt:1: «{a»: un elemento de conjunto"),
            ("matar | odio | alta |", "mi-lexico.txt:1: categoría «odio» desconocida"),
        ]
        for (contents, message) in cases {
            do {
                _ = try parse(contents)
                Issue.record("«\(contents)» debía fallar")
            } catch {
                #expect("\(error)".hasPrefix(message), "\(error)")
            }
        }
    }
}

@Suite("enlace-externo")
struct EnlaceExternoTests {
    func links(_ text: String, domains: [String] = []) throws -> [String] {
        try Lint.findings(text, rules: ["enlace-externo"], options: ["enlace-externo": ["dominios": .strings(domains)]])
            .map { "\($0.kind ?? ""):\($0.excerpt)" }
    }

    @Test func institutionalSitesAndTheirSubdomainsPassAndOthersAskForAConsultation() throws {
        #expect(try links("Consulta https://listanominal.ine.mx y WWW.INE.MX/voto").isEmpty)
        #expect(try links("Nota en https://www.milenio.com/politica y en ine.mx.falso.com") == [
            "externo:https://www.milenio.com/politica", "externo:ine.mx.falso.com",
        ])
        #expect(try links("Video: https://youtu.be/abc y https://bit.ly/x") == ["externo:https://youtu.be/abc", "acortador:https://bit.ly/x"])
    }

    @Test func accountsAreMatchedByPathAndConfigurationAddsSites() throws {
        #expect(try links("Síguenos en https://x.com/INEMexico/status/17").isEmpty)
        #expect(try links("No es nuestra: https://x.com/INEMexicoOficial") == ["externo:https://x.com/INEMexicoOficial"])
        #expect(try links("Sentencia: https://www.te.gob.mx/x", domains: ["te.gob.mx"]).isEmpty)
        #expect(try links("Cuenta local: https://youtube.com/@INEJalisco/live", domains: ["youtube.com/@INEJalisco"]).isEmpty)
    }
}

@Suite("longitud")
struct LongitudTests {
    func length(_ text: String, network: String = "x", options: [String: OptionValue] = [:]) throws -> [Finding] {
        try Lint.findings("---\nnetwork: \(network)\n---\n" + text, rules: ["longitud"], options: ["longitud": options])
    }

    @Test func xCountsLinksAsTwentyThreeAndEmojiAsTwo() throws {
        let words = String(repeating: "a", count: 256)
        #expect(try length(words + " https://ubicatucasilla.ine.mx/una/ruta/larga/de/verdad/para/el/conteo").isEmpty)  // 256 + 1 + 23
        #expect(try length(words + "a  https://ine.mx").map(\.message) == [
            "La publicación mide 282 caracteres y el límite de X es 280 (cada enlace cuenta 23): sobran 2."
        ])
        #expect(try length(String(repeating: "🗳️", count: 140)).isEmpty)
        #expect(try length(String(repeating: "🗳️", count: 140) + "!").count == 1)
        // Accented letters are one character, also when written with a combining accent.
        #expect(try length(String(repeating: "é", count: 280)).isEmpty)
        #expect(try length(String(repeating: "e\u{301}", count: 280)).isEmpty)
    }

    @Test func otherNetworksCountCodePointsAndLimitsAreOptions() throws {
        #expect(try length(String(repeating: "ñ", count: 500), network: "threads").isEmpty)
        let over = try length(String(repeating: "ñ", count: 500) + "¡Vota!", network: "threads")
        #expect(over.first?.message.contains("mide 506 caracteres y el límite de Threads es 500") == true)
        #expect(over.first?.excerpt == "¡Vota!")
        #expect(try length(String(repeating: "a", count: 300), options: ["x": .integer(25_000)]).isEmpty)
    }

    @Test func onlyThePublishedTextCounts() throws {
        let comment = "<!-- " + String(repeating: "nota interna ", count: 40) + "-->\n"
        #expect(try length(comment + "Texto corto con `código` en línea.").isEmpty)
        #expect(try length("\n\n" + String(repeating: "a", count: 280) + "\n\n\n").isEmpty)
    }

    @Test func aZeroLimitIsAConfigurationError() {
        #expect(throws: RuleConfigurationError.self) { try Lint.linter(["longitud"], options: ["longitud": ["x": .integer(0)]]) }
    }
}

@Suite("cortesia")
struct CortesiaTests {
    @Test func onlyRepliesAreChecked() throws {
        let text = "Aprende a leer: el horario está en la imagen."
        #expect(try Lint.findings(text, rules: ["cortesia"]).isEmpty)
        let reply = try Lint.findings("---\nreply_to: https://x.com/u/status/1\n---\n" + text, rules: ["cortesia"])
        #expect(reply.map { "\($0.kind ?? "")/\($0.severity)" } == ["descalificacion/error"])
    }
}
