import CriterioCore

/// CLABE: 18 digits with the 3-7-1 check and a known ABM bank code. One in ten random digit runs
/// pass the check, so a CLABE is reported only with a banking word nearby.
public struct CLABEDetector: DigitSeriesDetector {
    public static let kind = "clabe"
    public static let label = "CLABE interbancaria"
    public static let contextWords = [
        "clabe", "cuenta~", "transferencia~", "transfiere", "transfieran", "transferir", "deposito~", "deposita",
        "depositar", "depositen", "depositale", "interbancaria", "banco", "bancaria", "spei", "beneficiario", "cooperacion",
        "donativo", "aportacion",
    ]
    public static let minimumDigits = 18

    /// Shown as `012•••••••••••••58`: the bank code and the last two digits.
    public static let series = DigitSeries(
        pattern: #"(?<![\p{L}\d.,/$_-])\d(?:[ .-]?\d){17}(?![\p{L}\d/])"#,
        naming: ["clabe", "interbancaria", "cuenta", "deposita", "transferencia", "transferencias"], showing: (3, 2)
    ) { digits, resources in
        guard MexicanIdentifiers.isValidCLABE(digits) else { return nil }
        let knownBank = resources.bankCodes.contains(String(digits.prefix(3)))
        return .init(
            withoutContext: nil, withContext: knownBank ? .error : .warning,
            detail: knownBank ? "CLABE con dígito de control válido" : "número con forma de CLABE")
    }

    public let resources: PersonalDataResources

    public init(resources: PersonalDataResources) {
        self.resources = resources
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
