import CriterioCore

/// Criterion 6.xvii: the only speech not tolerated is speech that promotes hate and violence.
/// Criterion 6.xvi keeps dissent and criticism out of scope: the lexicon targets slurs,
/// dehumanisation and threats, not opinions or plain swearing.
public struct DiscursoOdioRule: Rule {
    /// The categories a lexicon entry may have, with how a finding names them.
    public static let categories: [String: String] = [
        "etnia": "por origen étnico o color de piel",
        "genero": "por género o contra las mujeres",
        "diversidad-sexual": "por orientación sexual o identidad de género",
        "discapacidad": "por discapacidad",
        "religion": "por religión",
        "migrantes": "contra personas migrantes o extranjeras",
        "clase": "por condición social",
        "deshumanizacion": "que deshumaniza a personas o grupos",
        "amenaza": "amenaza o llamado a la violencia",
    ]

    public static let description = RuleDescription(
        id: "discurso-odio",
        name: "Discurso de odio o violencia",
        criteria: [.xvii],
        defaultSeverity: .error,
        summary: "Expresiones que promueven el odio o la violencia (léxico mexicano con categoría y confianza).",
        rationale: """
            El léxico (Wordlists/data/discurso-odio/lexico.txt) tiene por entrada una categoría y una \
            confianza: «alta» es un error; «contexto» manda el borrador a consulta con la CNCS. Se compara \
            sin mayúsculas ni acentos y también con letras alargadas («puuuto»), separadas («p.u.t.o») \
            o en leetspeak («p3nd3j0»). El lenguaje institucional e incluyente de \
            Wordlists/data/discurso-odio/permitidas.txt nunca se reporta («personas indígenas», \
            «violencia política contra las mujeres en razón de género»). La crítica y el disenso no \
            son discurso de odio (criterio 6.xvi).
            """,
        triggeringExamples: [
            RuleExample("↓Hay que quemarlos a todos.", kind: "amenaza", severity: .error),
            RuleExample("Esos ↓indios patarrajada no deberían votar.", kind: "etnia", severity: .error),
            RuleExample("Fuera los ↓p3nd3j0s", severity: .error),
            RuleExample("No son más que unos ↓maricones.", kind: "diversidad-sexual", severity: .error),
            RuleExample("¡↓Muerte a los migrantes!", kind: "amenaza", severity: .error),
            RuleExample("Qué ↓p.u.t.o coraje.", severity: .error),
            RuleExample("Dan ganas de ↓matarlos.", kind: "amenaza", severity: .consult),
            RuleExample("↓Los vamos a matar si se acercan.", kind: "amenaza", severity: .error),
            RuleExample("Puro ↓naco en la fila.", kind: "clase", severity: .consult),
        ],
        nonTriggeringExamples: [
            RuleExample("Promovemos los derechos de las personas indígenas y afromexicanas."),
            RuleExample("Las personas trans pueden actualizar su credencial con su identidad de género."),
            RuleExample("Trabajamos con la comunidad LGBTTTIQ+ y con personas con discapacidad."),
            RuleExample("Prevenimos la violencia política contra las mujeres en razón de género."),
            RuleExample("Conoce los derechos de los pueblos indígenas."),
            RuleExample("Vine a matar el tiempo mientras abren la casilla."),
            RuleExample("No estamos de acuerdo con la decisión del Consejo y lo decimos con respeto."),
        ])

    private struct Entry: Sendable {
        let category: String
        let severity: Severity
    }

    private let lexicon: PhraseLexicon
    private let entries: [Entry]

    public init(configuration: RuleConfiguration) throws {
        let parsed = try LexiconFile.entries(
            in: try configuration.wordlists.wordlists(named: "discurso-odio/lexico"), categories: Set(Self.categories.keys))
        let allowed = try LexiconFile.phrases(in: try configuration.wordlists.wordlists(named: "discurso-odio/permitidas"))
        lexicon = LexiconFile.lexicon(parsed, allowed: allowed)
        entries = parsed.map { Entry(category: $0.category, severity: $0.confidence.severity) }
    }

    public func check(_ post: AnalyzedPost) -> [Finding] {
        lexicon.matches(in: post).map { match in
            let entry = entries[match.entry]
            let what = Self.categories[entry.category] ?? entry.category
            let message = entry.severity == .error
                ? "Expresión de odio o violencia (\(what)): no se publica en una cuenta institucional."
                : "Expresión que puede promover odio o violencia (\(what)) según el contexto: consulta a la CNCS antes de publicar."
            return finding(in: post, range: match.range, message: message, kind: entry.category, severity: entry.severity)
        }
    }
}
