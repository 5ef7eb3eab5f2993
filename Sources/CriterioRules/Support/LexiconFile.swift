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
        var sets = WordSets()
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
                    let term = try sets.expand(fields[0])
                    let exceptions = fields.count == 4
                        ? try fields[3].split(separator: ";").map { try PhrasePattern(try sets.expand($0.trimmingSpaces)) }
                        : []
                    entries.append(
                        LexiconEntry(
                            pattern: try PhrasePattern(term), category: fields[1], confidence: confidence,
                            exceptions: exceptions, origin: list.origin, line: line.line))
                } catch let error as PhrasePatternError {
                    throw list.error(error.message, at: line)
                }
            }
        }
        return entries
    }

    /// Phrase patterns, one per line (allow-lists of phrases that are never reported). Sets
    /// (`@nombre = …`) may be defined and used as in lexicons.
    public static func phrases(in lists: [Wordlist]) throws -> [PhrasePattern] {
        var phrases: [PhrasePattern] = []
        var sets = WordSets()
        for list in lists {
            for line in list.entries {
                if try sets.define(line.text, in: list, at: line) != nil { continue }
                do {
                    phrases.append(try PhrasePattern(try sets.expand(line.text)))
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

/// The named word sets of a lexicon (`@insulto = pendejo~, imbécil~`), and their expansion.
/// An element that is another set's name brings in that set's elements (`@ofensa = @insulto, @burla`).
struct WordSets {
    private var sets: [String: [String]] = [:]

    /// Reads a definition line; nil when the line is not one.
    mutating func define(_ text: String, in list: Wordlist, at line: Wordlist.Entry) throws -> String? {
        guard text.hasPrefix("@"), let equals = text.firstIndex(of: "="), !text.contains("|") else { return nil }
        let name = text[text.index(after: text.startIndex)..<equals].trimmingSpaces
        guard !name.isEmpty, name.unicodeScalars.allSatisfy(Self.isNameScalar) else {
            throw list.error("nombre de conjunto inválido «@\(name)»: usa letras minúsculas, dígitos y «-»", at: line)
        }
        guard sets[name] == nil else { throw list.error("el conjunto «@\(name)» ya estaba definido", at: line) }
        let items = text[text.index(after: equals)...].split(separator: ",").map { $0.trimmingSpaces }.filter { !$0.isEmpty }
        guard !items.isEmpty else { throw list.error("el conjunto «@\(name)» está vacío", at: line) }
        var elements: [String] = []
        for item in items {
            if item.hasPrefix("@"), item.dropFirst().unicodeScalars.allSatisfy(Self.isNameScalar) {
                guard let included = sets[String(item.dropFirst())] else {
                    throw list.error("el conjunto «\(item)» no está definido (se define antes de usarse)", at: line)
                }
                elements.append(contentsOf: included.filter { !elements.contains($0) })
                continue
            }
            if item.contains("{") || item.contains("}") || item.contains("@") {
                throw list.error("«\(item)»: un elemento de conjunto es una palabra o frase sin llaves ni otros conjuntos", at: line)
            }
            if !elements.contains(item) { elements.append(item) }
        }
        sets[name] = elements
        return name
    }

    /// The text with every `@nombre` that starts a word replaced by its set's alternatives.
    func expand(_ text: String) throws(PhrasePatternError) -> String {
        guard text.contains("@") else { return text }
        var result = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let previous = index == text.startIndex ? " " : text[text.index(before: index)]
            if character == "@", previous == "{" || previous == "," {
                throw PhrasePatternError("«\(text)»: un conjunto no va dentro de llaves; define uno que reúna ambos (@a = @b, @c)")
            }
            guard character == "@", " \t-".contains(previous) else {
                result.append(character)
                index = text.index(after: index)
                continue
            }
            var end = text.index(after: index)
            while end < text.endIndex, text[end].unicodeScalars.allSatisfy(Self.isNameScalar) { end = text.index(after: end) }
            let name = String(text[text.index(after: index)..<end])
            guard let set = sets[name] else {
                throw PhrasePatternError("el conjunto «@\(name)» no está definido (se define antes de usarse: @\(name) = a, b)")
            }
            result += "{" + set.joined(separator: ",") + "}"
            index = end
        }
        return result
    }

    private static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-"
    }
}
