import CriterioCore

/// How sure a lexicon entry is that its words are a problem.
public enum LexiconConfidence: String, Sendable, CaseIterable {
    /// Unambiguous: the rule reports at its own severity (an error for `discurso-odio`).
    case alta
    /// Depends on context: the rule asks for a CNCS consultation.
    case contexto

    /// The severity of a finding of an entry, for a rule whose default is `ruleDefault`.
    func severity(ruleDefault: Severity) -> Severity { self == .alta ? ruleDefault : .consult }
}

/// One line of a lexicon file. The format, shared by every lexicon in `Wordlists/data/`:
///
///     término | categoría | confianza | excepciones
///
/// - `término`: a phrase pattern (see `PhrasePattern`: `{a,b}` alternatives, `~` gender/number, `*` a word).
/// - `categoría`: one of the categories the rule declares.
/// - `confianza`: `alta` (the rule's severity) or `contexto` (a consultation with CNCS).
/// - `excepciones`: phrases, separated by `;`, in which the term is harmless. May be empty.
///
/// A lexicon may also name sets of words, once, before using them in terms and exceptions:
///
///     @insulto = pendejo~, imbécil~, idiota~
///     eres {un,una} @insulto | deshumanizacion | alta |
///
/// `@insulto` stands for `{pendejo~,imbécil~,idiota~}`. A set is known in the rest of its file and
/// in the files read after it (the lists a configuration adds).
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
        let cache = PhrasePattern.FormsCache()
        var sets = WordSets(cache: cache)
        for list in lists {
            for line in list.entries {
                if try sets.define(line.text, in: list, at: line) != nil { continue }
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
                    let (pattern, exceptions) = try Self.patterns(term: fields[0], exceptions: fields.count == 4 ? fields[3] : "", cache: cache)
                    entries.append(
                        LexiconEntry(
                            pattern: pattern, category: fields[1], confidence: confidence, exceptions: exceptions,
                            origin: list.origin, line: line.line))
                } catch {
                    throw list.error(error.message, at: line)
                }
            }
        }
        return entries
    }

    /// The patterns of an entry's term and of its exceptions (separated by `;`).
    private static func patterns(
        term: String, exceptions: String, cache: PhrasePattern.FormsCache
    ) throws(PhrasePatternError) -> (PhrasePattern, [PhrasePattern]) {
        try WordSets.check(term)
        let pattern = try PhrasePattern(term, cache: cache)
        var parsed: [PhrasePattern] = []
        for exception in exceptions.split(separator: ";") {
            let text = exception.trimmingSpaces
            try WordSets.check(text)
            parsed.append(try PhrasePattern(text, cache: cache))
        }
        return (pattern, parsed)
    }

    /// Phrase patterns, one per line (allow-lists of phrases that are never reported). Sets
    /// (`@nombre = …`) may be defined and used as in lexicons.
    public static func phrases(in lists: [Wordlist]) throws -> [PhrasePattern] {
        var phrases: [PhrasePattern] = []
        let cache = PhrasePattern.FormsCache()
        var sets = WordSets(cache: cache)
        for list in lists {
            for line in list.entries {
                if try sets.define(line.text, in: list, at: line) != nil { continue }
                do {
                    try WordSets.check(line.text)
                    phrases.append(try PhrasePattern(line.text, cache: cache))
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

/// The named word sets of a lexicon (`@insulto = pendejo~, imbécil~`). A definition line gives
/// its elements to the patterns' shared cache, where each set is resolved once; a pattern names
/// the set as a whole item (`eres {un,una} @insulto`), never inside braces. An element that is
/// another set's name brings in that set's elements (`@ofensa = @insulto, @burla`).
struct WordSets {
    let cache: PhrasePattern.FormsCache
    private var elements: [String: [String]] = [:]

    init(cache: PhrasePattern.FormsCache) { self.cache = cache }

    /// Reads a definition line; nil when the line is not one.
    mutating func define(_ text: String, in list: Wordlist, at line: Wordlist.Entry) throws -> String? {
        guard text.hasPrefix("@"), let equals = text.firstIndex(of: "="), !text.contains("|") else { return nil }
        let name = text[text.index(after: text.startIndex)..<equals].trimmingSpaces
        guard !name.isEmpty, name.unicodeScalars.allSatisfy(Self.isNameScalar) else {
            throw list.error("nombre de conjunto inválido «@\(name)»: usa letras minúsculas, dígitos y «-»", at: line)
        }
        guard elements[name] == nil else { throw list.error("el conjunto «@\(name)» ya estaba definido", at: line) }
        let items = text[text.index(after: equals)...].split(separator: ",").map { $0.trimmingSpaces }.filter { !$0.isEmpty }
        guard !items.isEmpty else { throw list.error("el conjunto «@\(name)» está vacío", at: line) }
        var collected: [String] = []
        for item in items {
            if item.hasPrefix("@"), item.dropFirst().unicodeScalars.allSatisfy(Self.isNameScalar) {
                guard let included = elements[String(item.dropFirst())] else {
                    throw list.error("el conjunto «\(item)» no está definido (se define antes de usarse)", at: line)
                }
                collected.append(contentsOf: included.filter { !collected.contains($0) })
                continue
            }
            if item.contains("{") || item.contains("}") || item.contains("@") {
                throw list.error("«\(item)»: un elemento de conjunto es una palabra o frase sin llaves ni otros conjuntos", at: line)
            }
            if !collected.contains(item) { collected.append(item) }
        }
        do {
            try cache.defineSet(name, as: collected)
        } catch {
            throw list.error(error.message, at: line)
        }
        elements[name] = collected
        return name
    }

    /// Checks that sets are used as whole items: `{b,@x}` would be read as the word «@x».
    static func check(_ text: String) throws(PhrasePatternError) {
        var previous: Character = " "
        for character in text {
            if character == "@", previous == "{" || previous == "," {
                throw PhrasePatternError("«\(text)»: un conjunto no va dentro de llaves; define uno que reúna ambos (@a = @b, @c)")
            }
            previous = character
        }
    }

    private static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-"
    }
}
