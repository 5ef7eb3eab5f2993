import CriterioCore

/// Criterion 6.iii: information classified as temporarily reserved or confidential under the
/// transparency laws and the Institute's regulation is not published.
public enum InformacionReservada: LexiconRuleDeclaration {
    public static let lexicon = LexiconDeclaration(
        file: "informacion-reservada/lexico",
        categories: [
            .init("clasificacion", "una leyenda de información reservada o confidencial"),
            .init("difusion-restringida", "una indicación de no difundir"),
            .init("version-sin-testar", "una versión no pública (sin testar)"),
            .init("procedimiento-en-curso", "un procedimiento que aún no se resuelve"),
        ],
        messages: .init(
            alta: { "El texto lleva \($0): la información reservada o confidencial no se publica." },
            contexto: { "El texto menciona \($0): confirma que la información es pública o consulta a la CNCS." }))

    public static let description = RuleDescription(
        id: "informacion-reservada",
        name: "Información reservada o confidencial",
        criteria: [.iii],
        defaultSeverity: .error,
        summary: "Leyendas de reserva o confidencialidad, «uso interno», versiones sin testar y procedimientos en curso.",
        rationale: """
            La información reservada o confidencial según la Ley General de Transparencia y el \
            Reglamento del INE no se publica (6.iii). Un texto con leyendas de clasificación \
            («ESTRICTAMENTE CONFIDENCIAL», «clasificada como reservada»), de difusión restringida \
            («uso interno», «no difundir») o de versiones no públicas («sin testar») viene de un \
            documento que no es público: es un error. Las menciones que dependen del contexto \
            («información reservada», «confidencial», «queja en trámite contra…») piden consulta a la \
            CNCS. Explicar la información reservada («qué es la información reservada», «el voto es \
            libre y secreto») no se reporta (Wordlists/data/informacion-reservada/lexico.txt). Los \
            datos personales los reporta datos-personales.
            """,
        options: lexicon.options, kinds: lexicon.kinds, wordlists: lexicon.wordlists,
        triggeringExamples: [
            RuleExample("↓ESTRICTAMENTE CONFIDENCIAL. Resultados del simulacro en la Junta Distrital 05.", kind: "clasificacion", severity: .error),
            RuleExample("Lista de sedes del simulacro (↓solo para uso interno).", kind: "difusion-restringida", severity: .error),
            RuleExample("Compartimos el informe ↓sin testar de la auditoría.", kind: "version-sin-testar", severity: .error),
            RuleExample("El anexo fue ↓clasificado como reservado por cinco años.", kind: "clasificacion", severity: .error),
            RuleExample("Hay una ↓queja en trámite contra el vocal ejecutivo.", kind: "procedimiento-en-curso", severity: .consult),
        ],
        nonTriggeringExamples: [
            RuleExample("El voto es libre y secreto: nadie puede obligarte a votar por alguien."),
            RuleExample("¿Sabes qué es la información reservada? Te lo explicamos en este hilo."),
            RuleExample("Protegemos la información confidencial de la ciudadanía conforme a la ley."),
            RuleExample("Recuerda no compartir tu credencial ni tus datos personales en redes sociales."),
        ])
}

public typealias InformacionReservadaRule = LexiconRule<InformacionReservada>
