import CriterioCore

/// The 13-digit OCR number on the back of an INE voting card (models C and D; models E–H print the
/// section and the citizen identifier in its place). It has no public check digit, so it is
/// reported only next to a word that names it.
public struct OCRDetector: DigitSeriesDetector {
    public static let kind = "ocr-cic"
    public static let label = "número OCR de la credencial para votar"
    public static let contextWords = [
        "ocr", "clave ocr", "numero ocr", "reverso", "numero identificador", "identificador", "credencial",
        "credencial para votar", "lista nominal", "vigencia",
    ]
    public static let minimumDigits = 13
    public static let minimumDigitRun = 13

    public static let anchorWords: [String]? = ["ocr", "reverso", "identificador", "credencial", "credenciales", "nominal", "vigencia"]
    /// Any 13 digits: there is no check digit to validate.
    public static let series = DigitSeries(
        pattern: #"(?<![\p{L}\d.,/$_<-])\d{13}(?![\p{L}\d/<])"#, naming: ["ocr", "reverso", "identificador"], showing: (2, 2)
    ) { _, _ in
        .init(withoutContext: nil, withContext: .error, detail: "número OCR de la credencial")
    }

    public let resources: PersonalDataResources

    public init(resources: PersonalDataResources) {
        self.resources = resources
    }

    public static let triggeringExamples = [
        RuleExample("El OCR de su credencial es ↓3136127785553, verifícalo.", kind: kind, severity: .error),
        RuleExample("Número identificador al reverso: ↓0405098765432", kind: kind, severity: .error),
        RuleExample("Credencial de Marisol Partida, OCR ↓2086810962473.", kind: kind, severity: .error),
    ]

    public static let nonTriggeringExamples = [
        RuleExample("Se han entregado 1234567890123 credenciales."),
        RuleExample("Folio 3136127785553 de la credencial en trámite."),
        RuleExample("Número 3136127785553 sin palabra que lo identifique."),
    ]
}
