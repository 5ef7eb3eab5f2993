import CriterioCore
import CriterioRegex

/// CLABE: 18 digits with the 3-7-1 check and a known ABM bank code. One in ten random digit runs
/// pass the check, so a CLABE is reported only with a banking word nearby.
public struct CLABEDetector: PersonalDataDetector {
    public static let kind = "clabe"
    public static let label = "CLABE interbancaria"
    public static let contextWords = [
        "clabe", "cuenta~", "transferencia~", "transfiere", "transfieran", "transferir", "deposito~", "deposita",
        "depositar", "depositen", "depositale", "interbancaria", "banco", "bancaria", "spei", "beneficiario", "cooperacion",
        "donativo", "aportacion",
    ]
    public static let minimumDigits = 18

    private static let pattern = try! RegexPattern(#"(?<![\p{L}\d.,/$_-])\d(?:[ .-]?\d){17}(?![\p{L}\d/])"#)
    /// Words that name this data: a label word before them belongs to something else.
    private static let naming = WordSet(["clabe", "interbancaria", "cuenta", "deposita", "transferencia", "transferencias"])
    private let resources: PersonalDataResources

    public init(resources: PersonalDataResources) {
        self.resources = resources
    }

    public func candidates(in post: AnalyzedPost, digits: DigitSummary) -> [PersonalDataCandidate] {
        var found: [PersonalDataCandidate] = []
        PersonalDataScan.matches(of: Self.pattern, in: post) { match in
            let digits = PersonalDataScan.digits(post.text.string(match.range))
            guard MexicanIdentifiers.isValidCLABE(digits),
                !PersonalDataScan.isInstitutionalNumber(match.range, in: post, resources: resources, namedBy: Self.naming)
            else { return }
            let knownBank = resources.bankCodes.contains(String(digits.prefix(3)))
            found.append(
                .init(range: match.range, withoutContext: nil, withContext: knownBank ? .error : .warning,
                      detail: knownBank ? "CLABE con dígito de control válido" : "número con forma de CLABE"))
        }
        return found
    }

    /// `012•••••••••••••58`: the bank code and the last two digits.
    public func redact(_ text: String) -> String {
        let count = text.filter(\.isNumber).count
        return Redaction.mask(text, keep: [0, 1, 2, count - 2, count - 1])
    }

    public static let triggeringExamples = [
        RuleExample("Deposita a la CLABE ↓012180026050783858 para la rifa.", kind: kind, severity: .error),
        RuleExample("Cuenta interbancaria: ↓032 180 00011835971 9", kind: kind, severity: .error),
        RuleExample("Transferencias a ↓0121-8002-6050-7838-58", kind: kind, severity: .error),
        RuleExample("Deposita a ↓999180026050783858, por favor.", kind: kind, severity: .warning),
    ]

    public static let nonTriggeringExamples = [
        RuleExample("Folio del trámite: 012180026050783858."),
        RuleExample("CLABE 012180026050783859 (dígito de control equivocado)."),
        RuleExample("Rendición de cuentas, folio 012180026050783858."),
        RuleExample("Sin palabra de contexto cerca: 012180026050783858."),
    ]
}
