import CriterioCore
import CriterioRegex

/// INE *clave de elector*: six letters of the name, the birth date (`YYMMDD`), the state of birth
/// (01–32), the sex and three digits. There is no public check-digit algorithm, so the date, the
/// state and the sex are validated; the shape is specific enough to be reported without context.
public struct VoterKeyDetector: PersonalDataDetector {
    public static let kind = "clave-elector"
    public static let label = "clave de elector"
    public static let contextWords = [
        "clave de elector", "clave elector", "credencial", "credencial para votar", "credencial de elector", "ine",
        "ife", "elector", "electoral",
    ]
    public static let minimumDigitRun = 6
    public static let minimumDigits = 11

    /// Tried only just before a six-to-nine-digit run (the date, maybe with the state), anchored.
    private static let pattern = try! RegexPattern(
        #"(?<![\p{L}\p{N}])[A-Z]{6}[ .-]?(\d{6})[ .-]?(\d{2})[ .-]?([HMX])[ .-]?\d{3}(?![\p{L}\p{N}])"#,
        options: [.caseInsensitive, .anchored])

    public init(resources: PersonalDataResources) {}

    public func candidates(in post: AnalyzedPost, digits: DigitSummary) -> [PersonalDataCandidate] {
        var found: [PersonalDataCandidate] = []
        PersonalDataScan.matchesBeforeDateRuns(of: Self.pattern, offsets: [6, 7], runLengths: 6...8, in: post, digits: digits) { match in
            guard let date = match.range(group: 1), let state = match.range(group: 2) else { return }
            let stateNumber = Int(post.text.string(state)) ?? 0
            guard (1...32).contains(stateNumber),
                MexicanIdentifiers.isValidDate(post.text.string(date), century: 2000)
            else { return }
            found.append(.init(range: match.range, withoutContext: .warning, withContext: .error, detail: "clave de elector"))
        }
        return found
    }

    /// `HRGR••••••••••H•00`: the name letters and the sex; the birth date and state do not show.
    public func redact(_ text: String) -> String {
        Redaction.mask(text, keep: [0, 1, 2, 3, 14, 16, 17])
    }

    public static let triggeringExamples = [
        RuleExample("Su clave de elector es ↓HRGRJN82050602H900.", kind: kind, severity: .error),
        RuleExample("Credencial con clave ↓gmlpcr91031509m400 extraviada.", kind: kind, severity: .error),
        RuleExample("Dato: ↓MRTNJS 750412 15 H 213", kind: kind, severity: .warning),
    ]

    public static let nonTriggeringExamples = [
        RuleExample("Clave de elector HRGRJN82050633H900 (entidad 33 inexistente)."),
        RuleExample("Clave de elector HRGRJN82133102H900 (fecha imposible)."),
        RuleExample("Sigue #HRGRJN82050602H900 en redes."),
        RuleExample("Acuerdo INE/CG433/2023 del Consejo General."),
    ]
}
