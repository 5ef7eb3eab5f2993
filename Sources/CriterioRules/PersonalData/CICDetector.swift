import CriterioCore
import CriterioRegex

/// The CIC (código de identificación de la credencial, 9 digits) of an INE voting card, and the
/// card's machine-readable line (`IDMEX` + CIC + its ICAO 7-3-1 check digit + `<<` + the OCR or the
/// section and citizen identifier). The line is unmistakable; a bare CIC needs a word naming it.
public struct CICDetector: PersonalDataDetector {
    public static let kind = "ocr-cic"
    public static let label = "CIC o zona de lectura mecánica de la credencial para votar"
    public static let contextWords = [
        "cic", "codigo de identificacion", "codigo de identificacion de la credencial", "identificador del ciudadano",
        "id ciudadano", "idmex",
    ]
    public static let minimumDigits = 9
    public static let minimumDigitRun = 9

    /// A CIC on its own: any 9 digits, named by a word near them.
    private static let bare = DigitSeries(
        pattern: #"(?<![\p{L}\d.,/$_<-])\d{9}(?![\p{L}\d/<])"#, naming: ["cic", "identificador"], showing: (2, 2)
    ) { _, _ in
        .init(withoutContext: nil, withContext: .error, detail: "CIC de la credencial")
    }
    /// Line 1 of the card's TD1 zone: `IDMEX`, the CIC and its check digit, `<<`, 13 digits.
    private static let machineReadable = try! RegexPattern(#"IDMEX(\d{9})(\d)<{1,2}\d{13}(?:<*\d?)?(?![A-Z\d<])"#)
    private static let anchors = WordSet(["cic", "codigo", "identificador", "id"])
    private let resources: PersonalDataResources

    public init(resources: PersonalDataResources) {
        self.resources = resources
    }

    public func candidates(in post: AnalyzedPost, digits: DigitSummary) -> [PersonalDataCandidate] {
        var found: [PersonalDataCandidate] = []
        if PersonalDataScan.hasMRZFiller(post) {
            post.forEachMatch(of: Self.machineReadable) { match in
                guard let cic = match.range(group: 1), let check = match.range(group: 2) else { return }
                let valid = MexicanIdentifiers.icaoCheckDigit(post.text.string(cic)) == Int(post.text.string(check))
                found.append(
                    .init(range: match.range, withoutContext: valid ? .error : .warning, withContext: .error,
                          detail: valid ? "zona de lectura mecánica de la credencial (CIC válido)" : "parece la zona de lectura mecánica de la credencial"))
            }
        }
        guard Self.anchors.appears(in: post) else { return found }
        return found + Self.bare.candidates(in: post, resources: resources, excluding: found)
    }

    public static let triggeringExamples = [
        RuleExample("Reverso de la credencial: ↓IDMEX2559692949<<3136127785553", kind: kind, severity: .error),
        RuleExample("↓IDMEX2559692949<<3136127785553", kind: kind, severity: .error),
        RuleExample("↓IDMEX2559692940<<3136127785553", kind: kind, severity: .warning),
        RuleExample("Su CIC es ↓255969294 y ya puede consultarlo.", kind: kind, severity: .error),
    ]

    public static let nonTriggeringExamples = [
        RuleExample("Se recibieron 255969294 pesos del CIC."),
        RuleExample("Número 255969294 sin palabra que lo identifique."),
        RuleExample("Código de la sesión: acuerdo 255969294."),
    ]
}
