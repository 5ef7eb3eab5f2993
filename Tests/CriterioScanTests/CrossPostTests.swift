import CriterioCore
@testable import CriterioCrossPost
import CriterioDrafts
import CriterioRules
import CriterioRunner
import CriterioWordlists
import Foundation
import Testing

@Suite("Spam entre publicaciones: casi duplicados y ráfagas")
struct CrossPostTests {
    static let sketcher = NearDuplicateSketcher()

    static func sketch(_ text: String, owner: String = "INE") -> PostSketch? {
        sketcher.sketch(AnalyzedPost(Draft(path: "p", text: text)), owner: NearDuplicateSketcher.ownerKey(owner))
    }

    static func analyze(_ posts: [(text: String, owner: UInt32, date: PublicationDate?)], options: CrossPostOptions = CrossPostOptions()) -> CrossPostResult {
        let store = MemoryCrossPostStore()
        for (index, post) in posts.enumerated() {
            store.add(UInt32(index), sketch: sketch(post.text, owner: "cuenta\(post.owner)"), owner: post.owner, date: post.date)
        }
        return CrossPostAnalysis.run(store, options: options)
    }

    static let reminder = "Recuerda que el voto es libre y secreto. Nadie puede obligarte a votar por alguien este domingo 2 de junio."

    @Test("La similitud se mide sobre grupos de tres palabras (Jaccard, exacta hasta 50 palabras)")
    func similarity() throws {
        let a = try #require(Self.sketch(Self.reminder))
        let same = try #require(Self.sketch("RECUERDA que el voto es libre y secreto: nadie puede obligarte a votar por alguien este domingo 2 de junio."))
        #expect(NearDuplicateSketcher.similarity(a.shingles, same.shingles) == 1, "mayúsculas y puntuación no cuentan")
        #expect(a.bandKeys == same.bandKeys)
        let changed = try #require(Self.sketch("Recuerda que el voto es libre y secreto. Nadie puede obligarte a votar por nadie este domingo 2 de junio."))
        let similarity = NearDuplicateSketcher.similarity(a.shingles, changed.shingles)
        #expect(similarity > 0.6 && similarity < 0.9)
        #expect(Self.sketch("¡Gracias por participar!") == nil, "las publicaciones muy cortas no se comparan")

        // A long post (a thread) keeps its 48 smallest shingles; the estimate still tells a copy with
        // a changed ending from a different post.
        let long = (1...30).map { "El consejo distrital \($0) recibió los paquetes electorales de sus casillas." }.joined(separator: " ")
        let longSketch = try #require(Self.sketch(long))
        #expect(longSketch.shingles.count == NearDuplicateSketcher.kept)
        let ending = try #require(Self.sketch(long + " Gracias a todas las personas funcionarias por su trabajo."))
        #expect(NearDuplicateSketcher.similarity(longSketch.shingles, ending.shingles) > 0.8)
        let other = try #require(Self.sketch((1...30).map { "La junta local \($0) abrió módulos de atención en horario extendido." }.joined(separator: " ")))
        #expect(NearDuplicateSketcher.similarity(longSketch.shingles, other.shingles) < 0.3)
        #expect(Self.sketch(Self.reminder, owner: "otra")?.bandKeys != a.bandKeys, "la cuenta entra en las claves")
    }

    @Test("Casi duplicados de una cuenta forman un grupo; los de otra cuenta y los distintos no")
    func clusters() {
        let posts: [(String, UInt32, PublicationDate?)] = [
            (Self.reminder, 0, nil),
            ("Hoy inicia el periodo de actualización del Padrón Electoral en los 300 distritos del país.", 0, nil),
            (Self.reminder.replacingOccurrences(of: "2 de junio", with: "2 de junio de 2024"), 0, nil),
            (Self.reminder, 1, nil),
            (Self.reminder + " #VotoLibre", 0, nil),
            ("Las y los funcionarios de casilla recibieron su segunda capacitación en todo el país.", 0, nil),
        ]
        let result = Self.analyze(posts)
        #expect(result.clusters.count == 1)
        #expect(result.clusters.first?.members == [0, 2, 4])
        #expect(result.marks.posts == [0, 2, 4])
        if case .nearDuplicate(let cluster, let similarity, _) = result.marks[2]?.first {
            #expect(cluster == 0 && similarity >= 0.8)
        } else {
            Issue.record("la publicación 2 debe estar marcada como casi duplicado")
        }
        let strict = Self.analyze(posts, options: CrossPostOptions(similarity: 0.99))
        #expect(strict.clusters.isEmpty, "con similitud 0.99 ninguna variante alcanza")
        let off = Self.analyze(posts, options: CrossPostOptions(nearDuplicates: false))
        #expect(off.clusters.isEmpty && off.marks.isEmpty)
    }

    @Test("Varios grupos se numeran por su primera publicación, y cada publicación lleva el suyo")
    func severalClusters() {
        let padron = "Hoy inicia el periodo de actualización del Padrón Electoral en los 300 distritos del país."
        let posts: [(String, UInt32, PublicationDate?)] = [
            ("Las y los funcionarios de casilla recibieron su segunda capacitación en todo el país.", 0, nil),
            (padron, 0, nil),
            (Self.reminder, 0, nil),
            (padron + " #INEInforma", 0, nil),
            (Self.reminder + " #VotoLibre", 0, nil),
            (padron, 0, nil),
            (Self.reminder, 0, nil),
        ]
        let result = Self.analyze(posts)
        #expect(result.clusters.map(\.number) == [1, 2])
        #expect(result.clusters.map(\.members) == [[1, 3, 5], [2, 4, 6]])
        #expect(result.clusters.allSatisfy { $0.similarity >= 0.8 && $0.similarity < 1 }, "la similitud del grupo es la más baja de sus pares")
        #expect(result.marks.posts == [1, 2, 3, 4, 5, 6])
        for (post, cluster) in [(1, 0), (3, 0), (5, 0), (2, 1), (4, 1), (6, 1)] {
            guard case .nearDuplicate(let marked, let similarity, _) = result.marks[UInt32(post)]?.first else {
                Issue.record("la publicación \(post) debe estar marcada como casi duplicado")
                continue
            }
            #expect(marked == cluster, "publicación \(post)")
            #expect(similarity >= 0.8, "publicación \(post)")
        }
        #expect(result.marks[0] == nil)
    }

    @Test("Ráfagas: más de N publicaciones de una cuenta en M minutos")
    func bursts() throws {
        func at(_ minute: Int) -> PublicationDate { PublicationDate(secondsSince1970: 1_716_220_800 + Int64(minute) * 60) }
        var posts: [(String, UInt32, PublicationDate?)] = []
        for minute in [0, 5, 10, 15, 20, 25, 30] { posts.append(("Punto \(minute) de la sesión del Consejo General", 0, at(minute))) }
        for minute in [300, 400, 500] { posts.append(("Aviso \(minute)", 0, at(minute))) }
        for minute in [0, 1, 2, 3, 4, 5] { posts.append(("Otra cuenta \(minute)", 1, at(minute))) }
        posts.append(("Sin fecha", 0, nil))
        let result = Self.analyze(posts, options: CrossPostOptions(nearDuplicates: false, burstPosts: 5, burstMinutes: 60))
        #expect(result.bursts.count == 2)
        let first = try #require(result.bursts.first { $0.owner == 0 })
        #expect(first.members == Array(0...6))
        #expect(first.start == at(0).secondsSince1970 && first.end == at(30).secondsSince1970)
        let second = try #require(result.bursts.first { $0.owner == 1 })
        #expect(second.members.count == 6)
        #expect(result.marks[7] == nil && result.marks[16] == nil)

        let looser = Self.analyze(posts, options: CrossPostOptions(nearDuplicates: false, burstPosts: 7, burstMinutes: 60))
        #expect(looser.bursts.isEmpty, "7 publicaciones no son más de 7")
        let shorter = Self.analyze(posts, options: CrossPostOptions(nearDuplicates: false, burstPosts: 1, burstMinutes: 10))
        #expect(shorter.bursts.map(\.members.count).sorted() == [6, 7], "ventanas de 10 minutos que se encadenan son una ráfaga")
    }

    @Test("Una publicación en un grupo y en una ráfaga lleva las dos marcas, y cada una solo las suyas")
    func marksOfBothChecksStayWithTheirPost() throws {
        func at(_ minute: Int) -> PublicationDate { PublicationDate(secondsSince1970: 1_716_220_800 + Int64(minute) * 60) }
        // Posts 1, 3, 5, 7, 9, 11 repeat the reminder within an hour; the others are one-off and apart.
        var posts: [(String, UInt32, PublicationDate?)] = []
        for index in 0..<12 {
            posts.append(index % 2 == 1 ? (Self.reminder, 0, at(index)) : ("Aviso distinto número \(index) del día", 0, at(1_000 * index + 500)))
        }
        let result = Self.analyze(posts, options: CrossPostOptions(burstPosts: 5, burstMinutes: 60))
        #expect(result.clusters.map(\.members) == [[1, 3, 5, 7, 9, 11]])
        #expect(result.bursts.map(\.members) == [[1, 3, 5, 7, 9, 11]])
        #expect(result.marks.posts == [1, 3, 5, 7, 9, 11])
        for post: UInt32 in [1, 3, 5, 7, 9, 11] {
            let marks = try #require(result.marks[post], "publicación \(post)")
            #expect(marks.map(\.kind) == ["casi-duplicado", "rafaga"], "publicación \(post)")
            if case .nearDuplicate(_, _, let marked) = marks.first { #expect(marked == post) }
        }
        for post: UInt32 in [0, 2, 4, 6, 8, 10, 12] { #expect(result.marks[post] == nil, "publicación \(post)") }
    }

    @Test("Una marca guarda tal cual su grupo, su similitud y su publicación, o su ráfaga")
    func marksKeepTheirFields() {
        var marks = CrossPostMarks()
        marks.add(.burst(7), to: 9)
        marks.add(.nearDuplicate(cluster: 123_456, similarity: 33.0 / 40.0, post: 4_000_000_000), to: 9)
        marks.add(.nearDuplicate(cluster: 0, similarity: 1, post: 2), to: 2)
        marks.order()
        #expect(marks.posts == [2, 9])
        #expect(marks[9] == [.burst(7), .nearDuplicate(cluster: 123_456, similarity: 33.0 / 40.0, post: 4_000_000_000)])
        #expect(marks[2] == [.nearDuplicate(cluster: 0, similarity: 1, post: 2)])
        #expect(marks[5] == nil)
    }

    @Test("Las claves de banda se ordenan por clave y, en una misma clave, en el orden de las publicaciones")
    func bandPairsSortStably() {
        var generator = SystemRandomNumberGenerator()
        // Keys that differ in one byte only, in any byte, many of them shared, and posts in order.
        let bytes: [UInt64] = [0, 1, 0x7F, 0x80, 0xFF]
        var pairs: [MemoryCrossPostStore.BandPair] = []
        for post in 0..<2_000 {
            let shift = UInt64(Int.random(in: 0..<8, using: &generator) * 8)
            let key = bytes.randomElement(using: &generator)! << shift | (post % 7 == 0 ? UInt64.max << 56 : 0)
            pairs.append(.init(key: key, post: UInt32(post)))
        }
        let sorted = MemoryCrossPostStore.sortedByKey(pairs)
        let expected = pairs.enumerated().sorted { ($0.element.key, $0.offset) < ($1.element.key, $1.offset) }.map(\.element)
        #expect(sorted.map(\.key) == expected.map(\.key))
        #expect(sorted.map(\.post) == expected.map(\.post))
        #expect(MemoryCrossPostStore.sortedByKey([]).isEmpty)
    }

    @Test("Las opciones viven en la configuración de spam, con sus rangos")
    func options() throws {
        let wordlists = BundledWordlists()
        func linter(_ options: [String: OptionValue]) throws -> Linter {
            try Linter(ruleTypes: BuiltInRules.all, settings: ["spam": RuleSettings(options: options)], wordlists: wordlists, spellers: TestSpellers.machine)
        }
        let configured = try #require(CrossPostCheck.rule(of: try linter(["similitud": .number(0.9), "rafaga_publicaciones": .integer(3), "rafaga_minutos": .integer(30)])))
        #expect(configured.crossPostOptions == CrossPostOptions(similarity: 0.9, burstPosts: 3, burstMinutes: 30))
        #expect(CrossPostCheck.rule(of: try linter(["casi_duplicados": .bool(false), "rafaga_publicaciones": .integer(0)])) == nil)
        for (name, value, message) in [
            ("similitud", OptionValue.number(1.5), "la opción «similitud» debe estar entre 0.5 y 1; se dio 1.5"),
            ("rafaga_minutos", .integer(0), "la opción «rafaga_minutos» debe estar entre 1 y 10080; se dio 0"),
            ("rafaga_publicaciones", .integer(-1), "la opción «rafaga_publicaciones» debe estar entre 0 y 10000; se dio -1"),
        ] {
            #expect {
                try linter([name: value])
            } throws: { error in
                (error as? RuleConfigurationError)?.message.contains(message) == true
            }
        }
    }

    @Test("lint sobre varios borradores: casi duplicados y ráfagas con la severidad configurada y las supresiones del borrador")
    func lintTogether() throws {
        let linter = try Linter(
            ruleTypes: BuiltInRules.all, settings: ["spam": RuleSettings(severity: .error)], wordlists: BundledWordlists(), spellers: TestSpellers.machine)
        let drafts = [
            Draft(path: "a.md", text: Self.reminder),
            Draft(path: "b.md", text: Self.reminder + " #VotoLibre"),
            Draft(path: "c.md", text: "Hoy inicia el periodo de actualización del Padrón Electoral en los 300 distritos."),
        ]
        let found = CrossPostCheck.findings(in: drafts, linter: linter)
        #expect(found.map(\.count) == [1, 1, 0])
        let finding = try #require(found[1].first)
        #expect(finding.ruleID == "spam" && finding.kind == "casi-duplicado" && finding.criterion == .xxix)
        #expect(finding.message.contains("«a.md»"))
        let linted = LintRunner(linter: linter).lint(drafts[1], adding: found[1])
        #expect(linted.findings.contains { $0.kind == "casi-duplicado" && $0.severity == .error }, "la severidad configurada se aplica")

        let suppressed = try DraftParser.parse(
            "<!-- criterio-disable spam -- recordatorio semanal aprobado -->\n" + Self.reminder, path: "d.md", format: .markdown) { _ in MediaInspection(.audiovisual("imagen PNG")) }
        let again = CrossPostCheck.findings(in: [drafts[0], suppressed], linter: linter)
        let report = LintRunner(linter: linter).lint(suppressed, adding: again[1])
        #expect(!again[1].isEmpty && !report.findings.contains { $0.ruleID == "spam" }, "la supresión del borrador cubre los hallazgos entre publicaciones")
        #expect(!report.findings.contains { $0.ruleID == "supresion" }, "y no queda como supresión sin uso")
    }
}
