import CriterioCore

/// A lexicon file (`término | categoría | confianza | excepciones`) ready to match: what the
/// phrase-lexicon rules (`discurso-odio`, `cortesia`, `opinion-personal`, `deliberacion-interna`,
/// `informacion-reservada`) share. A match reports its entry's category (the finding's `kind`)
/// and severity: the rule's own for `alta`, `consult` for `contexto`.
struct CategorizedLexicon: Sendable {
    struct Entry: Sendable {
        let category: String
        let severity: Severity
    }

    struct Match: Sendable {
        let entry: Entry
        let range: Range<Int>
    }

    private let lexicon: PhraseLexicon
    private let entries: [Entry]

    /// - Parameters:
    ///   - list: the lexicon's name under `Wordlists/data/` ("cortesia/lexico").
    ///   - allowList: a list of phrases in which nothing is reported, if the rule has one.
    ///   - extra: more entries, appended after the file's (given the file's entries and allowed phrases).
    init(
        configuration: RuleConfiguration, list: String, allowList: String? = nil, categories: Set<String>,
        ruleDefault: Severity, extra: ([LexiconEntry], [PhrasePattern]) throws -> [LexiconEntry] = { _, _ in [] }
    ) throws {
        var parsed = try LexiconFile.entries(in: try configuration.wordlists.wordlists(named: list), categories: categories)
        let allowed = try allowList.map { try LexiconFile.phrases(in: try configuration.wordlists.wordlists(named: $0)) } ?? []
        parsed += try extra(parsed, allowed)
        lexicon = LexiconFile.lexicon(parsed, allowed: allowed)
        entries = parsed.map { Entry(category: $0.category, severity: $0.confidence.severity(ruleDefault: ruleDefault)) }
    }

    /// The matches in a post, overlapping ones ("es un retrasado" and "retrasado mental") merged
    /// into one over both, with the entry of the more severe.
    func matches(in post: AnalyzedPost) -> [Match] {
        let found = lexicon.matches(in: post)
        guard !found.isEmpty else { return [] }
        var result: [Match] = []
        for match in found {
            let entry = entries[match.entry]
            if let last = result.last, match.range.lowerBound < last.range.upperBound {
                let union = last.range.lowerBound..<max(last.range.upperBound, match.range.upperBound)
                result[result.count - 1] = Match(entry: entry.severity > last.entry.severity ? entry : last.entry, range: union)
            } else {
                result.append(Match(entry: entry, range: match.range))
            }
        }
        return result
    }
}
