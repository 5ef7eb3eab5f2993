import CriterioCore

/// Criteria 6.xxix and 6.xxviii: no indiscriminate, repetitive messages.
public struct SpamRule: Rule {
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
            """,
        options: [
            RuleOption("max_hashtags", default: .integer(5), "Hashtags permitidos en una publicación."),
            RuleOption("max_menciones", default: .integer(5), "Menciones (@cuenta) permitidas en una publicación."),
            RuleOption("max_repeticiones", default: .integer(3), "Veces que una palabra de contenido puede aparecer antes de dominar el texto."),
            RuleOption("repeticion_seguida", default: .integer(3), "Veces seguidas de la misma palabra o emoji que se reportan."),
            RuleOption("alargamiento", default: .integer(4), "Letras o signos iguales seguidos que cuentan como alargamiento («siiii», «!!!!»)."),
        ],
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

    private let stopwords: Set<UInt64>
    private let maxHashtags: Int
    private let maxMentions: Int
    private let maxRepetitions: Int
    private let consecutive: Int
    private let elongation: Int

    public init(configuration: RuleConfiguration) throws {
        let words = try configuration.wordlists.wordlists(named: "spam/palabras-vacias").flatMap { $0.entries.map(\.text) }
        stopwords = Set(words.map { FoldedHash.hash(SpanishFolding.fold($0).utf8) })
        maxHashtags = configuration.options.integer("max_hashtags")
        maxMentions = configuration.options.integer("max_menciones")
        maxRepetitions = configuration.options.integer("max_repeticiones")
        consecutive = configuration.options.integer("repeticion_seguida")
        elongation = configuration.options.integer("alargamiento")
        guard consecutive >= 2, elongation >= 2 else {
            throw RuleConfigurationError("«repeticion_seguida» y «alargamiento» deben ser al menos 2")
        }
    }

    public func check(_ post: AnalyzedPost) -> [Finding] {
        var findings: [Finding] = []
        checkConsecutive(post, &findings)
        checkElongation(post, &findings)
        checkHashtagsAndMentions(post, &findings)
        checkLinks(post, &findings)
        checkDominantWord(post, &findings)
        checkRepeatedPhrase(post, &findings)
        return findings
    }

    private func isContentWord(_ token: Token) -> Bool {
        token.kind == .word && token.letters >= 4 && !stopwords.contains(token.hash)
    }

    /// "vota, vota, vota", "🗳️🗳️🗳️": one finding at the second occurrence of each run.
    private func checkConsecutive(_ post: AnalyzedPost, _ findings: inout [Finding]) {
        var index = 0
        let tokens = post.tokens
        while index < tokens.count {
            var end = index + 1
            while end < tokens.count, tokens[end].hash == tokens[index].hash, tokens[end].kind == tokens[index].kind,
                tokens[index].kind == .word || tokens[index].kind == .emoji,
                post.onlySeparators(between: tokens[end - 1].range.upperBound, and: tokens[end].range.lowerBound)
            {
                end += 1
            }
            if end - index >= consecutive, tokens[index].kind == .emoji || tokens[index].letters >= 2 {
                findings.append(
                    finding(
                        in: post, range: tokens[index + 1].range.lowerBound..<tokens[end - 1].range.upperBound,
                        message: "«\(post.string(tokens[index]))» se repite \(end - index) veces seguidas.",
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
        var index = 0
        let prose = post.prose
        while index < prose.count {
            let byte = prose[index]
            guard byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: ".") else {
                index += 1
                continue
            }
            var end = index
            while end < prose.count, prose[end] == byte { end += 1 }
            // "..." is an ellipsis; four or more of any of these is shouting.
            if end - index >= max(elongation, 4) {
                findings.append(
                    finding(in: post, range: index..<end, message: "Signos repetidos («\(post.text.string(index..<end))»).", kind: "alargamiento", criterion: .xxix))
            }
            index = end
        }
    }

    private func checkHashtagsAndMentions(_ post: AnalyzedPost, _ findings: inout [Finding]) {
        for (kind, maximum, name) in [(Token.Kind.hashtag, maxHashtags, "hashtags"), (.mention, maxMentions, "menciones")] {
            let tokens = post.tokens.filter { $0.kind == kind }
            if tokens.count > maximum {
                findings.append(
                    finding(
                        in: post, range: tokens[maximum].range,
                        message: "La publicación tiene \(tokens.count) \(name); el máximo es \(maximum).", kind: name, criterion: .xxix))
            }
            if kind == .hashtag {
                var seen: Set<UInt64> = []
                for token in tokens where !seen.insert(token.hash).inserted {
                    findings.append(
                        finding(in: post, range: token.range, message: "El hashtag «\(post.string(token))» ya aparece en la publicación.", kind: "hashtag-repetido", criterion: .xxix))
                }
            }
        }
    }

    private func checkLinks(_ post: AnalyzedPost, _ findings: inout [Finding]) {
        var seen: Set<String> = []
        for link in post.links where !seen.insert(Self.normalized(link.url)).inserted {
            findings.append(
                finding(in: post, range: link.range, message: "El enlace «\(link.url)» ya aparece en la publicación.", kind: "enlace-repetido", criterion: .xxix))
        }
    }

    private static func normalized(_ url: String) -> String {
        var text = Substring(url.lowercased())
        for prefix in ["https://", "http://"] where text.hasPrefix(prefix) { text = text.dropFirst(prefix.count) }
        if text.hasPrefix("www.") { text = text.dropFirst(4) }
        while text.hasSuffix("/") { text = text.dropLast() }
        return String(text)
    }

    /// A content word that appears more than `maxRepetitions` times and is a tenth of the content words.
    private func checkDominantWord(_ post: AnalyzedPost, _ findings: inout [Finding]) {
        var counts: [UInt64: [Int]] = [:]
        var contentWords = 0
        for (index, token) in post.tokens.enumerated() where isContentWord(token) {
            counts[token.hash, default: []].append(index)
            contentWords += 1
        }
        for (_, indices) in counts.sorted(by: { $0.value[0] < $1.value[0] })
        where indices.count > maxRepetitions && indices.count * 10 >= contentWords {
            let token = post.tokens[indices[maxRepetitions]]
            findings.append(
                finding(
                    in: post, range: token.range,
                    message: "«\(post.foldedString(token))» aparece \(indices.count) veces en la publicación.",
                    kind: "palabra-repetida", criterion: .xxix))
        }
    }

    /// The same run of five words (three of them content words) twice.
    private func checkRepeatedPhrase(_ post: AnalyzedPost, _ findings: inout [Finding]) {
        let words = post.tokens.filter { $0.kind == .word }
        let length = 5
        guard words.count >= length * 2 else { return }
        var seen: [UInt64: Int] = [:]
        var index = 0
        while index + length <= words.count {
            let window = words[index..<(index + length)]
            guard window.filter(isContentWord).count >= 3 else {
                index += 1
                continue
            }
            var hash = FoldedHash.seed
            for token in window { hash = (hash ^ token.hash) &* 0x0100_0000_01b3 }
            if let first = seen[hash], first + length <= index {
                findings.append(
                    finding(
                        in: post, range: window.first!.range.lowerBound..<window.last!.range.upperBound,
                        message: "La frase «\(post.text.string(window.first!.range.lowerBound..<window.last!.range.upperBound))» se repite.",
                        kind: "frase-repetida", criterion: .xxix))
                index += length
                continue
            }
            if seen[hash] == nil { seen[hash] = index }
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
