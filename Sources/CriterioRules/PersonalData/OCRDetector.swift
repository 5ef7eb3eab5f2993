import CriterioCore
import CriterioRegex

/// The 13-digit OCR number on the back of an INE voting card (models C and D; models E–H print the
/// section and the citizen identifier in its place). It has no public check digit, so it is
/// reported only next to a word that names it.
public struct OCRDetector: PersonalDataDetector {
    public static let kind = "ocr-cic"
    public static let label = "número OCR de la credencial para votar"
    public static let contextWords = [
        "ocr", "clave ocr", "numero ocr", "reverso", "numero identificador", "identificador", "credencial",
        "credencial para votar", "lista nominal", "vigencia",
    ]
    public static let minimumDigits = 13
    public static let minimumDigitRun = 13

    private static let pattern = try! RegexPattern(#"(?<![\p{L}\d.,/$_<-])\d{13}(?![\p{L}\d/<])"#)
    public static let anchorWords: [String]? = ["ocr", "reverso", "identificador", "credencial", "credenciales", "nominal", "vigencia"]
    /// Words that name this data: a label word before them belongs to something else.
    private static let naming = WordSet(["ocr", "reverso", "identificador"])
    private let resources: PersonalDataResources

    public init(resources: PersonalDataResources) {
        self.resources = resources
    }

    public func candidates(in post: AnalyzedPost, digits: DigitSummary) -> [PersonalDataCandidate] {
        var found: [PersonalDataCandidate] = []
        PersonalDataScan.matches(of: Self.pattern, in: post) { match in
            guard !PersonalDataScan.isInstitutionalNumber(match.range, in: post, resources: resources, namedBy: Self.naming) else { return }
            found.append(.init(range: match.range, withoutContext: nil, withContext: .error, detail: "número OCR de la credencial"))
        }
        return found
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
