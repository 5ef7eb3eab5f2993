import CriterioCore
import CriterioRegex

/// CLABE: 18 digits with the 3-7-1 check and a known ABM bank code. One in ten random digit runs
/// pass the check, so a CLABE is reported only with a banking word nearby.
public struct CLABEDetector: PersonalDataDetector {
    public static let kind = "clabe"
    public static let label = "CLABE interbancaria"
    public static let contextWords = [
        "clabe", "cuenta", "transferencia", "transfiere", "transferir", "deposito", "deposita", "depositar",
        "interbancaria", "banco",
    ]
    public static let minimumDigits = 18

    private static let pattern = try! RegexPattern(#"(?<![\d.,/])\d(?:[ -]?\d){17}(?![\d])"#)
    private let bankCodes: Set<String>

    public init(resources: PersonalDataResources) {
        bankCodes = resources.bankCodes
    }

    public func candidates(in post: AnalyzedPost, digits: DigitSummary) -> [PersonalDataCandidate] {
        var found: [PersonalDataCandidate] = []
        PersonalDataScan.matches(of: Self.pattern, in: post) { match in
            let digits = PersonalDataScan.digits(post.text.string(match.range))
            guard MexicanIdentifiers.isValidCLABE(digits) else { return }
            let knownBank = bankCodes.contains(String(digits.prefix(3)))
            found.append(
                .init(range: match.range, withoutContext: nil, withContext: knownBank ? .error : .warning,
                      detail: knownBank ? "CLABE con dígito de control válido" : "número con forma de CLABE"))
        }
        return found
    }

    public static let triggeringExamples = [
        RuleExample("Deposita a la CLABE ↓012180026050783858 para la rifa.", kind: kind, severity: .error),
        RuleExample("Cuenta interbancaria: ↓032 180 00011835971 9", kind: kind, severity: .error),
    ]

    public static let nonTriggeringExamples = [
        RuleExample("Folio del trámite: 012180026050783858."),
        RuleExample("CLABE 012180026050783859 (dígito de control equivocado)."),
    ]
}
