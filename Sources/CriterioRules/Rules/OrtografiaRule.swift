import CriterioCore

/// Criterion 6.xxv: whoever writes content takes care of grammar, syntax and spelling.
///
/// Each word of the prose is looked up in a Hunspell dictionary (Debian's `hunspell-es`, handed to
/// the rule as a `Speller`) and in the institutional vocabulary of `Wordlists/`; the verdict on
/// each word is kept, so a word is judged once however many posts repeat it.
public struct OrtografiaRule: Rule {
    public static let description = RuleDescription(
        id: "ortografia",
        name: "Ortografía",
        criteria: [.xxv],
        defaultSeverity: .warning,
        summary: "Palabras mal escritas, según el diccionario de Hunspell y el vocabulario institucional.",
        rationale: """
            Cada palabra se busca en el diccionario de español de Hunspell (paquete hunspell-es de \
            Debian, es_MX; la opción «diccionario» elige otro) y en el vocabulario institucional y \
            mexicano de Wordlists/data/ortografia/ (términos electorales, órganos, programas, estados y \
            municipios, redes sociales), que la configuración puede ampliar. Se aceptan las palabras \
            formadas con los prefijos ex-, pre-, pos-, post-, re-, anti-, auto-, des- y sub- sobre una \
            palabra conocida («exgobernador», «precampaña») y los imperativos con pronombre («consúltala», \
            «descárgalo»). No se revisan los nombres propios dentro de una oración (palabras con \
            mayúscula inicial que no empiezan la oración), las siglas, los hashtags, las menciones, los \
            enlaces, los correos, los números, el código ni los comentarios. Si la corrección es una sola y \
            clara (una tilde: «votacion» → «votación»; una letra que suena igual: «credensial» → \
            «credencial»; palabras unidas; o una forma de Wordlists/data/ortografia/correcciones.txt, \
            como «haiga» → «haya»), --fix la aplica; si no, el mensaje da hasta tres sugerencias. Solo las \
            primeras cinco palabras distintas mal escritas de una publicación reciben las sugerencias de \
            Hunspell, que tarda hasta una décima de segundo en cada una; las demás se señalan igual, sin \
            sugerencias (las formas de correcciones.txt se corrigen siempre). Una \
            palabra correcta que el diccionario no trae se agrega en .criterio.yml (wordlists: \
            {ortografia/vocabulario: {entries: [...]}}). Medido con scripts/eval-ortografia.
            """,
        options: [
            RuleOption("diccionario", default: .string("es_MX"), "Diccionario de Hunspell (nombre de sus archivos .aff y .dic).")
        ],
        kinds: [
            RuleKind("tilde", "falta o sobra una tilde"),
            RuleKind("mayuscula", "nombre propio escrito con minúscula"),
            RuleKind("palabra", "palabra que no está en el diccionario"),
        ],
        wordlists: [vocabularyList, placesList, correctionsList],
        skips: [.code, .links],
        triggeringExamples: [
            RuleExample("La ↓votacion será el domingo.", kind: "tilde", fixed: "La votación será el domingo."),
            RuleExample("Tramita tu ↓credensial en el módulo.", kind: "palabra", fixed: "Tramita tu credencial en el módulo."),
            RuleExample("↓Informacion sobre la jornada electoral.", kind: "tilde", fixed: "Información sobre la jornada electoral."),
            RuleExample("Es importante que ↓haiga paz en la jornada.", kind: "palabra", fixed: "Es importante que haya paz en la jornada."),
            RuleExample("Hubo filas; ↓sinembargo, todas las casillas abrieron.", fixed: "Hubo filas; sin embargo, todas las casillas abrieron."),
            RuleExample("Las casillas se instalan en ↓lugarez públicos.", kind: "palabra"),
            RuleExample("La junta de ↓oaxaca informa.", kind: "mayuscula", fixed: "La junta de Oaxaca informa."),
            RuleExample("Los ↓resultadso preliminares se publican a las 20:00 horas.", kind: "palabra"),
        ],
        nonTriggeringExamples: [
            RuleExample("La votación será el domingo en todo el país."),
            RuleExample("Arrancan las precampañas; el exgobernador y la exdiputada se registraron en la sesión postelectoral."),
            RuleExample("El desabasto de combustible por el huachicol en los ductos no afecta la distritación."),
            RuleExample("Consúltala en la página y descárgala en tu teléfono."),
            RuleExample("Conoce a Xóchitl Gálvez y a Lorenzo Córdova en el debate de INETEL y el PREP."),
            RuleExample("Síguenos en #VotacionLibre y @INEMexico, o escribe a contacto.ciudadano@ine.mx."),
            RuleExample("Consulta https://www.ine.mx/credencializacion y el código `votacion_total`."),
            RuleExample("Tlaquepaque, Zapopan y Ecatepec instalarán más casillas; la numeral xxv lo pide."),
            RuleExample("Más de 12,345 personas votaron en la 2a. vuelta."),
        ])

    static let vocabularyList = "ortografia/vocabulario"
    static let placesList = "ortografia/lugares"
    static let correctionsList = "ortografia/correcciones"

    private let speller: any Speller
    /// The words of the vocabulary and place lists, as written ("huachicol", "Oaxaca").
    private let vocabulary: Set<String>
    /// Wrong form (lower case) → its correction.
    private let corrections: [String: String]
    private let verdicts = SpellingVerdicts()

    public init(configuration: RuleConfiguration) throws {
        guard let spellers = configuration.spellers else {
            throw RuleConfigurationError("esta instalación de Criterio no tiene diccionarios de Hunspell; desactiva la regla o usa el programa criterio")
        }
        var vocabulary = Set<String>()
        for name in [Self.vocabularyList, Self.placesList] {
            for list in try configuration.wordlists.wordlists(named: name) {
                for entry in list.entries {
                    do {
                        for line in try PhrasePattern.alternatives(of: entry.text) {
                            for word in line.split(whereSeparator: { $0 == " " || $0 == "-" }) {
                                vocabulary.insert(String(word))
                            }
                        }
                    } catch {
                        throw list.error(error.message, at: entry)
                    }
                }
            }
        }
        var corrections: [String: String] = [:]
        for list in try configuration.wordlists.wordlists(named: Self.correctionsList) {
            for entry in list.entries {
                let fields = entry.text.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingSpaces }
                guard fields.count == 2, !fields[0].isEmpty, !fields[1].isEmpty, !fields[0].contains(" ") else {
                    throw list.error("se esperaba «forma incorrecta | corrección», con una sola palabra incorrecta", at: entry)
                }
                corrections[fields[0].lowercased()] = fields[1]
            }
        }
        self.vocabulary = vocabulary
        self.corrections = corrections
        speller = try spellers.speller(for: configuration.options.string("diccionario"), adding: vocabulary.sorted())
    }

    public func check(_ post: AnalyzedPost) -> [Finding] {
        let tokens = post.tokens
        // Most words are known and were judged before: one pass hashes the candidates, one lock
        // looks them all up, and only the words found wrong get their context checked.
        return withUnsafeTemporaryAllocation(of: (index: Int, key: UInt64, verdict: SpellingVerdicts.Verdict).self, capacity: tokens.count) {
            buffer in
            var count = 0
            post.text.bytes.withUnsafeBufferPointer { bytes in
                for index in tokens.indices where Self.mayBeChecked(tokens[index]) {
                    var hash = FoldedHash.seed
                    for position in tokens[index].range { hash = FoldedHash.combine(hash, bytes[position]) }
                    buffer[count] = (index, hash, .unknown)
                    count += 1
                }
            }
            let candidates = UnsafeMutableBufferPointer(rebasing: buffer[..<count])
            verdicts.lookUp(candidates)
            var findings: [Finding] = []
            // The wrong words given Hunspell's suggestions so far (by their hash).
            var suggested: Set<UInt64> = []
            for candidate in candidates {
                let token = tokens[candidate.index]
                var verdict = candidate.verdict
                if verdict == .unknown {
                    verdict = isCorrect(post.string(token)) ? .correct : .misspelled
                    verdicts.record(candidate.key, verdict)
                }
                guard verdict == .misspelled, isChecked(token, at: candidate.index, in: post) else { continue }
                let problem: Misspelling
                if suggested.count < Self.suggestedPerPost || suggested.contains(candidate.key) {
                    suggested.insert(candidate.key)
                    problem = verdicts.misspelling(for: candidate.key) { misspelling(of: post.string(token)) }
                } else {
                    problem = misspelling(of: post.string(token), suggesting: false)
                }
                findings.append(finding(in: post, range: token.range, message: problem.message, kind: problem.kind, fix: problem.fix))
            }
            return findings
        }
    }

    // MARK: Which words are checked

    /// What the token alone says: words of two or more letters, not in capitals, without capitals
    /// inside ("YouTube"), digits or leetspeak, and not elongated ("siiiii" is the `spam` rule's;
    /// three letters in a row are never Spanish).
    private static func mayBeChecked(_ token: Token) -> Bool {
        token.kind == .word && token.letters >= 2 && !token.hasLeetCharacters && token.uppercase <= 1 && token.longestRun < 3
    }

    /// What the context says of a word the dictionary rejects: it is a mistake when it is in lower
    /// case, or capitalised at the start of a sentence, and not part of an e-mail address, a path, a
    /// file name or code.
    private func isChecked(_ token: Token, at index: Int, in post: AnalyzedPost) -> Bool {
        if token.uppercase > 0 {
            // A capital that does not start a sentence is a proper name's; a sentence that opens
            // with a name ("Lorenzo Córdova presentó…") has another capitalised word right after.
            guard Self.startsWithCapital(token, in: post), post.startsSentence(at: token.range.lowerBound) else { return false }
            if index + 1 < post.tokens.count {
                let next = post.tokens[index + 1]
                if next.kind == .word, next.uppercase > 0, Self.startsWithCapital(next, in: post),
                    post.onlySpaces(between: token.range.upperBound, and: next.range.lowerBound)
                {
                    return false
                }
            }
        }
        return !Self.isInsideIdentifier(token.range, in: post)
    }

    private static func startsWithCapital(_ token: Token, in post: AnalyzedPost) -> Bool {
        let first = post.text.bytes[token.range.lowerBound]
        if first < 0x80 { return first >= UInt8(ascii: "A") && first <= UInt8(ascii: "Z") }
        guard let character = post.text.string(token.range).first else { return false }
        return character.isUppercase
    }

    /// Whether the run of text around `range` (up to the spaces on either side) is an e-mail
    /// address, a path, a file name or code rather than words: it has `@ / \ _ = < > { } | ~ ^ `
    /// in it, or a `.` or an apostrophe between two letters ("acta.pdf", "O'Higgins").
    private static func isInsideIdentifier(_ range: Range<Int>, in post: AnalyzedPost) -> Bool {
        let prose = post.prose
        var start = range.lowerBound
        while start > 0, !isSpace(prose[start - 1]) { start -= 1 }
        var end = range.upperBound
        while end < prose.count, !isSpace(prose[end]) { end += 1 }
        for index in start..<end {
            switch prose[index] {
            case UInt8(ascii: "@"), UInt8(ascii: "/"), UInt8(ascii: "\\"), UInt8(ascii: "_"), UInt8(ascii: "="), UInt8(ascii: "<"),
                UInt8(ascii: ">"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "|"), UInt8(ascii: "~"), UInt8(ascii: "^"),
                UInt8(ascii: "`"):
                return true
            case UInt8(ascii: "."), UInt8(ascii: "'"):
                if index > start, index + 1 < end, isLetter(prose[index - 1]), isLetter(prose[index + 1]) { return true }
            default:
                break
            }
        }
        return false
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }

    /// ASCII letters and the bytes of non-ASCII characters (accented letters).
    private static func isLetter(_ byte: UInt8) -> Bool {
        byte >= 0x80 || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
    }

    // MARK: Judging a word

    /// Prefixes that form new words over a known one, longest first where one includes another.
    static let prefixes = ["anti", "auto", "post", "pos", "pre", "des", "sub", "ex", "re"]
    /// Pronouns attached to a verb ("consúltala", "dándoselo"), longest first.
    static let enclitics = [
        "selos", "selas", "melos", "melas", "noslos", "noslas", "noslo", "nosla", "telos", "telas", "selo", "sela", "melo",
        "mela", "telo", "tela", "los", "las", "les", "nos", "lo", "la", "le", "me", "te", "se",
    ]

    /// Whether a word as written is correct: in the vocabulary or the dictionary (capitalised
    /// at the start of a sentence or not), formed from a known word, or a lower-case Roman numeral;
    /// never when it is a known wrong form («haiga»).
    func isCorrect(_ word: String) -> Bool {
        let lower = word.lowercased()
        if corrections[lower] != nil { return false }
        return isKnown(word) || (word != lower && isKnown(lower)) || isDerived(lower) || (word == lower && RomanNumeral.isNumeral(lower))
    }

    /// How many different wrong words of one post get Hunspell's suggestions. Hunspell takes from 10
    /// to 150 ms of processor time to suggest for one word not in the dictionary (more the longer the
    /// word), so a post of a thousand invented words took a minute; the later wrong words of a post
    /// are reported without suggestions, always the same whatever was linted before.
    public static let suggestedPerPost = 5

    /// What the finding on a wrong word says: its suggestions and, when there is a single clear one,
    /// its fix. Without `suggesting`, only a form of the corrections list: Hunspell is not asked.
    func misspelling(of word: String, suggesting: Bool = true) -> Misspelling {
        if let correction = corrections[word.lowercased()] {
            return Misspelling(word: word, suggestions: [correction], fix: Self.matchCase(correction, of: word), kind: "palabra")
        }
        guard suggesting else { return Misspelling(word: word, suggestions: [], fix: nil, kind: "palabra") }
        let suggestions = Array(speller.suggestions(for: word).filter { $0 != word }.prefix(8))
        let fix = Self.clearCorrection(of: word, among: suggestions).map { Self.matchCase($0, of: word) }
        return Misspelling(
            word: word, suggestions: Array(suggestions.prefix(3)), fix: fix, kind: fix.map { Self.kind(of: $0, for: word) } ?? "palabra")
    }

    private func isKnown(_ word: String) -> Bool {
        vocabulary.contains(word) || speller.isCorrect(word)
    }

    /// A known word with a productive prefix ("exgobernador", "antirreelección") or with pronouns
    /// attached ("descárgala": the imperative «descarga» takes an accent with them).
    private func isDerived(_ lower: String) -> Bool {
        for prefix in Self.prefixes where lower.hasPrefix(prefix) {
            let rest = String(lower.dropFirst(prefix.count))
            guard rest.count >= 4 else { continue }
            if isKnown(rest) { return true }
            if rest.hasPrefix("rr"), isKnown(String(rest.dropFirst())) { return true }
        }
        for enclitic in Self.enclitics where lower.hasSuffix(enclitic) {
            let stem = String(lower.dropLast(enclitic.count))
            guard stem.count >= 3 else { continue }
            let plain = Self.removingAccents(stem)
            if plain != stem, Self.accentCount(stem) == 1, isKnown(plain) { return true }
            if plain == stem, stem.hasSuffix("r"), isKnown(stem) { return true }
        }
        return false
    }

    // MARK: Suggestions and fixes

    /// The one suggestion that is clearly meant: the only one that differs from the word by accents
    /// or capitals, the best one when it splits words written together ("sin embargo"), or the only
    /// one that differs by letters that sound the same (s, c, z; b, v; ll, y; a silent h; g, j). Nil
    /// when there is none or more than one.
    static func clearCorrection(of word: String, among suggestions: [String]) -> String? {
        let folded = SpanishFolding.fold(word)
        let accentOnly = suggestions.filter { SpanishFolding.fold($0) == folded }
        if accentOnly.count == 1 { return accentOnly[0] }
        if !accentOnly.isEmpty { return nil }
        if let best = suggestions.first, best.contains(" "), SpanishFolding.fold(best.replacing(" ", with: "")) == folded { return best }
        let sound = soundKey(folded)
        let soundAlike = suggestions.filter { !$0.contains(" ") && !$0.contains("-") && soundKey(SpanishFolding.fold($0)) == sound }
        return soundAlike.count == 1 ? soundAlike[0] : nil
    }

    /// A folded word as it sounds in Mexican Spanish: the letters people confuse made one.
    static func soundKey(_ folded: String) -> String {
        var text = folded.replacing("ch", with: "1").replacing("h", with: "").replacing("1", with: "ch")
        for (from, to) in [
            ("ll", "y"), ("v", "b"), ("w", "b"), ("nb", "mb"), ("ce", "se"), ("ci", "si"), ("z", "s"), ("ge", "je"), ("gi", "ji"),
            ("qu", "k"), ("cc", "ks"), ("x", "ks"), ("c", "k"),
        ] {
            text = text.replacing(from, with: to)
        }
        return text
    }

    /// The finding's kind for a fix: an accent, a capital (a proper name in lower case), or another
    /// spelling.
    static func kind(of fix: String, for word: String) -> String {
        if fix.lowercased() == word.lowercased() { return "mayuscula" }
        return SpanishFolding.fold(fix) == SpanishFolding.fold(word) ? "tilde" : "palabra"
    }

    /// The correction with the word's initial capital ("Informacion" → "Información").
    static func matchCase(_ correction: String, of word: String) -> String {
        guard let first = word.first, first.isUppercase, let initial = correction.first, !initial.isUppercase else { return correction }
        return initial.uppercased() + correction.dropFirst()
    }

    private static let accented: [Character: Character] = ["á": "a", "é": "e", "í": "i", "ó": "o", "ú": "u"]

    static func removingAccents(_ word: String) -> String {
        String(word.map { accented[$0] ?? $0 })
    }

    static func accentCount(_ word: String) -> Int {
        word.reduce(0) { $0 + (accented[$1] == nil ? 0 : 1) }
    }
}

/// A misspelled word: what the finding says and fixes.
struct Misspelling: Sendable {
    let suggestions: [String]
    let fix: String?
    let kind: String
    let message: String

    init(word: String, suggestions: [String], fix: String?, kind: String) {
        self.suggestions = suggestions
        self.fix = fix
        self.kind = kind
        if let fix {
            let note = ["tilde": " (tilde)", "mayuscula": " (con mayúscula)"][kind] ?? ""
            message = "«\(word)» se escribe «\(fix)»\(note)."
        } else if suggestions.isEmpty {
            message = "«\(word)» no está en el diccionario: revisa cómo se escribe (si es correcta, agrégala a ortografia/vocabulario)."
        } else {
            let quoted = suggestions.map { "«\($0)»" }
            let list = quoted.count == 1 ? quoted[0] : quoted.dropLast().joined(separator: ", ") + " o " + quoted.last!
            message = "«\(word)» no está en el diccionario; ¿quisiste decir \(list)?"
        }
    }
}
