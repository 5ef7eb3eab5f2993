import CriterioCore

/// NSS, the IMSS social security number: 11 digits (subdelegación, year of registration, year of
/// birth, consecutive number) whose last is a Luhn check. One in ten random 11-digit runs pass Luhn,
/// so an NSS is reported only with a social-security word nearby.
public struct NSSDetector: DigitSeriesDetector {
    public static let kind = "nss"
    public static let label = "número de seguridad social (IMSS)"
    public static let contextWords = [
        "nss", "imss", "seguro social", "seguridad social", "numero de afiliacion", "afiliacion", "afiliado",
        "afiliada", "derechohabiente", "issste",
    ]
    public static let minimumDigits = 11

    /// The words without which no NSS is reported: skips the pattern on posts that cannot have one.
    public static let anchorWords: [String]? = ["nss", "imss", "seguro", "seguridad", "afiliacion", "afiliado", "afiliada", "derechohabiente", "issste"]
    /// Shown as `92•••••••31`: the subdelegación and the last two digits.
    public static let series = DigitSeries(
        pattern: #"(?<![\p{L}\d.,/$_-])\d{2}[ .-]?\d{2}[ .-]?\d{2}[ .-]?\d{4}[ .-]?\d(?![\p{L}\d/])"#,
        naming: ["nss", "imss", "social", "afiliacion"], showing: (2, 2)
    ) { digits, _ in
        guard digits.count == 11, MexicanIdentifiers.luhn(digits) else { return nil }
        return .init(withoutContext: nil, withContext: .error, detail: "NSS con dígito verificador válido")
    }

    public let resources: PersonalDataResources

    public init(resources: PersonalDataResources) {
        self.resources = resources
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
