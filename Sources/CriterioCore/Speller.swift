/// A spelling dictionary: what the `ortografia` rule asks about single words. The core never reads
/// a dictionary itself; a `SpellerSource` (Hunspell, in `CriterioSpelling`) hands one to the rule
/// through its `RuleConfiguration`, as word lists are handed over by a `WordlistSource`.
///
/// Implementations are shared by every thread that lints, so they must be safe to call at once.
public protocol Speller: Sendable {
    /// Whether the dictionary accepts `word` as written (case and accents matter: "votacion" is
    /// not "votación").
    func isCorrect(_ word: String) -> Bool
    /// The dictionary's corrections for `word`, best first (may be empty, may hold several words:
    /// "sin embargo" for "sinembargo").
    func suggestions(for word: String) -> [String]
}

/// Where rules get their spellers from.
public protocol SpellerSource: Sendable {
    /// The speller of `language` ("es_MX") that also accepts `words` (a rule's own vocabulary, so
    /// that its suggestions can name them). Throws a `RuleConfigurationError` in Spanish that names
    /// what to install when the dictionary is missing.
    func speller(for language: String, adding words: [String]) throws -> any Speller
}
