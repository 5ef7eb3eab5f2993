import CriterioCore
import CriterioRegex

/// NSS, the IMSS social security number: 11 digits (subdelegación, year of registration, year of
/// birth, consecutive number) whose last is a Luhn check. One in ten random 11-digit runs pass Luhn,
/// so an NSS is reported only with a social-security word nearby.
public struct NSSDetector: PersonalDataDetector {
    public static let kind = "nss"
    public static let label = "número de seguridad social (IMSS)"
    public static let contextWords = [
        "nss", "imss", "seguro social", "seguridad social", "numero de afiliacion", "afiliacion", "afiliado",
        "afiliada", "derechohabiente", "issste",
    ]
    public static let minimumDigits = 11

    private static let pattern = try! RegexPattern(
        #"(?<![\p{L}\d.,/$_-])\d{2}[ .-]?\d{2}[ .-]?\d{2}[ .-]?\d{4}[ .-]?\d(?![\p{L}\d/])"#)
    /// The words without which no NSS is reported: skips the pattern on posts that cannot have one.
    public static let anchorWords: [String]? = ["nss", "imss", "seguro", "seguridad", "afiliacion", "afiliado", "afiliada", "derechohabiente", "issste"]
    /// Words that name this data: a label word before them belongs to something else.
    private static let naming = WordSet(["nss", "imss", "social", "afiliacion"])
    private let resources: PersonalDataResources

    public init(resources: PersonalDataResources) {
        self.resources = resources
    }

    public func candidates(in post: AnalyzedPost, digits: DigitSummary) -> [PersonalDataCandidate] {
        var found: [PersonalDataCandidate] = []
        PersonalDataScan.matches(of: Self.pattern, in: post) { match in
            let digits = PersonalDataScan.digits(post.text.string(match.range))
            guard digits.count == 11, MexicanIdentifiers.luhn(digits),
                !PersonalDataScan.isInstitutionalNumber(match.range, in: post, resources: resources, namedBy: Self.naming)
            else { return }
            found.append(.init(range: match.range, withoutContext: nil, withContext: .error, detail: "NSS con dígito verificador válido"))
        }
        return found
    }

    /// `92•••••••31`: the subdelegación and the last two digits.
    public func redact(_ text: String) -> String {
        let count = text.filter(\.isNumber).count
        return Redaction.mask(text, keep: [0, 1, count - 2, count - 1])
    }

    public static let triggeringExamples = [
        RuleExample("Su NSS es ↓92919084431, pasa a la clínica.", kind: kind, severity: .error),
        RuleExample("Número de seguridad social: ↓92-91-90-8443-1", kind: kind, severity: .error),
        RuleExample("Afiliación al IMSS ↓56 05 03 5540 5 de la trabajadora.", kind: kind, severity: .error),
        RuleExample("NSS: ↓56.05.03.5540.5", kind: kind, severity: .error),
    ]

    public static let nonTriggeringExamples = [
        RuleExample("NSS 92919084432 (dígito verificador equivocado)."),
        RuleExample("El folio 92919084431 quedó registrado."),
        RuleExample("El IMSS atendió a 92919084431 personas."),
        RuleExample("Número de registro 92919084431 sin palabra de seguridad social."),
    ]
}
