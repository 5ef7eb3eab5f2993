import CriterioCore
import CriterioRegex

/// Mexican phone numbers: 10 digits (2- or 3-digit area code), optionally with `+52` and the old
/// mobile `1`. INE's published lines are allow-listed.
public struct PhoneDetector: PersonalDataDetector {
    public static let kind = "telefono"
    public static let label = "número de teléfono"
    public static let contextWords = [
        "tel", "telefono", "tels", "cel", "celular", "whatsapp", "whats", "wa", "llamame", "llamar", "llama", "marcame",
        "marca", "numero", "contacto", "comunicate",
    ]
    public static let minimumDigits = 10

    private static let pattern = try! RegexPattern(
        #"(?<![\d+$])(?:\+?52[ .-]?(?:1[ .-]?)?)?(?:\(\s?[2-9]\d{1,2}\s?\)|[2-9]\d{1,2})[ .-]?\d{3,4}[ .-]?\d{4}(?!\d)"#)
    /// Hashes of the allow-listed numbers' ten digits.
    private let institutional: HashSet64

    public init(resources: PersonalDataResources) {
        institutional = HashSet64(resources.institutionalPhones.map { FoldedHash.hash($0.utf8) })
    }

    public func candidates(in post: AnalyzedPost, digits: DigitSummary) -> [PersonalDataCandidate] {
        var found: [PersonalDataCandidate] = []
        PersonalDataScan.matches(of: Self.pattern, in: post) { match in
            var digits = ArraySlice(post.text.bytes[match.range].filter { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
            if digits.count == 12, digits.starts(with: [UInt8(ascii: "5"), UInt8(ascii: "2")]) { digits = digits.dropFirst(2) }
            if digits.count == 11, digits.first == UInt8(ascii: "1") { digits = digits.dropFirst() }
            guard digits.count == 10, let first = digits.first, first >= UInt8(ascii: "2"),
                Set(digits).count > 2, !institutional.contains(FoldedHash.hash(digits))
            else { return }
            found.append(.init(range: match.range, withoutContext: .warning, withContext: .error, detail: "número de teléfono"))
        }
        return found
    }

    public static let triggeringExamples = [
        RuleExample("Para dudas, mi celular es ↓55 1234 5678.", kind: kind, severity: .error),
        RuleExample("WhatsApp: ↓+52 33 1234 5678", kind: kind, severity: .error),
        RuleExample("Llámame al ↓(81) 1234-5678", kind: kind, severity: .error),
        RuleExample("Informes con Juan ↓999 123 4567", kind: kind, severity: .warning),
    ]

    public static let nonTriggeringExamples = [
        RuleExample("Llama a INETEL al 800 433 2000 para resolver tus dudas."),
        RuleExample("Se emitieron 98,765,432 votos."),
        RuleExample("Presupuesto de $5 123 4567 pesos."),
        RuleExample("La jornada será el 2 de junio de 2024."),
    ]
}
