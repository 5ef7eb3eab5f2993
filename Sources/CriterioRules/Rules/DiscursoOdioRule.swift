import CriterioCore

/// Criterion 6.xvii: the only speech not tolerated is speech that promotes hate and violence.
/// Criterion 6.xvi keeps dissent and criticism out of scope: the lexicon targets slurs,
/// dehumanisation and threats, not opinions or plain swearing.
public enum DiscursoOdio: LexiconRuleDeclaration {
    public static let lexicon = LexiconDeclaration(
        file: "discurso-odio/lexico", allowList: "discurso-odio/permitidas",
        categories: [
            .init("etnia", "por origen étnico o color de piel"),
            .init("genero", "por género o contra las mujeres"),
            .init("diversidad-sexual", "por orientación sexual o identidad de género"),
            .init("discapacidad", "por discapacidad"),
            .init("religion", "por religión"),
            .init("migrantes", "contra personas migrantes o extranjeras"),
            .init("clase", "por condición social"),
            .init("deshumanizacion", "que insulta o deshumaniza a personas o grupos"),
            .init("amenaza", "amenaza o llamado a la violencia"),
        ],
        messages: .init(
            alta: { "Expresión de odio o violencia (\($0)): no se publica en una cuenta institucional." },
            contexto: {
                "Expresión que puede promover odio o violencia (\($0)) según el contexto: consulta a la CNCS antes de publicar."
            }),
        supplements: [VocesMisoginas.supplement])

    public static let description = RuleDescription(
        id: "discurso-odio",
        name: "Discurso de odio o violencia",
        criteria: [.xvii],
        defaultSeverity: .error,
        summary: "Expresiones que promueven el odio o la violencia (léxico mexicano con categoría y confianza).",
        rationale: """
            El léxico (Wordlists/data/discurso-odio/lexico.txt) tiene por entrada una categoría y una \
            confianza: «alta» es un error; «contexto» manda el borrador a consulta con la CNCS. Es error \
            lo que va dirigido a alguien («eres un pendejo», «pinche indio», «te voy a matar»), los \
            insultos de odio sin otro uso («maricón», «sudaca») y los llamados a la violencia contra un \
            grupo o contra la elección («muerte a los…», «hay que quemar las casillas»); una palabra \
            ofensiva suelta («puto», «matar», «idiota») es consulta, porque tiene usos inofensivos \
            («matar el tiempo», «el puto amo»). Se compara sin mayúsculas ni acentos y también con \
            letras alargadas («puuuto»), separadas («p.u.t.o») o en leetspeak («p3nd3j0»). El lenguaje \
            institucional e incluyente de Wordlists/data/discurso-odio/permitidas.txt nunca se reporta \
            («personas indígenas», «violencia política contra las mujeres en razón de género»). La \
            crítica, el disenso y la grosería sola no son discurso de odio (criterio 6.xvi). \
            Medido sobre OffendES con scripts/eval-discurso-odio. La lista de voces misóginas del \
            CentroGeo (CC BY-ND 4.0) se incluye sin modificar; con la opción «voces_misoginas» sus \
            expresiones de varias palabras se reportan como consulta (sus palabras sueltas, como \
            «bicicleta» o «vieja», no se usan).
            """,
        options: lexicon.options, kinds: lexicon.kinds, wordlists: lexicon.wordlists,
        triggeringExamples: [
            RuleExample("↓Hay que quemarlos a todos.", kind: "amenaza", severity: .error),
            RuleExample("Si vuelves a escribir, ↓te vamos a partir la madre.", kind: "amenaza", severity: .error),
            RuleExample("¡↓Muerte a los migrantes!", kind: "amenaza", severity: .error),
            RuleExample("↓Quemen las casillas si pierde nuestro candidato.", kind: "amenaza", severity: .error),
            RuleExample("Esos ↓indios patarrajada no deberían votar.", kind: "etnia", severity: .error),
            RuleExample("↓Pinche prieta, regrésate a tu pueblo.", kind: "etnia", severity: .error),
            RuleExample("↓Eres un p3nd3j0", kind: "deshumanizacion", severity: .error),
            RuleExample("No son más que unos ↓maricones.", kind: "diversidad-sexual", severity: .error),
            RuleExample("↓Lárguense a su país, ↓pinches haitianos.", kind: "migrantes", severity: .error),
            RuleExample("↓Calladita te ves más bonita, diputada.", kind: "genero", severity: .error),
            RuleExample("↓Las mujeres no deberían votar.", kind: "genero", severity: .error),
            RuleExample("↓Son unas ratas todos los de esa colonia.", kind: "deshumanizacion", severity: .error),
            RuleExample("Ese candidato ↓es un retrasado mental.", kind: "discapacidad", severity: .error),
            RuleExample("↓P.u.t.o el que lo lea.", kind: "diversidad-sexual", severity: .error),
            RuleExample("No le hagas caso, ↓puuuto.", kind: "diversidad-sexual", severity: .consult),
            RuleExample("Dan ganas de ↓matarlos.", kind: "amenaza", severity: .consult),
            RuleExample("Puro ↓naco en la fila.", kind: "clase", severity: .consult),
            RuleExample("Vaya ↓idiotas los que no votan.", kind: "deshumanizacion", severity: .consult),
            RuleExample(
                "Esa consejera ↓anda muy necesitada.", kind: "genero", severity: .consult,
                options: ["voces_misoginas": .bool(true)]),
        ],
        nonTriggeringExamples: [
            RuleExample("Promovemos los derechos de las personas indígenas y afromexicanas."),
            RuleExample("Las personas trans pueden actualizar su credencial con su identidad de género."),
            RuleExample("Trabajamos con la comunidad LGBTTTIQ+ y con personas con discapacidad."),
            RuleExample("Prevenimos la violencia política contra las mujeres en razón de género."),
            RuleExample("Conoce los derechos de los pueblos indígenas."),
            RuleExample("Vine a matar el tiempo mientras abren la casilla."),
            RuleExample("No estamos de acuerdo con la decisión del Consejo y lo decimos con respeto."),
            RuleExample("El INE condena la violencia contra las personas candidatas; nadie merece morir por participar."),
            RuleExample("El vuelo retrasado no impidió que el paquete electoral llegara a tiempo."),
            RuleExample("Si el piso está mojado, coloca el cartel de precaución en la casilla."),
            RuleExample("Esa consejera anda muy necesitada."),
        ])
}

public typealias DiscursoOdioRule = LexiconRule<DiscursoOdio>
