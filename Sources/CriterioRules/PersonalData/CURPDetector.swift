import CriterioCore
import CriterioRegex

/// CURP: 18 characters, validated for date, sex, state, RENAPO's word list and the mod-10 check digit.
public struct CURPDetector: PersonalDataDetector {
    public static let kind = "curp"
    public static let label = "CURP"
    public static let contextWords = ["curp", "clave unica", "registro de poblacion", "renapo"]
    public static let minimumDigitRun = 6
    public static let minimumDigits = 7

    /// Tried only just before a six-digit run (the birth date), anchored: four letters, an optional
    /// separator, then the date.
    private static let pattern = try! RegexPattern(
        #"(?<![\p{L}\p{N}])[A-Z]{4}[ .-]?\d{6}[ .-]?[HMX][A-Z]{5}[ .-]?[0-9A-Z]\d(?![\p{L}\p{N}])"#,
        options: [.caseInsensitive, .anchored])

    public init(resources: PersonalDataResources) {}

    public func candidates(in post: AnalyzedPost, digits: DigitSummary) -> [PersonalDataCandidate] {
        var found: [PersonalDataCandidate] = []
        PersonalDataScan.matchesBeforeDateRuns(of: Self.pattern, offsets: [4, 5], runLengths: 6...6, in: post, digits: digits) { match in
            let curp = PersonalDataScan.compact(post.text.string(match.range))
            switch MexicanIdentifiers.validateCURP(curp) {
            case .valid:
                found.append(.init(range: match.range, withoutContext: .error, withContext: .error, detail: "CURP válida"))
            case .checkDigitMismatch:
                found.append(
                    .init(range: match.range, withoutContext: .warning, withContext: .error,
                          detail: "parece una CURP (su dígito verificador no coincide)"))
            case .invalid:
                break
            }
        }
        return found
    }

    /// `GOMA••••••HDF•••0•`: the name letters, state and homonymy digit locate it; the date does not show.
    public func redact(_ text: String) -> String {
        Redaction.mask(text, keep: [0, 1, 2, 3, 10, 11, 12, 16])
    }

    public static let triggeringExamples = [
        RuleExample("Felicidades a la ganadora; su CURP es ↓HEGG560427MVZRRL04.", kind: kind, severity: .error),
        RuleExample("Datos del participante: ↓BEML920313HMCLNS09", kind: kind, severity: .error),
        RuleExample("Registro con CURP ↓hegg560427mvzrrl04 en minúsculas.", kind: kind, severity: .error),
        RuleExample("Su CURP: ↓HEGG-560427-MVZRRL-04", kind: kind, severity: .error),
        RuleExample("CURP ↓HEGG560427MVZRRL05 (con un dígito equivocado)", kind: kind, severity: .error),
        RuleExample("Clave ↓HEGG560427MVZRRL05 registrada", kind: kind, severity: .warning),
    ]

    public static let nonTriggeringExamples = [
        RuleExample("Aprobado mediante el Acuerdo INE/CG73/2017 del Consejo General."),
        RuleExample("Código de ejemplo: HEGG560427QVZRRL04 (sexo inválido)."),
        RuleExample("Estado inexistente: PEGL890909MQQRMS02."),
        RuleExample("Palabra inconveniente: BACA890909MJCRMS05."),
        RuleExample("Sigue la etiqueta #HEGG560427MVZRRL04 en redes."),
    ]
}
