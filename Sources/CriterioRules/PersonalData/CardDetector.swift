import CriterioCore
import CriterioRegex

/// Payment card numbers: 12–19 digits that pass Luhn and carry a card brand's prefix and length.
/// The usual 15- and 16-digit cards are errors on their own; other lengths (which folios and
/// INE's 13-digit OCR share) need a card word nearby to be more than a warning.
public struct CardDetector: PersonalDataDetector {
    public static let kind = "tarjeta"
    public static let label = "número de tarjeta"
    public static let contextWords = [
        "tarjeta", "tarjetas", "credito", "debito", "visa", "mastercard", "amex", "american express", "cvv", "cvc",
        "vencimiento", "tdc", "tdd", "plastico", "carnet", "maestro",
    ]
    public static let minimumDigits = 12

    private static let pattern = try! RegexPattern(#"(?<![\p{L}\d.,/$_-])[1-9](?:[ .-]?\d){11,18}(?![\p{L}\d/])"#)
    /// Words that name this data: a label word before them belongs to something else.
    private static let naming = WordSet(["tarjeta", "visa", "mastercard", "amex", "credito", "debito"])
    private let resources: PersonalDataResources

    public init(resources: PersonalDataResources) {
        self.resources = resources
    }

    public func candidates(in post: AnalyzedPost, digits: DigitSummary) -> [PersonalDataCandidate] {
        var found: [PersonalDataCandidate] = []
        PersonalDataScan.matches(of: Self.pattern, in: post) { match in
            let digits = PersonalDataScan.digits(post.text.string(match.range))
            guard MexicanIdentifiers.luhn(digits),
                !PersonalDataScan.isInstitutionalNumber(match.range, in: post, resources: resources, namedBy: Self.naming)
            else { return }
            guard let brand = MexicanIdentifiers.cardBrand(digits) else {
                guard digits.count >= 13 else { return }
                // Luhn without a known brand prefix (a domestic or unlisted range): only next to a card word.
                found.append(.init(range: match.range, withoutContext: nil, withContext: .warning, detail: "número con forma de tarjeta"))
                return
            }
            let usual = digits.count == 15 || digits.count == 16
            found.append(.init(range: match.range, withoutContext: usual ? .error : .warning, withContext: .error, detail: "tarjeta \(brand)"))
        }
        return found
    }

    /// `4••• •••• •••• 1111`: the brand digit and the last four, as receipts print them.
    public func redact(_ text: String) -> String {
        let count = text.filter(\.isNumber).count
        return Redaction.mask(text, keep: [0, count - 4, count - 3, count - 2, count - 1])
    }

    public static let triggeringExamples = [
        RuleExample("Paga con la tarjeta ↓4111 1111 1111 1111 y listo.", kind: kind, severity: .error),
        RuleExample("Número ↓5555555555554444", kind: kind, severity: .error),
        RuleExample("Mastercard serie 2: ↓2223-0000-4841-0010", kind: kind, severity: .error),
        RuleExample("Amex ↓378282246310005", kind: kind, severity: .error),
        RuleExample("Tarjeta ↓5555.5555.5555.4444 con puntos.", kind: kind, severity: .error),
        RuleExample("Débito Visa de 13 dígitos: ↓4222222222222", kind: kind, severity: .error),
        RuleExample("Cuenta ↓4222222222222 registrada.", kind: kind, severity: .warning),
        RuleExample("Tarjeta de la tienda ↓3503 4805 0355 0766, sin marca conocida.", kind: kind, severity: .warning),
    ]

    public static let nonTriggeringExamples = [
        RuleExample("Folio 4111 1111 1111 1112 del expediente."),
        RuleExample("Folio 4111 1111 1111 1111 del expediente."),
        RuleExample("Participaron 1,234,567,890,123 votos."),
        RuleExample("Monto ejercido: $4111111111111111."),
        RuleExample("Número 3503480503550766 sin marca conocida ni contexto."),
    ]
}
