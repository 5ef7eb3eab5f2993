import CriterioCore

/// Criterion 6.v: nothing about the internal deliberation of the Institute's officials is published
/// until it has ended in an official institutional decision.
public enum DeliberacionInterna: LexiconRuleDeclaration {
    public static let lexicon = LexiconDeclaration(
        file: "deliberacion-interna/lexico",
        categories: [
            .init("documento-preliminar", "un documento preliminar o interno"),
            .init("reunion-interna", "una reunión interna o posturas previas a una votación"),
            .init("decision-pendiente", "una decisión que aún no es oficial"),
            .init("filtracion", "información extraoficial o filtrada"),
        ],
        messages: .init {
            "Parece \($0): la deliberación interna no se publica hasta que haya una decisión oficial; consulta a la CNCS."
        })

    public static let description = RuleDescription(
        id: "deliberacion-interna",
        name: "Deliberación interna",
        criteria: [.v],
        defaultSeverity: .consult,
        summary: "Borradores, reuniones internas, decisiones aún no oficiales o filtraciones.",
        rationale: """
            Hasta que una deliberación concluye en una decisión oficial, no se publica (6.v). El léxico \
            (Wordlists/data/deliberacion-interna/lexico.txt) busca lo que la delata: borradores y \
            documentos internos («borrador del acuerdo», «documento de trabajo»), reuniones privadas y \
            posturas de consejeras y consejeros antes de votar («los consejeros votarían en contra»), \
            decisiones anticipadas («se perfila que el Consejo apruebe», «aún no es oficial») y \
            filtraciones («según fuentes internas»). Lo que se discute en sesión pública sí es público \
            («se discute el proyecto de acuerdo», «sigue la sesión en vivo») y no se reporta. Todo \
            hallazgo pide consulta a la CNCS.
            """,
        options: lexicon.options, kinds: lexicon.kinds, wordlists: lexicon.wordlists,
        triggeringExamples: [
            RuleExample("Te compartimos el ↓borrador del acuerdo sobre la distritación.", kind: "documento-preliminar"),
            RuleExample("En ↓reunión privada, ↓los consejeros no se ponen de acuerdo sobre el presupuesto.", kind: "reunion-interna"),
            RuleExample("↓Se perfila que el Consejo apruebe mañana el nuevo calendario.", kind: "decision-pendiente"),
            RuleExample("↓Según fuentes internas, el informe llegará con retraso.", kind: "filtracion"),
            RuleExample("El nuevo horario de los módulos ↓aún no es oficial, pero ya lo puedes consultar.", kind: "decision-pendiente"),
        ],
        nonTriggeringExamples: [
            RuleExample("En sesión pública, el Consejo General discute el proyecto de acuerdo sobre la distritación."),
            RuleExample("El Consejo General aprobó por unanimidad el acuerdo INE/CG73/2017."),
            RuleExample("El consejero presidente sostuvo una reunión de trabajo con representantes de los partidos."),
            RuleExample("El acuerdo que circula en redes sociales es falso: consulta la versión oficial en ine.mx."),
        ])
}

public typealias DeliberacionInternaRule = LexiconRule<DeliberacionInterna>
