import CriterioCore
import CriterioRegex

/// A number written as a series of digits (CLABE, card, NSS, OCR, CIC): the pattern that finds it,
/// the words that name it, how its digits are judged and how much of it a report shows. Finding one
/// is the same for all of them: a match outside hashtags and mentions → its digits → the judge →
/// not an institutional number (a folio, an amount, a count: `PersonalDataScan.isInstitutionalNumber`).
public struct DigitSeries: Sendable {
    /// What a series whose digits pass the judge is.
    public struct Verdict: Sendable {
        /// Severity with no context word near; nil: not reported without one.
        public let withoutContext: Severity?
        public let withContext: Severity?
        /// What was recognised, for the message ("CLABE con dígito de control válido").
        public let detail: String

        public init(withoutContext: Severity?, withContext: Severity?, detail: String) {
            self.withoutContext = withoutContext
            self.withContext = withContext
            self.detail = detail
        }
    }

    let pattern: RegexPattern
    /// Words that name this data: the look-back for an institutional label stops at them
    /// ("Credencial de Ana Partida, OCR 2086810962473": "Partida" is a surname, not a label).
    let naming: WordSet
    /// How many of the first and of the last digits a report shows.
    let shownFirst: Int
    let shownLast: Int
    /// The verdict on a match's digits (separators removed), or nil when they are not this data.
    let judge: @Sendable (_ digits: String, _ resources: PersonalDataResources) -> Verdict?

    public init(
        pattern: String, naming: [String], showing shown: (first: Int, last: Int),
        judge: @escaping @Sendable (_ digits: String, _ resources: PersonalDataResources) -> Verdict?
    ) {
        self.pattern = try! RegexPattern(pattern)
        self.naming = WordSet(naming)
        self.shownFirst = shown.first
        self.shownLast = shown.last
        self.judge = judge
    }

    /// Every match in the post that passes, except where `taken` already has a candidate.
    func candidates(
        in post: AnalyzedPost, resources: PersonalDataResources, excluding taken: [PersonalDataCandidate] = []
    ) -> [PersonalDataCandidate] {
        var found: [PersonalDataCandidate] = []
        PersonalDataScan.matches(of: pattern, in: post) { match in
            guard !taken.contains(where: { $0.range.overlaps(match.range) }),
                let verdict = judge(PersonalDataScan.digits(post.text.string(match.range)), resources),
                !PersonalDataScan.isInstitutionalNumber(match.range, in: post, resources: resources, namedBy: naming)
            else { return }
            found.append(
                PersonalDataCandidate(
                    range: match.range, withoutContext: verdict.withoutContext, withContext: verdict.withContext,
                    detail: verdict.detail))
        }
        return found
    }

    /// The series with only its first and last digits shown (`012•••••••••••••58`).
    func redact(_ text: String) -> String {
        let count = text.filter(\.isNumber).count
        return Redaction.mask(text, keep: Set((0..<shownFirst).map { $0 } + (0..<shownLast).map { count - 1 - $0 }))
    }
}

/// A personal-data detector that is one `DigitSeries` and nothing more: it declares the series,
/// and finding and masking come from it.
public protocol DigitSeriesDetector: PersonalDataDetector {
    static var series: DigitSeries { get }
    /// The allow-lists the series' judge and the institutional-number check read.
    var resources: PersonalDataResources { get }
}

extension DigitSeriesDetector {
    public func candidates(in post: AnalyzedPost, digits: DigitSummary) -> [PersonalDataCandidate] {
        Self.series.candidates(in: post, resources: resources)
    }

    public func redact(_ text: String) -> String { Self.series.redact(text) }
}
