import CriterioCore

/// Criterion 6.xxi: replies to users never carry insults, disqualifications or a lack of courtesy
/// and respect.
public enum Cortesia: LexiconRuleDeclaration {
    public static let lexicon = LexiconDeclaration(
        file: "cortesia/lexico", scope: .repliesOnly,
        categories: [
            .init("insulto", "un insulto"),
            .init("groseria", "una grosería"),
            .init("descalificacion", "una descalificación"),
            .init("burla", "una burla"),
        ],
        messages: .init(
            alta: { "La respuesta contiene \($0): a las personas usuarias se les responde con cortesía y respeto." },
            contexto: { "La respuesta puede sonar a \($0) según el contexto: revísala o consulta a la CNCS." }))

    public static let description = RuleDescription(
        id: "cortesia",
        name: "Falta de cortesía en respuestas",
        criteria: [.xxi],
        defaultSeverity: .error,
        summary: "Insultos, groserías, descalificaciones o burlas en una respuesta a una persona usuaria.",
        rationale: """
            Solo revisa respuestas: borradores con «reply_to» (o «respuesta_a») en el front matter o en \
            el JSON. El léxico (Wordlists/data/cortesia/lexico.txt) reúne insultos leves dirigidos \
            («no seas payaso»), groserías («pinche», «no mames»), descalificaciones («aprende a leer», \
            «ya te dijimos», «qué te importa») y burlas («gracias por nada»); las entradas de confianza \
            «contexto» («ni modo», «obviamente») piden consulta a la CNCS. Los insultos graves, las \
            amenazas y el odio los reporta discurso-odio en cualquier publicación; esta regla añade lo \
            que en una respuesta es falta de respeto aunque no sea odio. Una respuesta institucional \
            puede ser firme y decir que no: «no es posible», «el plazo venció» no son descortesía.
            """,
        options: lexicon.options, kinds: lexicon.kinds, wordlists: lexicon.wordlists,
        triggeringExamples: [
            RuleExample(
                "---\nreply_to: https://x.com/usuario/status/1\n---\n↓Aprende a leer: el horario está en la imagen.",
                kind: "descalificacion", severity: .error),
            RuleExample(
                "---\nreply_to: https://x.com/usuario/status/2\n---\n↓Como ya te dijimos, el trámite es gratuito.",
                kind: "descalificacion"),
            RuleExample(
                "---\nrespuesta_a: https://facebook.com/comentario/3\n---\n↓No seas payaso, la casilla sí se instaló.",
                kind: "insulto", severity: .error),
            RuleExample(
                "---\nreply_to: https://x.com/usuario/status/4\n---\nEl módulo cierra a las 3, ↓güey.",
                kind: "groseria"),
            RuleExample(
                "---\nreply_to: https://x.com/usuario/status/5\n---\nSi no te gusta, ↓ni modo: el plazo ya venció.",
                kind: "descalificacion", severity: .consult),
            RuleExample(
                "{\"reply_to\": \"https://x.com/u/status/6\", \"text\": \"Gracias por nada, pero revisa tu correo.\"}",
                kind: "burla", format: "json"),
        ],
        nonTriggeringExamples: [
            RuleExample(
                "---\nreply_to: https://x.com/usuario/status/1\n---\nHola, gracias por escribirnos. El horario del módulo está en la imagen; si tienes otra duda, aquí estamos."),
            RuleExample(
                "---\nreply_to: https://x.com/usuario/status/2\n---\nLamentamos la espera. No es posible reponer la credencial fuera del plazo, pero puedes agendar una cita."),
            RuleExample(
                "---\nreply_to: https://x.com/usuario/status/3\n---\nNo hay preguntas tontas: la casilla especial atiende a personas en tránsito."),
            RuleExample("Aprende a leer la boleta con nuestra guía: no es una respuesta, es una invitación."),
        ])
}

public typealias CortesiaRule = LexiconRule<Cortesia>
