/// One entry of a word list written as a phrase pattern. Matching ignores case, accents and `ñ`.
///
///     palabra otra        words in sequence (hyphens count as spaces: "político-electoral")
///     {a,b,c}             alternatives, inside a word ("pendej{o,a}") or of several words
///                         ("ojalá {se mueran,los maten}"); an empty one makes a part optional: "matar{,los}",
///                         or a whole word when the group is one: "eres {un,una,} idiota"
///     pendejo~            gender and number forms: pendejo, pendeja, pendejos, pendejas
///                         (-o/-a → o a os as; -ón → ón ona ones onas; -or → or ora ores oras;
///                          -e → e es; -z → z ces; other consonants → +es)
///     *                   any one word (not first)
public struct PhrasePattern: Sendable, CustomStringConvertible {
    /// The folded forms one pattern word stands for. Every variant that uses the word shares it, so
    /// a lexicon resolves its words once, however many variants the braces produce.
    final class Forms: Sendable {
        let words: [String]
        init(_ words: [String]) { self.words = words }
    }

    enum Slot: Sendable {
        case words(Forms)
        case anyWord
    }

    /// Every word sequence the pattern stands for, after expanding its braces.
    let variants: [[Slot]]
    public let description: String

    /// More variants than this is a pattern written by mistake.
    static let maximumVariants = 4096

    /// The forms of pattern words already seen, shared by the patterns of one lexicon: a set of
    /// words used by many entries and exceptions is expanded once. Not for use by several threads.
    public final class FormsCache {
        fileprivate var forms: [Substring: Forms] = [:]
        /// Named sets (`@insulto`): the word sequences each stands for, its one-word elements
        /// sharing one slot.
        fileprivate var sets: [Substring: [[Slot]]] = [:]
        public init() {}

        /// Defines `@name` as the words and phrases of `elements` ("pendejo~", "hijo de puta").
        public func defineSet(_ name: String, as elements: [String]) throws(PhrasePatternError) {
            var single: [String] = []
            var seen = Set<String>()
            var options: [[Slot]] = []
            for element in elements {
                let words = try PhrasePattern.words(of: element)
                if words.count == 1 {
                    for form in try PhrasePattern.forms(of: String(words[0])) where seen.insert(form).inserted { single.append(form) }
                } else if !words.isEmpty {
                    var sequence: [Slot] = []
                    for word in words { sequence.append(try PhrasePattern.slot(word, cache: self)) }
                    options.append(sequence)
                }
            }
            if !single.isEmpty { options.insert([.words(Forms(single))], at: 0) }
            guard !options.isEmpty else { throw PhrasePatternError("el conjunto «@\(name)» está vacío") }
            sets[Substring(name)] = options
        }
    }

    public init(_ text: String, cache: FormsCache = FormsCache()) throws(PhrasePatternError) {
        // The pattern is a sequence of items: a word (whose braces are alternatives of that one
        // word), or a whole-word brace group of several words or with an empty alternative, which
        // stands for several word sequences. Only groups multiply the variants.
        var variants: [[Slot]] = [[]]
        for item in try Self.words(of: text) {
            var options: [[Slot]] = []
            if item.first == "@" {
                options = try Self.set(item, cache: cache)
            } else if let alternatives = try Self.groupAlternatives(item, in: text) {
                for alternative in alternatives {
                    var sequence: [Slot] = []
                    for word in try Self.words(of: String(alternative)) { sequence.append(try Self.slot(word, cache: cache)) }
                    options.append(sequence)
                }
            } else {
                options.append([try Self.slot(item, cache: cache)])
            }
            guard variants.count * options.count <= Self.maximumVariants else {
                throw PhrasePatternError("el patrón produce más de \(Self.maximumVariants) variantes")
            }
            variants = variants.flatMap { prefix in options.map { prefix + $0 } }
        }
        variants.removeAll { $0.isEmpty }
        for variant in variants {
            if case .anyWord = variant[0] { throw PhrasePatternError("un patrón no puede empezar con «*»") }
        }
        guard !variants.isEmpty else { throw PhrasePatternError("el patrón está vacío") }
        self.variants = variants
        self.description = text
    }

    /// The word sequences a set reference (`@insulto`) stands for.
    private static func set(_ item: Substring, cache: FormsCache) throws(PhrasePatternError) -> [[Slot]] {
        let name = item.dropFirst()
        guard let options = cache.sets[name] else {
            throw PhrasePatternError("el conjunto «@\(name)» no está definido (se define antes de usarse: @\(name) = a, b)")
        }
        return options
    }

    /// The slot of one pattern word: `*`, a set of single words, or the forms its braces and `~`
    /// stand for.
    fileprivate static func slot(_ word: Substring, cache: FormsCache) throws(PhrasePatternError) -> Slot {
        if word == "*" { return .anyWord }
        if word.first == "@" {
            let options = try set(word, cache: cache)
            guard options.count == 1, options[0].count == 1 else {
                throw PhrasePatternError("el conjunto «\(word)» tiene frases de varias palabras y no cabe dentro de un grupo")
            }
            return options[0][0]
        }
        if let cached = cache.forms[word] { return .words(cached) }
        var forms: [String] = []
        var seen = Set<String>()
        for expanded in try braceExpand(String(word)) where !expanded.isEmpty {
            for form in try Self.forms(of: expanded) where seen.insert(form).inserted { forms.append(form) }
        }
        guard !forms.isEmpty else { throw PhrasePatternError("«\(word)» no produce ninguna palabra") }
        let shared = Forms(forms)
        cache.forms[word] = shared
        return .words(shared)
    }

    /// The alternatives of an item that is a group of several words ("{se mueran,los maten}") or
    /// an optional word ("{un,una,}"); nil for an ordinary word. A group of several words glued to
    /// other letters is a mistake.
    private static func groupAlternatives(_ item: Substring, in text: String) throws(PhrasePatternError) -> [Substring]? {
        // Braces, commas and separators are ASCII: scan bytes.
        let utf8 = item.utf8
        guard let open = utf8.firstIndex(of: UInt8(ascii: "{")) else { return nil }
        var close = utf8.index(after: open)
        var severalWords = false
        var emptyAlternative = false
        var alternativeHasText = false
        while close < utf8.endIndex, utf8[close] != UInt8(ascii: "}") {
            switch utf8[close] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "-"): severalWords = true
            case UInt8(ascii: ","):
                if !alternativeHasText { emptyAlternative = true }
                alternativeHasText = false
            default: alternativeHasText = true
            }
            close = utf8.index(after: close)
        }
        if !alternativeHasText { emptyAlternative = true }
        let wholeWord = open == utf8.startIndex && close < utf8.endIndex && utf8.index(after: close) == utf8.endIndex
        if severalWords && !wholeWord {
            throw PhrasePatternError("«\(text)»: un grupo de varias palabras va entre espacios, sin letras pegadas ni otras llaves")
        }
        guard wholeWord, severalWords || emptyAlternative else { return nil }
        return item[utf8.index(after: open)..<close].split(separator: ",", omittingEmptySubsequences: false)
    }

    /// Every folded form a pattern word (without braces) stands for.
    static func forms(of word: String) throws(PhrasePatternError) -> [String] {
        let inflected = word.hasSuffix("~")
            ? inflect(SpanishFolding.fold(String(word.dropLast())))
            : [SpanishFolding.fold(word)]
        for form in inflected {
            if let bad = form.unicodeScalars.first(where: { !isWordScalar($0) }) {
                throw PhrasePatternError("«\(word)» contiene «\(bad)», que separa palabras y nunca coincidiría")
            }
        }
        return inflected
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "@" || scalar == "$"
    }

    /// Splits a phrase into words at spaces and hyphens outside braces.
    fileprivate static func words(of phrase: String) throws(PhrasePatternError) -> [Substring] {
        // The delimiters are ASCII, so the scan runs over bytes; every index it cuts at is a
        // character boundary.
        var words: [Substring] = []
        var depth = 0
        let utf8 = phrase.utf8
        var start = utf8.startIndex
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "{") {
                depth += 1
                if depth > 1 { throw PhrasePatternError("«\(phrase)» tiene llaves anidadas") }
            } else if byte == UInt8(ascii: "}") {
                depth -= 1
                if depth < 0 { throw PhrasePatternError("«\(phrase)» cierra una llave que no abrió") }
            } else if depth == 0 && (byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "-")) {
                if start < index { words.append(phrase[start..<index]) }
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        if depth != 0 { throw PhrasePatternError("«\(phrase)» abre una llave que no cierra") }
        if start < utf8.endIndex { words.append(phrase[start...]) }
        return words
    }

    /// Expands every `{a,b}` group of one word, left to right.
    private static func braceExpand(_ text: String) throws(PhrasePatternError) -> [String] {
        guard let open = text.firstIndex(of: "{") else {
            if text.contains("}") { throw PhrasePatternError("«\(text)» cierra una llave que no abrió") }
            return [text]
        }
        guard let close = text[open...].firstIndex(of: "}") else {
            throw PhrasePatternError("«\(text)» abre una llave que no cierra")
        }
        let prefix = text[..<open]
        let rest = try braceExpand(String(text[text.index(after: close)...]))
        var results: [String] = []
        for alternative in text[text.index(after: open)..<close].split(separator: ",", omittingEmptySubsequences: false) {
            for suffix in rest { results.append(prefix + alternative + suffix) }
        }
        return results
    }

    /// Gender and number forms of a folded Spanish noun or adjective.
    public static func inflect(_ word: String) -> [String] {
        if word.hasSuffix("o") || word.hasSuffix("a") {
            let stem = word.dropLast()
            return [stem + "o", stem + "a", stem + "os", stem + "as"]
        }
        if word.hasSuffix("on") || word.hasSuffix("or") {
            return [word, word + "a", word + "es", word + "as"]
        }
        if word.hasSuffix("e") { return [word, word + "s"] }
        if word.hasSuffix("z") { return [word, word.dropLast() + "ces"] }
        if let last = word.unicodeScalars.last, "iu".unicodeScalars.contains(last) { return [word, word + "s", word + "es"] }
        return [word, word + "es"]
    }
}

public struct PhrasePatternError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
