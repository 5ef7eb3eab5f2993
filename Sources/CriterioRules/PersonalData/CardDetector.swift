import CriterioCore

/// Payment card numbers: 12–19 digits that pass Luhn and carry a card brand's prefix and length.
/// The usual 15- and 16-digit cards are errors on their own; other lengths (which folios and
/// INE's 13-digit OCR share) need a card word nearby to be more than a warning.
public struct CardDetector: DigitSeriesDetector {
    public static let kind = "tarjeta"
    public static let label = "número de tarjeta"
    public static let contextWords = [
        "tarjeta", "tarjetas", "credito", "debito", "visa", "mastercard", "amex", "american express", "cvv", "cvc",
        "vencimiento", "tdc", "tdd", "plastico", "carnet", "maestro",
    ]
    public static let minimumDigits = 12

    /// Shown as `4••• •••• •••• 1111`: the brand digit and the last four, as receipts print them.
    public static let series = DigitSeries(
        pattern: #"(?<![\p{L}\d.,/$_-])[1-9](?:[ .-]?\d){11,18}(?![\p{L}\d/])"#,
        naming: ["tarjeta", "visa", "mastercard", "amex", "credito", "debito"], showing: (1, 4)
    ) { digits, _ in
        guard MexicanIdentifiers.luhn(digits) else { return nil }
        guard let brand = MexicanIdentifiers.cardBrand(digits) else {
            // Luhn without a known brand prefix (a domestic or unlisted range): only next to a card word.
            guard digits.count >= 13 else { return nil }
            return .init(withoutContext: nil, withContext: .warning, detail: "número con forma de tarjeta")
        }
        let usual = digits.count == 15 || digits.count == 16
        return .init(withoutContext: usual ? .error : .warning, withContext: .error, detail: "tarjeta \(brand)")
    }

    public let resources: PersonalDataResources

    public init(resources: PersonalDataResources) {
        self.resources = resources
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
