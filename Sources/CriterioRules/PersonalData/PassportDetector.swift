import CriterioCore
import CriterioRegex

/// Mexican passport: a letter and eight digits (`G15997557`), reported only next to a word naming it
/// (the shape is a common folio's), and the passport's machine-readable line 2, whose document
/// number, birth date and expiry carry ICAO 7-3-1 check digits.
public struct PassportDetector: PersonalDataDetector {
    public static let kind = "pasaporte"
    public static let label = "número de pasaporte"
    public static let contextWords = ["pasaporte", "pasaportes", "passport", "numero de pasaporte", "sre", "libreta de pasaporte"]
    public static let minimumDigits = 8
    public static let minimumDigitRun = 8

    private static let bare = try! RegexPattern(#"(?<![\p{L}\p{N}/_.-])[A-Z][ -]?\d{8}(?![\p{L}\p{N}/])"#)
    /// Line 2 of a TD3 passport zone: number, check, `MEX`, birth date, check, sex, expiry, check.
    private static let machineReadable = try! RegexPattern(#"(?<![A-Z0-9<])([A-Z0-9<]{9})(\d)MEX(\d{6})(\d)[MF<](\d{6})(\d)"#)
    private static let anchors = WordSet(["pasaporte", "pasaportes", "passport", "sre"])
    /// Words that name this data: a label word before them belongs to something else.
    private static let naming = WordSet(["pasaporte", "passport"])
    private let resources: PersonalDataResources

    public init(resources: PersonalDataResources) {
        self.resources = resources
    }

    public func candidates(in post: AnalyzedPost, digits: DigitSummary) -> [PersonalDataCandidate] {
        var found: [PersonalDataCandidate] = []
        if digits.count >= 16 {
            post.forEachMatch(of: Self.machineReadable) { match in
                let fields = (1...6).compactMap { match.range(group: $0).map { post.text.string($0) } }
                guard fields.count == 6 else { return }
                let valid = MexicanIdentifiers.icaoCheckDigit(fields[0]) == Int(fields[1])
                    && MexicanIdentifiers.icaoCheckDigit(fields[2]) == Int(fields[3])
                    && MexicanIdentifiers.icaoCheckDigit(fields[4]) == Int(fields[5])
                found.append(
                    .init(range: match.range, withoutContext: valid ? .error : nil, withContext: valid ? .error : .warning,
                          detail: valid ? "zona de lectura mecánica de un pasaporte (dígitos verificadores válidos)" : "parece la zona de lectura mecánica de un pasaporte"))
            }
        }
        guard Self.anchors.appears(in: post) else { return found }
        PersonalDataScan.matches(of: Self.bare, in: post) { match in
            guard !found.contains(where: { $0.range.overlaps(match.range) }),
                !PersonalDataScan.isInstitutionalNumber(match.range, in: post, resources: resources, namedBy: Self.naming)
            else { return }
            found.append(.init(range: match.range, withoutContext: nil, withContext: .error, detail: "número de pasaporte"))
        }
        return found
    }

    /// `G1•••••57`: the letter, the first digit and the last two.
    public func redact(_ text: String) -> String {
        let count = text.filter { $0.isLetter || $0.isNumber }.count
        return Redaction.mask(text, keep: [0, 1, count - 2, count - 1])
    }

    public static let triggeringExamples = [
        RuleExample("Viaja con pasaporte ↓G15997557 y visa vigente.", kind: kind, severity: .error),
        RuleExample("Núm. de pasaporte: ↓N 28129847", kind: kind, severity: .error),
        RuleExample("↓G159975574MEX6111047M2412045<<<<<<<<<<<<<<02", kind: kind, severity: .error),
    ]

    public static let nonTriggeringExamples = [
        RuleExample("Oficio G15997557 sobre pasaportes."),
        RuleExample("Consulta el documento G15997557 en el portal."),
        RuleExample("Trae tu pasaporte vigente; el trámite del oficio INE/DERFE/12345678 sigue abierto."),
    ]
}
