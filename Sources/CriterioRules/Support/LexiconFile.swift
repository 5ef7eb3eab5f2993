import CriterioCore

/// How sure a lexicon entry is that its words are a problem.
public enum LexiconConfidence: String, Sendable, CaseIterable {
    /// Unambiguous: the rule reports an error.
    case alta
    /// Depends on context: the rule asks for a CNCS consultation.
    case contexto

    var severity: Severity { self == .alta ? .error : .consult }
}

/// One line of a lexicon file. The format, shared by every lexicon in `Wordlists/data/`:
///
///     término | categoría | confianza | excepciones
///
/// - `término`: a phrase pattern (see `PhrasePattern`: `{a,b}` alternatives, `~` gender/number, `*` a word).
/// - `categoría`: one of the categories the rule declares.
/// - `confianza`: `alta` (an error) or `contexto` (a consultation with CNCS).
/// - `excepciones`: phrases, separated by `;`, in which the term is harmless. May be empty.
public struct LexiconEntry: Sendable {
    public let pattern: PhrasePattern
    public let category: String
    public let confidence: LexiconConfidence
    public let exceptions: [PhrasePattern]
    public let origin: String
    public let line: Int
}

public enum LexiconFile {
    /// Parses every entry of `lists`; the first bad line is an error naming its file and line.
    public static func entries(in lists: [Wordlist], categories: Set<String>) throws -> [LexiconEntry] {
        var entries: [LexiconEntry] = []
        for list in lists {
            for line in list.entries {
                let fields = line.text.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingSpaces }
                guard fields.count == 3 || fields.count == 4 else {
                    throw list.error("se esperaban 3 o 4 campos separados por «|» (término | categoría | confianza | excepciones)", at: line)
                }
                guard categories.contains(fields[1]) else {
                    throw list.error("categoría «\(fields[1])» desconocida; usa una de: \(categories.sorted().joined(separator: ", "))", at: line)
                }
                guard let confidence = LexiconConfidence(rawValue: fields[2]) else {
                    throw list.error("confianza «\(fields[2])» desconocida; usa «alta» o «contexto»", at: line)
                }
                do {
                    let exceptions = fields.count == 4
                        ? try fields[3].split(separator: ";").map { try PhrasePattern($0.trimmingSpaces) }
                        : []
                    entries.append(
                        LexiconEntry(
                            pattern: try PhrasePattern(fields[0]), category: fields[1], confidence: confidence,
                            exceptions: exceptions, origin: list.origin, line: line.line))
                } catch let error as PhrasePatternError {
                    throw list.error(error.message, at: line)
                }
            }
        }
        return entries
    }

    /// Phrase patterns, one per line (allow-lists of phrases that are never reported).
    public static func phrases(in lists: [Wordlist]) throws -> [PhrasePattern] {
        var phrases: [PhrasePattern] = []
        for list in lists {
            for line in list.entries {
                do {
                    phrases.append(try PhrasePattern(line.text))
                } catch {
                    throw list.error(error.message, at: line)
                }
            }
        }
        return phrases
    }

    /// A matcher for `entries` (entry numbers are their indices) and the allowed phrases.
    public static func lexicon(_ entries: [LexiconEntry], allowed: [PhrasePattern] = []) -> PhraseLexicon {
        var builder = PhraseLexicon.Builder()
        for (index, entry) in entries.enumerated() {
            builder.add(entry.pattern, entry: index)
            for exception in entry.exceptions { builder.addException(exception, for: index) }
        }
        for phrase in allowed { builder.addAllowed(phrase) }
        return builder.build()
    }
}
