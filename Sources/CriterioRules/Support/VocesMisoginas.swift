import CriterioCore

/// The CentroGeo list of Mexican misogynistic expressions (`voces-misoginas.re`, CC BY-ND 4.0),
/// read as shipped: a regular expression of alternatives `\bexpresión\b|\b…`, one per line, where
/// `.` stands for an accented letter ("m.s" is "más").
///
/// The licence allows no modified copy, so the file stays as published and this reader picks from
/// it at load time: only the expressions of several words, which name a misogynistic use on their
/// own ("calladita te ves más bonita"). Its single words are ordinary words ("bicicleta",
/// "vieja", "cola") and, measured on OffendES, put the false-positive rate over the target.
enum VocesMisoginas {
    static let listName = "discurso-odio/voces_misoginas_mx/voces-misoginas.re"

    /// `discurso-odio`'s option `voces_misoginas`: the list's multi-word expressions as
    /// consultations, except those the rule's own lexicon already reports (which keep its category
    /// and confidence).
    static let supplement = LexiconSupplement(
        option: RuleOption(
            "voces_misoginas", default: .bool(false),
            "Añade como consulta las expresiones de varias palabras de la lista de voces misóginas del CentroGeo."),
        list: listName
    ) { lists, own, allowed in
        let ownLexicon = LexiconFile.lexicon(own, allowed: allowed)
        let union = LexiconUnion([ownLexicon])
        return try entries(in: lists) { expression in
            let post = AnalyzedPost(Draft(path: "", text: plainText(expression)))
            post.mark(union)
            return ownLexicon.matches(in: post).isEmpty
        }
    }

    /// The multi-word expressions of the lists, as lexicon entries of the `genero` category that ask
    /// for a consultation; only those for which `include` (given the expression) is true.
    static func entries(in lists: [Wordlist], including include: (String) -> Bool = { _ in true }) throws -> [LexiconEntry] {
        var entries: [LexiconEntry] = []
        var seen = Set<String>()
        for list in lists {
            for line in list.entries {
                for expression in expressions(in: line.text) where expression.contains(" ") && seen.insert(expression).inserted && include(expression) {
                    do {
                        entries.append(
                            LexiconEntry(
                                pattern: try PhrasePattern(pattern(for: expression)), category: "genero", confidence: .contexto,
                                exceptions: [], origin: list.origin, line: line.line))
                    } catch {
                        throw list.error("«\(expression)»: \(error.message)", at: line)
                    }
                }
            }
        }
        return entries
    }

    /// The alternatives on one line of the regular expression, without `\b` and `|`.
    static func expressions(in line: String) -> [String] {
        line.replacing("\\b", with: "|").split(separator: "|").map { $0.trimmingSpaces }.filter { !$0.isEmpty }
    }

    /// The expression as plain text, reading each `.` as an «a» (to test it against other lexicons).
    static func plainText(_ expression: String) -> String {
        expression.replacing(".", with: "a")
    }

    /// A phrase pattern for one expression: each `.` (an accented letter) may be any vowel.
    static func pattern(for expression: String) -> String {
        expression.replacing(".", with: "{a,e,i,o,u}")
    }
}
