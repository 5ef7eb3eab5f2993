import CriterioCore
import CriterioRegex

/// Dates of birth. A date alone is never personal data (posts are full of event dates): only a date
/// that follows a birth word ("nació el", "fecha de nacimiento:", "cumpleaños") is reported, when it
/// is a real calendar date with a plausible year, and not the birth of an institution ("el IFE
/// nació el 11 de octubre de 1990").
public struct BirthDateDetector: PersonalDataDetector {
    public static let kind = "fecha-nacimiento"
    public static let label = "fecha de nacimiento"
    public static let contextWords = [
        "fecha de nacimiento", "nacimiento", "naci", "nacio", "nacido", "nacida", "edad", "anos de edad", "curp",
        "acta de nacimiento",
    ]
    public static let minimumDigits = 1

    private static let months = [
        "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre",
        "diciembre",
    ]
    /// Each month's index in `months` by its folded name ("setiembre" is September too).
    private static let monthNumbers: [String: Int] = Dictionary(
        uniqueKeysWithValues: months.enumerated().map { ($1, $0) } + [("setiembre", 8)])
    /// A birth word, a few non-digit words ("el", "el pasado", ":"), then the date (group `date`).
    /// Group `birthday` is set when the cue is a birthday rather than a birth.
    private static let pattern = try! RegexPattern(
        #"(?<![\p{L}\p{N}])(?i:fecha\s+de\s+nacimiento|f\.\s?(?:de\s+)?nac\.?|nacimiento|naci[oó]|nac[ií]|nacid[oa]s?|(?<birthday>cumplea[nñ]os|cumple))(?![\p{L}])[^\d\n.;!?]{0,30}?(?<date>(?:0?[1-9]|[12]\d|3[01])\s*[/.-]\s*(?:0?[1-9]|1[0-2])\s*[/.-]\s*(?:\d{4}|\d{2})(?![\p{N}])|(?:0?[1-9]|[12]\d|3[01]|1[oº°])\s+de\s+(?i:enero|febrero|marzo|abril|mayo|junio|julio|agosto|sep?tiembre|octubre|noviembre|diciembre)(?:\s*(?:de|del|,)\s*\d{4}(?![\p{N}]))?|(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?![\p{N}]))"#)
    public static let anchorWords: [String]? = ["nacimiento", "naci", "nacio", "nacido", "nacida", "nacidos", "nacidas", "nac", "cumpleanos", "cumple"]

    /// Group numbers, looked up when the pattern is first used (static lets compile lazily, so a
    /// `criterio lint` run that never needs the pattern never compiles it).
    private static let dateGroup = pattern.groupNumber(named: "date")!
    private static let birthdayGroup = pattern.groupNumber(named: "birthday")!
    private let resources: PersonalDataResources

    public init(resources: PersonalDataResources) {
        self.resources = resources
    }

    public func candidates(in post: AnalyzedPost, digits: DigitSummary) -> [PersonalDataCandidate] {
        var found: [PersonalDataCandidate] = []
        PersonalDataScan.matches(of: Self.pattern, in: post) { match in
            guard let dateRange = match.range(group: Self.dateGroup),
                let date = Self.parse(post.text.string(dateRange)), date.isPlausibleBirth,
                !isInstitutionalSubject(before: match.range, in: post)
            else { return }
            let birthday = match.range(group: Self.birthdayGroup) != nil
            let severity: (Severity, Severity)
            switch (birthday, date.year != nil) {
            case (false, true): severity = (.error, .error)
            case (true, true): severity = (.warning, .error)
            default: severity = (.warning, .warning)
            }
            found.append(
                .init(range: dateRange, withoutContext: severity.0, withContext: severity.1,
                      detail: date.year != nil ? "fecha de nacimiento" : "día y mes de nacimiento"))
        }
        return found
    }

    /// Whether an institution is the one born: an acronym or an institutional word in the few words
    /// before the birth word, or between it and the date, that is not a person's surname.
    private func isInstitutionalSubject(before match: Range<Int>, in post: AnalyzedPost) -> Bool {
        let first = post.firstToken(endingAfter: match.lowerBound)
        var index = first - 1
        var seen = 0
        while index >= 0, seen < 5, match.lowerBound - post.tokens[index].range.upperBound <= 50 {
            let token = post.tokens[index]
            let next = index + 1 < post.tokens.count ? post.tokens[index + 1].range.lowerBound : match.lowerBound
            let gap = post.prose[token.range.upperBound..<max(token.range.upperBound, next)]
            if gap.contains(UInt8(ascii: ".")) || gap.contains(UInt8(ascii: "\n")) { break }
            if isInstitution(at: index, in: post, acronyms: true) { return true }
            seen += 1
            index -= 1
        }
        index = first
        while index < post.tokens.count, post.tokens[index].range.lowerBound < match.upperBound {
            if isInstitution(at: index, in: post, acronyms: false) { return true }
            index += 1
        }
        return false
    }

    private func isInstitution(at index: Int, in post: AnalyzedPost, acronyms: Bool) -> Bool {
        let token = post.tokens[index]
        guard token.kind == .word else { return false }
        let institutional = (acronyms && token.isAllUppercase && token.letters >= 2 && token.letters <= 8 && token.letters == Int32(token.length))
            || resources.institutionalSubjects.contains(token)
        return institutional && !PersonalDataScan.isPartOfName(at: index, in: post)
    }

    struct BirthDate {
        var day: Int
        var month: Int
        var year: Int?

        var isPlausibleBirth: Bool {
            guard (1...12).contains(month), day >= 1 else { return false }
            if let year, year >= 100, !(1900...2030).contains(year) { return false }
            let fullYear = year.map { $0 < 100 ? 2000 + $0 : $0 } ?? 2000
            let leap = (fullYear % 4 == 0 && fullYear % 100 != 0) || fullYear % 400 == 0
            let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            return day <= days[month - 1]
        }
    }

    /// Day, month and year of "27/04/1956", "27-4-56", "27 de abril de 1956", "1o de mayo", "1956-04-27".
    static func parse(_ text: String) -> BirthDate? {
        let lowered = SpanishFolding.fold(text)
        let numbers = lowered.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        // The month is a word of its own (the pattern matched it as one): looked up, not searched for.
        if let monthIndex = lowered.split(whereSeparator: { !$0.isLetter }).lazy.compactMap({ monthNumbers[String($0)] }).first {
            guard let day = numbers.first else { return nil }
            return BirthDate(day: day, month: monthIndex + 1, year: numbers.count > 1 ? numbers.last : nil)
        }
        guard numbers.count == 3 else { return nil }
        if numbers[0] >= 1900 { return BirthDate(day: numbers[2], month: numbers[1], year: numbers[0]) }
        return BirthDate(day: numbers[0], month: numbers[1], year: numbers[2])
    }

    /// `2•/••/••56`: the first digit and the last two.
    public func redact(_ text: String) -> String {
        let count = text.filter { $0.isLetter || $0.isNumber }.count
        return Redaction.mask(text, keep: [0, count - 2, count - 1])
    }

    public static let triggeringExamples = [
        RuleExample("Nuestra compañera Ana nació el ↓27 de abril de 1956 en Xalapa.", kind: kind, severity: .error),
        RuleExample("Fecha de nacimiento: ↓27/04/1956", kind: kind, severity: .error),
        RuleExample("Nací el ↓3-5-90 y voto desde los 18.", kind: kind, severity: .error),
        RuleExample("F. nac. ↓1990-12-31", kind: kind, severity: .error),
        RuleExample("Su cumpleaños es el ↓12 de marzo, felicítenla.", kind: kind, severity: .warning),
        RuleExample("Hoy es mi cumpleaños, ↓12 de marzo de 1990, y nací en Puebla.", kind: kind, severity: .error),
        RuleExample("María Consejo nació el ↓3 de mayo de 1980 en Puebla.", kind: kind, severity: .error),
        RuleExample("JUAN LOPEZ nació el ↓5 de mayo de 1975.", kind: kind, severity: .error),
    ]

    public static let nonTriggeringExamples = [
        RuleExample("La jornada electoral será el 2 de junio de 2024."),
        RuleExample("El IFE nació el 11 de octubre de 1990 y el INE el 4 de abril de 2014."),
        RuleExample("Hace 34 años nació el Instituto Federal Electoral, el 11 de octubre de 1990."),
        RuleExample("La credencial para votar con fotografía nació el 3 de julio de 1992."),
        RuleExample("El Consejo General del IFE nació el 11 de octubre de 1990."),
        RuleExample("Natalicio de Benito Juárez: nació el 21 de marzo de 1806."),
        RuleExample("Fecha de nacimiento: 31/02/1990 (fecha imposible)."),
    ]
}
