import CriterioCore
import CriterioCrossPost

/// Criteria 6.xxix and 6.xxviii: no indiscriminate, repetitive messages. Inside one post here; across
/// posts (near-duplicates, bursts of one account) through `CrossPostRule`, which `criterio lint` over
/// several drafts and `criterio scan` run once every post is in.
public struct SpamRule: CrossPostRule {
    public static let description = RuleDescription(
        id: "spam",
        name: "Repetición y saturación (spam)",
        criteria: [.xxix, .xxviii],
        defaultSeverity: .warning,
        summary: "Repetición dentro de la publicación: palabras, frases, emoji, hashtags o enlaces repetidos, letras alargadas, demasiados hashtags o menciones.",
        rationale: """
            Una publicación institucional no satura: se reporta la misma palabra seguida varias veces \
            («vota vota vota»), una palabra de contenido que domina el texto, una frase repetida, el mismo \
            emoji, hashtag o enlace más de una vez, letras alargadas («graciaaaas») y más hashtags o \
            menciones de los permitidos. Las palabras vacías («de», «la», «que»…) de \
            Wordlists/data/spam/palabras-vacias.txt no cuentan como repetición.

            Entre publicaciones (`criterio lint` sobre varios borradores, `criterio scan`): las casi \
            idénticas de una misma cuenta (tipo «casi-duplicado», 6.xxix; similitud de grupos de tres \
            palabras, opción «similitud») y las ráfagas, más de «rafaga_publicaciones» publicaciones de una \
            cuenta en «rafaga_minutos» minutos (tipo «rafaga», 6.xxviii: saturar la información).
            """,
        options: [
            RuleOption("max_hashtags", default: 5, in: 0...1_000, "Hashtags permitidos en una publicación."),
            RuleOption("max_menciones", default: 5, in: 0...1_000, "Menciones (@cuenta) permitidas en una publicación."),
            RuleOption("max_repeticiones", default: 3, in: 1...1_000, "Veces que una palabra de contenido puede aparecer antes de dominar el texto."),
            RuleOption("repeticion_seguida", default: 3, in: 2...1_000, "Veces seguidas de la misma palabra o emoji que se reportan."),
            RuleOption("alargamiento", default: 4, in: 2...1_000, "Letras o signos iguales seguidos que cuentan como alargamiento («siiii», «!!!!»)."),
        ] + CrossPostOptions.declaredOptions,
        kinds: [
            RuleKind("repeticion-seguida", "la misma palabra o emoji varias veces seguidas"),
            RuleKind("alargamiento", "letras o signos alargados («graciaaaas», «!!!!»)"),
            RuleKind("hashtags", "más hashtags de los permitidos"),
            RuleKind("hashtag-repetido", "un hashtag que ya aparece en la publicación"),
            RuleKind("menciones", "más menciones de las permitidas"),
            RuleKind("enlace-repetido", "un enlace que ya aparece en la publicación"),
            RuleKind("palabra-repetida", "una palabra de contenido que domina el texto"),
            RuleKind("frase-repetida", "una frase que se repite"),
        ] + CrossPostOptions.declaredKinds,
        wordlists: [stopwordList],
        triggeringExamples: [
            RuleExample("¡Vota, ↓vota, vota este domingo!", kind: "repeticion-seguida"),
            RuleExample("Participa 🗳️↓🗳️🗳️ en la consulta.", kind: "repeticion-seguida"),
            RuleExample("¡Muchas ↓graciaaaas por participar!", kind: "alargamiento"),
            RuleExample("¡Ya viene la jornada↓!!!!", kind: "alargamiento"),
            RuleExample("#INE #Elecciones #Vota #México #Democracia ↓#Participa Sal a votar.", kind: "hashtags"),
            RuleExample("Consulta en #Vota2024 y comparte ↓#Vota2024.", kind: "hashtag-repetido"),
            RuleExample("Ve https://ine.mx/casilla y también ↓https://ine.mx/casilla hoy.", kind: "enlace-repetido"),
            RuleExample("@a1 @b2 @c3 @d4 @e5 ↓@f6 gracias por participar.", kind: "menciones"),
            RuleExample(
                "Credencial nueva, credencial vigente, credencial a tiempo: ↓credencial para todas las personas.",
                kind: "palabra-repetida"),
            RuleExample(
                "Consulta tu casilla hoy mismo. Más información en el módulo. ↓Consulta tu casilla hoy mismo.",
                kind: "frase-repetida"),
        ],
        nonTriggeringExamples: [
            RuleExample("El Consejo General aprobó el acuerdo sobre la credencial para votar de las personas residentes en el extranjero."),
            RuleExample("#Elecciones2024 Consulta tu casilla en ubicatucasilla.ine.mx y sal a votar."),
            RuleExample("La de la casilla y la de la mesa de la sección de la colonia."),
            RuleExample("¡Gracias! 🙌 Nos vemos en la próxima sesión."),
            RuleExample("Conoce la lista nominal. La lista nominal se cierra el 15 de abril; revisa tu credencial."),
        ])

    private static let stopwordList = "spam/palabras-vacias"
    /// The repetitions of a run a finding covers.
    private static let longestRun = 20

    private let stopwords: HashSet64
    private let maxHashtags: Int
    private let maxMentions: Int
    private let maxRepetitions: Int
    private let consecutive: Int
    private let elongation: Int
    public let crossPostOptions: CrossPostOptions

    public init(configuration: RuleConfiguration) throws {
        let words = try configuration.wordlists.wordlists(named: Self.stopwordList).flatMap { $0.entries.map(\.text) }
        stopwords = HashSet64(words.map { FoldedHash.hash(SpanishFolding.fold($0).utf8) })
        maxHashtags = configuration.options.integer("max_hashtags")
        maxMentions = configuration.options.integer("max_menciones")
        maxRepetitions = configuration.options.integer("max_repeticiones")
        consecutive = configuration.options.integer("repeticion_seguida")
        elongation = configuration.options.integer("alargamiento")
        crossPostOptions = CrossPostOptions(options: configuration.options)
    }

    public func check(_ post: AnalyzedPost) -> [Finding] {
        var findings: [Finding] = []
        checkConsecutive(post, &findings)
        checkElongation(post, &findings)
        checkHashtagsAndMentions(post, &findings)
        checkLinks(post, &findings)
        checkRepeatedWords(post, &findings)
        return findings
    }

    private func isContentWord(_ token: Token) -> Bool {
        token.kind == .word && token.letters >= 4 && !stopwords.contains(token.hash)
    }

    /// "vota, vota, vota", "🗳️🗳️🗳️": one finding from the second occurrence of each run.
    private func checkConsecutive(_ post: AnalyzedPost, _ findings: inout [Finding]) {
        let tokens = post.tokens
        var index = 0
        while index < tokens.count {
            let first = tokens[index]
            var end = index + 1
            if first.kind == .emoji || (first.kind == .word && first.letters >= 2) {
                while end < tokens.count, tokens[end].hash == first.hash, tokens[end].kind == first.kind,
                    post.onlySeparators(between: tokens[end - 1].range.upperBound, and: tokens[end].range.lowerBound)
                {
                    end += 1
                }
            }
            if end - index >= consecutive {
                // The finding covers the first repetitions, not a whole post of them; the message counts them all.
                let last = min(end - 1, index + Self.longestRun)
                findings.append(
                    finding(
                        in: post, range: tokens[index + 1].range.lowerBound..<tokens[last].range.upperBound,
                        message: "«\(post.string(first))» se repite \(end - index) veces seguidas.",
                        kind: "repeticion-seguida", criterion: .xxix))
            }
            index = end
        }
    }

    /// "graciaaaas", "!!!!": a character repeated `elongation` times or more.
    private func checkElongation(_ post: AnalyzedPost, _ findings: inout [Finding]) {
        for token in post.tokens where token.kind == .word && Int(token.longestRun) >= elongation && !token.hasLeetCharacters {
            findings.append(
                finding(in: post, range: token.range, message: "«\(post.string(token))» tiene letras alargadas.", kind: "alargamiento", criterion: .xxix))
        }
        // "..." is an ellipsis; four or more of any of these is shouting.
        let minimum = max(elongation, 4)
        var runs: [Range<Int>] = []
        post.withProse { bytes in
            var index = 0
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                guard byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: ".") else {
                    index += 1
                    continue
                }
                var end = index + 1
                while end < count, bytes[end] == byte { end += 1 }
                if end - index >= minimum { runs.append(index..<end) }
                index = end
            }
        }
        for run in runs {
            findings.append(
                finding(in: post, range: run, message: "Signos repetidos («\(post.text.string(run))»).", kind: "alargamiento", criterion: .xxix))
        }
    }

    private func checkHashtagsAndMentions(_ post: AnalyzedPost, _ findings: inout [Finding]) {
        var hashtags = 0
        var mentions = 0
        var seenHashtags = Set<UInt64>()
        for token in post.tokens {
            switch token.kind {
            case .hashtag:
                hashtags += 1
                if hashtags == maxHashtags + 1 {
                    let total = post.tokens.count { $0.kind == .hashtag }
                    findings.append(
                        finding(in: post, range: token.range, message: "La publicación tiene \(total) hashtags; el máximo es \(maxHashtags).", kind: "hashtags", criterion: .xxix))
                }
                if !seenHashtags.insert(token.hash).inserted {
                    findings.append(
                        finding(in: post, range: token.range, message: "El hashtag «\(post.string(token))» ya aparece en la publicación.", kind: "hashtag-repetido", criterion: .xxix))
                }
            case .mention:
                mentions += 1
                if mentions == maxMentions + 1 {
                    let total = post.tokens.count { $0.kind == .mention }
                    findings.append(
                        finding(in: post, range: token.range, message: "La publicación tiene \(total) menciones; el máximo es \(maxMentions).", kind: "menciones", criterion: .xxix))
                }
            default:
                break
            }
        }
    }

    private func checkLinks(_ post: AnalyzedPost, _ findings: inout [Finding]) {
        guard post.links.count > 1 else { return }
        var seen = Set<String>()
        for link in post.links where !seen.insert(Self.normalized(link.url)).inserted {
            findings.append(
                finding(in: post, range: link.range, message: "El enlace «\(link.url)» ya aparece en la publicación.", kind: "enlace-repetido", criterion: .xxix))
        }
    }

    /// The text with every run of spaces and line breaks made one space.
    private static func oneLine(_ bytes: ArraySlice<UInt8>) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var pendingSpace = false
        for byte in bytes {
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace { result.append(0x20) }
            pendingSpace = false
            result.append(byte)
        }
        return String(decoding: result, as: UTF8.self)
    }

    private static func normalized(_ url: String) -> String {
        var text = Substring(url.lowercased())
        for prefix in ["https://", "http://"] where text.hasPrefix(prefix) { text = text.dropFirst(prefix.count) }
        if text.hasPrefix("www.") { text = text.dropFirst(4) }
        while text.hasSuffix("/") { text = text.dropLast() }
        return String(text)
    }

    /// A content word that appears more than `maxRepetitions` times and is a tenth of the content
    /// words; and the same five words (three of them content words) twice. Counted in temporary
    /// storage: a post without repeated content words costs one pass and no allocation.
    private func checkRepeatedWords(_ post: AnalyzedPost, _ findings: inout [Finding]) {
        let tokens = post.tokens
        HashCounter.withCounter(capacity: tokens.count) { counter in
            var contentWords = 0
            var mostRepeated: Int32 = 0
            for token in tokens where isContentWord(token) {
                contentWords += 1
                mostRepeated = max(mostRepeated, counter.add(token.hash))
            }
            guard mostRepeated >= 2 else { return }
            if Int(mostRepeated) > maxRepetitions {
                var reported: [UInt64] = []
                for token in tokens where isContentWord(token) && !reported.contains(token.hash) {
                    let count = Int(counter.count(token.hash))
                    guard count > maxRepetitions, count * 10 >= contentWords else { continue }
                    reported.append(token.hash)
                    let occurrence = tokens.lazy.filter { $0.kind == .word && $0.hash == token.hash }.dropFirst(maxRepetitions).first!
                    findings.append(
                        finding(
                            in: post, range: occurrence.range,
                            message: "«\(post.foldedString(token))» aparece \(count) veces en la publicación.",
                            kind: "palabra-repetida", criterion: .xxix))
                }
            }
            checkRepeatedPhrase(post, counter: counter, &findings)
        }
    }

    /// The same run of five words, three of them content words, twice. Every word of a repeated
    /// phrase is itself repeated, so only windows made of repeated words are hashed.
    private func checkRepeatedPhrase(_ post: AnalyzedPost, counter: HashCounter, _ findings: inout [Finding]) {
        let length = 5
        let tokens = post.tokens
        var words: [Int] = []
        words.reserveCapacity(tokens.count)
        for index in tokens.indices where tokens[index].kind == .word { words.append(index) }
        guard words.count >= length * 2 else { return }
        // The first window of each phrase hash, by hash.
        var seen: [UInt64: Int] = [:]
        var index = 0
        while index + length <= words.count {
            var repeatedContent = 0
            var qualifies = true
            var hash = FoldedHash.seed
            for position in index..<(index + length) {
                let token = tokens[words[position]]
                if isContentWord(token) {
                    guard counter.count(token.hash) >= 2 else {
                        qualifies = false
                        break
                    }
                    repeatedContent += 1
                }
                hash = (hash ^ token.hash) &* 0x0100_0000_01b3
            }
            guard qualifies, repeatedContent >= 3 else {
                index += 1
                continue
            }
            if let first = seen[hash] {
                if first + length <= index {
                    let range = tokens[words[index]].range.lowerBound..<tokens[words[index + length - 1]].range.upperBound
                    findings.append(
                        finding(in: post, range: range, message: "La frase «\(Self.oneLine(post.text.bytes[range]))» se repite.", kind: "frase-repetida", criterion: .xxix))
                    index += length
                    continue
                }
            } else {
                seen[hash] = index
            }
            index += 1
        }
    }
}

extension AnalyzedPost {
    /// Whether only spaces and the punctuation of a list (`,` `;`) separate two offsets.
    func onlySeparators(between start: Int, and end: Int) -> Bool {
        guard start <= end else { return false }
        for index in start..<end {
            switch prose[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "-"): continue
            default: return false
            }
        }
        return true
    }
}
