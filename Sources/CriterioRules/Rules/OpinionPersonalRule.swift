import CriterioCore

/// Criteria 6.iii and 6.xiv: no comments in a personal capacity, and no conversation about everyday
/// matters: institutional accounts speak for the Institute, not for the person who runs them.
public enum OpinionPersonal: LexiconRuleDeclaration {
    public static let lexicon = LexiconDeclaration(
        file: "opinion-personal/lexico",
        categories: [
            .init("primera-persona", "una opinión en primera persona"),
            .init("coloquial", "lenguaje coloquial", criterion: .xiv),
            .init("vida-privada", "un asunto personal o cotidiano", criterion: .xiv),
            .init("partidista", "una preferencia partidista"),
        ],
        messages: .init {
            "Parece \($0); una cuenta institucional habla en nombre del Instituto: reformúlalo o consulta a la CNCS."
        })

    public static let description = RuleDescription(
        id: "opinion-personal",
        name: "Opinión personal o charla cotidiana",
        criteria: [.iii, .xiv],
        defaultSeverity: .consult,
        summary: "Opiniones en primera persona, jerga, asuntos personales o preferencias partidistas.",
        rationale: """
            Las cuentas institucionales hablan en nombre del Instituto, en plural institucional y sin \
            opiniones personales (6.iii), y evitan las conversaciones sobre asuntos cotidianos (6.xiv). \
            El léxico (Wordlists/data/opinion-personal/lexico.txt) reúne marcas de opinión en primera \
            persona del singular («yo creo», «en mi opinión», «me parece injusto»), jerga y muletillas \
            («la neta», «no manches», «jajaja»), asuntos privados («mi novio», «ya es viernes») y \
            preferencias partidistas («vota por Morena», «mi candidata»). Todo hallazgo pide consulta: \
            la CNCS decide si el tono cercano que buscan los criterios (6.xxiv) se volvió personal. \
            El plural institucional («te recomendamos», «nos da gusto») no se reporta.
            """,
        options: lexicon.options, kinds: lexicon.kinds, wordlists: lexicon.wordlists,
        triggeringExamples: [
            RuleExample("↓En mi opinión, la reforma electoral es un error.", kind: "primera-persona"),
            RuleExample("↓Me parece injusto que cierren el módulo tan temprano.", kind: "primera-persona"),
            RuleExample("↓No manches, ya casi es la jornada electoral ↓jajaja", kind: "coloquial"),
            RuleExample("Hoy no actualizo la cuenta porque ↓me voy de vacaciones con ↓mi novia.", kind: "vida-privada"),
            RuleExample("Este domingo ↓vota por Morena.", kind: "partidista"),
            RuleExample("¡↓Arriba el PAN!", kind: "partidista", severity: .consult),
        ],
        nonTriggeringExamples: [
            RuleExample("Te recomendamos revisar la vigencia de tu credencial antes del 10 de febrero."),
            RuleExample("Nos da gusto informar que la jornada transcurrió en paz."),
            RuleExample("Acude personalmente al módulo con tu comprobante de domicilio."),
            RuleExample("Poco a poco se instalan las casillas en todo el país."),
            RuleExample("Vota por la opción de tu preferencia: tu voto es libre y secreto."),
            RuleExample("Puedes votar a poco más de un kilómetro de tu domicilio."),
        ])
}

public typealias OpinionPersonalRule = LexiconRule<OpinionPersonal>
