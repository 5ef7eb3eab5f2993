import CriterioCore
import CriterioRegex

/// Payment card numbers: 12–19 digits that pass Luhn and carry a card brand's prefix and length.
public struct CardDetector: PersonalDataDetector {
    public static let kind = "tarjeta"
    public static let label = "número de tarjeta"
    public static let contextWords = [
        "tarjeta", "credito", "debito", "visa", "mastercard", "amex", "american express", "cvv", "vencimiento",
    ]
    public static let minimumDigits = 12

    private static let pattern = try! RegexPattern(#"(?<![\d.,/-])[1-9](?:[ -]?\d){11,18}(?![\d])"#)

    public init(resources: PersonalDataResources) {}

    public func candidates(in post: AnalyzedPost, digits: DigitSummary) -> [PersonalDataCandidate] {
        var found: [PersonalDataCandidate] = []
        PersonalDataScan.matches(of: Self.pattern, in: post) { match in
            let digits = PersonalDataScan.digits(post.text.string(match.range))
            guard let brand = MexicanIdentifiers.cardBrand(digits) else { return }
            found.append(.init(range: match.range, withoutContext: .error, withContext: .error, detail: "tarjeta \(brand)"))
        }
        return found
    }

    public func redact(_ text: String) -> String {
        let count = text.filter(\.isNumber).count
        return Redaction.mask(text, keep: [0, count - 4, count - 3, count - 2, count - 1])
    }

    public static let triggeringExamples = [
        RuleExample("Paga con la tarjeta ↓4111 1111 1111 1111 y listo.", kind: kind, severity: .error),
        RuleExample("Número ↓5555555555554444", kind: kind, severity: .error),
        RuleExample("Mastercard serie 2: ↓2223-0000-4841-0010", kind: kind, severity: .error),
        RuleExample("Amex ↓378282246310005", kind: kind, severity: .error),
    ]

    public static let nonTriggeringExamples = [
        RuleExample("Folio 4111 1111 1111 1112 del expediente."),
        RuleExample("Participaron 1,234,567,890,123 votos."),
    ]
}
