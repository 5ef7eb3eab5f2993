import CriterioCore

/// Criteria 6.xiv and 6.xv: an institutional account speaks from an institutional perspective and
/// publishes responsibly: it never swears, whoever the words are aimed at. Hate and violence stay
/// in `discurso-odio`; this is the institution's own voice.
public enum Groserias: LexiconRuleDeclaration {
    public static let lexicon = LexiconDeclaration(
        file: "groserias/lexico", scope: .everyPost,
        categories: [
            .init("vulgar", "una grosería", criterion: .xv),
            .init("obscena", "lenguaje obsceno", criterion: .xv),
            .init("jerga", "jerga vulgar", criterion: .xiv),
        ],
        messages: .init(
            alta: { "La publicación contiene \($0): una cuenta institucional no dice groserías." },
            contexto: { "La publicación puede contener \($0) según el contexto: revísala o consulta a la CNCS." }))

    public static let description = RuleDescription(
        id: "groserias",
        name: "Groserías y lenguaje obsceno",
        criteria: [.xiv, .xv],
        defaultSeverity: .error,
        summary: "Groserías, lenguaje obsceno y jerga vulgar en cualquier publicación («a huevo», «valió madre», «pinche»).",
        rationale: """
            Revisa toda publicación, no solo las respuestas (en ellas también lo hace cortesia). El \
            léxico (Wordlists/data/groserias/lexico.txt) reúne las groserías del español de México con \
            sus formas y grafías: la familia de «chingar», las expresiones con «madre» («valió madre», \
            «de poca madre», «hasta la madre»), «pinche», «verga», «pedo», «culero», «mamón», \
            «cabrón», «güey», «a huevo», «me vale»…, y el lenguaje obsceno. Se compara sin mayúsculas \
            ni acentos y también con letras alargadas («chiiingón»), separadas («p.i.n.c.h.e») o en \
            leetspeak («v3rg4»). Los homógrafos inofensivos son excepciones: «huevo» en una receta, el \
            «Día de las Madres», una «madre de familia», el «pinche de cocina» o la «hueva de lisa». \
            Las palabras con usos inofensivos que una excepción no alcanza («coger», «pito») piden \
            consulta. El odio, las amenazas y los insultos dirigidos («eres un pendejo») los reporta \
            discurso-odio; esta regla es la voz del Instituto, que no dice groserías aunque no vayan \
            contra nadie.
            """,
        options: lexicon.options, kinds: lexicon.kinds, wordlists: lexicon.wordlists,
        triggeringExamples: [
            RuleExample("Qué ↓chingón quedó el PREP, ↓a huevo.", severity: .error),
            RuleExample("Ya ↓valió madre el sistema, una disculpa.", kind: "vulgar", severity: .error),
            RuleExample("↓Puta madre, se cayó el sitio.", kind: "vulgar", severity: .error),
            RuleExample("Esta ↓mierda de lluvia no detendrá la jornada.", kind: "vulgar", severity: .error),
            RuleExample("El consejero es un ↓pinche corrupto.", kind: "vulgar", severity: .error),
            RuleExample("La fila está ↓cabrona, pero ya casi votamos.", kind: "vulgar"),
            RuleExample("Qué ↓puto calor en la casilla.", kind: "vulgar"),
            RuleExample("No le hagas caso, ↓puuuto.", kind: "vulgar"),
            RuleExample("↓Güey, ya abrió la casilla.", kind: "jerga", severity: .error),
            RuleExample("↓Me vale lo que digan, el conteo sigue.", kind: "jerga"),
            RuleExample("Nos quedó ↓de poca madre la sesión.", kind: "vulgar"),
            RuleExample("¡↓Qué p.e.d.o con el PREP!", kind: "jerga"),
            RuleExample("Se veía ↓v3rg4 la fila.", kind: "vulgar"),
            RuleExample(
                "---\nreply_to: https://x.com/usuario/status/4\n---\nYa ↓no mames, el módulo abre a las 8.", kind: "jerga"),
            RuleExample("Nadie quiere ↓coger el turno de la tarde.", kind: "obscena", severity: .consult),
        ],
        nonTriggeringExamples: [
            RuleExample("Felicidades a todas las mamás en este Día de las Madres."),
            RuleExample("Toda madre de familia puede ser funcionaria de casilla; apoyamos a toda madre de familia que lo solicite."),
            RuleExample("Receta para la convivencia del 10 de mayo: bate el huevo y agrégalo a huevo cocido picado."),
            RuleExample("El pinche de cocina del comedor del INE también votó."),
            RuleExample("Las madres buscadoras participaron en el foro del Instituto."),
            RuleExample("La hueva de lisa es típica de la costa; la de pescado, también."),
            RuleExample("La credencial te vale como identificación oficial; nos vale la pena esperar."),
            RuleExample("El pito del árbitro marcó el final del torneo deportivo del INE."),
            RuleExample("Consulta el apellido del padre y de la madre en tu acta."),
            RuleExample("Conoce Putla Villa de Guerrero y Jalpa de Méndez."),
        ])
}

public typealias GroseriasRule = LexiconRule<Groserias>
