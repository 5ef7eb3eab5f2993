import CriterioCore
import CriterioRegex

/// RFC of a persona física (13 characters, or 10 without homoclave) or moral (12), validated by
/// its date and SAT's word list. The mod-11 check digit raises confidence but does not decide:
/// about 1.5% of real RFCs fail it.
public struct RFCDetector: PersonalDataDetector {
    public static let kind = "rfc"
    public static let label = "RFC"
    public static let contextWords = ["rfc", "registro federal de contribuyentes", "homoclave", "sat", "factura", "facturacion"]
    public static let minimumDigitRun = 6
    public static let minimumDigits = 6

    /// Tried only just before a six-digit run (the date), anchored. `Ñ` is two bytes in UTF-8, so
    /// each is tried from a few offsets.
    private static let fisica = try! RegexPattern(
        #"(?<![\p{L}\p{N}&])[A-ZÑ&]{4}[ .-]?\d{6}(?:[ .-]?[A-Z0-9]{3})?(?![\p{L}\p{N}&])"#, options: [.anchored, .caseInsensitive])
    private static let moral = try! RegexPattern(
        #"(?<![\p{L}\p{N}&])[A-ZÑ&]{3}[ .-]?\d{6}[ .-]?[A-Z0-9]{3}(?![\p{L}\p{N}&])"#, options: [.anchored, .caseInsensitive])
    /// Generic RFCs published by SAT ("público en general", "extranjeros"): not a person.
    private static let generic: Set<String> = ["XAXX010101000", "XEXX010101000"]

    public init(resources: PersonalDataResources) {}

    public func candidates(in post: AnalyzedPost, digits: DigitSummary) -> [PersonalDataCandidate] {
        var found: [PersonalDataCandidate] = []
        for (pattern, letters) in [(Self.fisica, 4), (Self.moral, 3)] {
            let offsets = Array(letters...(letters * 2 + 1))
            PersonalDataScan.matchesBeforeDateRuns(of: pattern, offsets: offsets, runLengths: 6...9, in: post, digits: digits) { match in
                let rfc = PersonalDataScan.compact(post.text.string(match.range))
                guard !Self.generic.contains(rfc), let kind = MexicanIdentifiers.classifyRFC(rfc) else { return }
                let checked = MexicanIdentifiers.classifyRFC(rfc, strict: true) != nil
                switch (kind, rfc.count) {
                case (.fisica, 13):
                    found.append(
                        .init(range: match.range, withoutContext: checked ? .error : .warning, withContext: .error,
                              detail: checked ? "RFC de persona física con dígito verificador válido" : "RFC de persona física"))
                case (.fisica, _):
                    found.append(.init(range: match.range, withoutContext: nil, withContext: .error, detail: "RFC de persona física sin homoclave"))
                case (.moral, _):
                    found.append(.init(range: match.range, withoutContext: nil, withContext: .warning, detail: "RFC de persona moral"))
                }
            }
        }
        return found
    }

    public func redact(_ text: String) -> String {
        Redaction.mask(text, keep: [0, 1, 2, 3])
    }

    public static let triggeringExamples = [
        RuleExample("Factura a nombre de RFC ↓GODE561231GR8.", kind: kind, severity: .error),
        RuleExample("El proveedor ↓GODE561231GR8 ganó.", kind: kind, severity: .error),
        RuleExample("Su RFC es ↓VACE460910SX6 según el SAT.", kind: kind, severity: .error),
        RuleExample("Contribuyente ↓VACE460910SX6 registrado.", kind: kind, severity: .warning),
        RuleExample("RFC: ↓COMG600703", kind: kind, severity: .error),
        RuleExample("Facturar al RFC ↓MAB9307148T4 de la empresa.", kind: kind, severity: .warning),
    ]

    public static let nonTriggeringExamples = [
        RuleExample("Para facturas al público en general usa el RFC XAXX010101000."),
        RuleExample("La sesión INE240601 terminó."),
        RuleExample("La empresa MAB9307148T4 patrocina el evento."),
        RuleExample("Acuerdo INE/CG281/2016 aprobado el 27 de abril de 2016."),
    ]
}
