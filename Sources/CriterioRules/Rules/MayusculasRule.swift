import CriterioCore
import CriterioRegex

/// Criterion 6.xxvi: messages are written in upper and lower case, not in capitals.
public struct MayusculasRule: Rule {
    public static let description = RuleDescription(
        id: "mayusculas",
        name: "Texto en mayúsculas",
        criteria: [.xxvi],
        defaultSeverity: .warning,
        summary: "Texto escrito mayormente en mayúsculas.",
        rationale: """
            Cuenta las letras de las palabras de la publicación, sin hashtags, menciones, enlaces, \
            números romanos ni las siglas permitidas (INE, CNCS, PREP…, en Wordlists/data/mayusculas/siglas.txt). \
            Si la proporción de mayúsculas alcanza el umbral, la publicación «grita». La corrección \
            (--fix) reescribe el tramo en mayúsculas con mayúscula inicial de oración y conserva \
            siglas, hashtags, menciones, enlaces y los nombres propios de Wordlists/data/mayusculas/nombres-propios.txt.
            """,
        options: [
            RuleOption("umbral", default: .number(0.5), "Proporción de letras mayúsculas (0 a 1) a partir de la cual se reporta."),
            RuleOption("minimo_letras", default: .integer(12), "Letras mínimas para juzgar; los textos más cortos no se reportan."),
        ],
        wordlists: [acronymList, properNameList],
        triggeringExamples: [
            RuleExample(
                "¡↓SAL A VOTAR ESTE DOMINGO! Consulta tu casilla.",
                fixed: "¡Sal a votar este domingo! Consulta tu casilla."),
            RuleExample(
                "↓RECUERDA QUE EL INE TE ESPERA EN EL MÓDULO CON TU CREDENCIAL. #Vota2024 @INEMexico",
                fixed: "Recuerda que el INE te espera en el módulo con tu credencial. #Vota2024 @INEMexico"),
            RuleExample(
                "↓HOY SESIONA EL CONSEJO GENERAL DEL INSTITUTO NACIONAL ELECTORAL EN LA CIUDAD DE MÉXICO",
                fixed: "Hoy sesiona el Consejo General del Instituto Nacional Electoral en la Ciudad de México"),
            RuleExample("---\nnetwork: x\n---\n↓ATENCIÓN: CONSULTA LOS RESULTADOS DEL PREP EN LA PÁGINA OFICIAL"),
        ],
        nonTriggeringExamples: [
            RuleExample("El INE y los OPLE presentan el PREP de la elección. Consulta la CNCS."),
            RuleExample("¡Vota!"),
            RuleExample("Consulta el numeral XXVI de los criterios y la fracción III del artículo."),
            RuleExample("Visita HTTPS://WWW.INE.MX/CREDENCIAL para más información sobre tu trámite."),
            RuleExample("#VOTAINFORMADO #ELECCIONES2024 @INEMEXICO Conoce a tus candidaturas."),
            RuleExample("¡SAL A VOTAR! Este domingo 2 de junio se instalarán las casillas en todo el país."),
            RuleExample("¡SAL A VOTAR ESTE DOMINGO! Consulta tu casilla.", options: ["umbral": .number(0.8)]),
            RuleExample("Folio INE/CG73/2017, clave HEGG560427MVZRRL04 y expediente SUP-RAP-239/2016 del tribunal."),
        ])

    private static let acronymList = "mayusculas/siglas"
    private static let properNameList = "mayusculas/nombres-propios"

    /// Hashes of the acronyms as written (case matters: "INE" is an acronym, "Ine" is not).
    private let acronyms: HashSet64
    /// Proper names as written, and their words folded for comparison.
    private let properNames: [(written: [String], folded: [UInt64])]
    private let threshold: Double
    private let minimumLetters: Int

    private static let romanNumeral = try! RegexPattern(#"^M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$"#)

    public init(configuration: RuleConfiguration) throws {
        acronyms = HashSet64(
            try configuration.wordlists.wordlists(named: Self.acronymList).flatMap { $0.entries.map { FoldedHash.hash($0.text.utf8) } })
        properNames = try configuration.wordlists.wordlists(named: Self.properNameList).flatMap {
            $0.entries.map { entry in
                let words = entry.text.split(separator: " ").map(String.init)
                return (words, words.map { FoldedHash.hash(SpanishFolding.fold($0).utf8) })
            }
        }
        threshold = configuration.options.number("umbral")
        minimumLetters = configuration.options.integer("minimo_letras")
        guard (0...1).contains(threshold) else { throw RuleConfigurationError("«umbral» debe estar entre 0 y 1") }
    }

    public func check(_ post: AnalyzedPost) -> [Finding] {
        var letters = 0
        var uppercase = 0
        var shouting: [Int] = []
        // Words with digits are codes ("CG73", a CURP), not shouting.
        for (index, token) in post.tokens.enumerated() where token.kind == .word && token.letters > 0 && !token.hasLeetCharacters {
            guard !isExempt(token, in: post) else { continue }
            letters += Int(token.letters)
            uppercase += Int(token.uppercase)
            if token.isAllUppercase && token.letters >= 2 { shouting.append(index) }
        }
        guard letters >= minimumLetters, !shouting.isEmpty, Double(uppercase) / Double(letters) >= threshold else { return [] }
        let range = post.tokens[shouting.first!].range.lowerBound..<post.tokens[shouting.last!].range.upperBound
        let percent = Int((Double(uppercase) * 100 / Double(letters)).rounded())
        return [
            finding(
                in: post, range: range,
                message: "El \(percent) % de las letras está en mayúsculas; escribe con mayúsculas y minúsculas (las siglas se conservan).",
                fix: sentenceCase(range, in: post))
        ]
    }

    private func isExempt(_ token: Token, in post: AnalyzedPost) -> Bool {
        guard token.isAllUppercase else { return false }
        if acronyms.contains(FoldedHash.hash(post.text.bytes[token.range])) { return true }
        return token.letters <= 6 && !token.hasLeetCharacters && Self.romanNumeral.matches(post.string(token))
    }

    /// The text of `range` in sentence case, keeping acronyms, hashtags, mentions, links and proper names.
    func sentenceCase(_ range: Range<Int>, in post: AnalyzedPost) -> String {
        let words = post.tokens.indices.filter {
            post.tokens[$0].kind == .word && range.contains(post.tokens[$0].range.lowerBound)
        }
        var replacements: [Int: String] = [:]
        for index in words {
            let token = post.tokens[index]
            guard token.isAllUppercase, !isExempt(token, in: post) else { continue }
            let lowered = post.string(token).lowercased()
            replacements[index] = startsSentence(token, in: post) ? capitalizeFirst(lowered) : lowered
        }
        applyProperNames(words, in: post, replacements: &replacements)
        var result = ""
        var cursor = range.lowerBound
        for index in words {
            let token = post.tokens[index]
            guard let replacement = replacements[index] else { continue }
            result += post.text.string(cursor..<token.range.lowerBound) + replacement
            cursor = token.range.upperBound
        }
        return result + post.text.string(cursor..<range.upperBound)
    }

    /// Restores the capitals of multi-word proper names ("Instituto Nacional Electoral").
    private func applyProperNames(_ words: [Int], in post: AnalyzedPost, replacements: inout [Int: String]) {
        let hashes = words.map { post.tokens[$0].hash }
        for name in properNames where name.folded.count <= hashes.count {
            for start in 0...(hashes.count - name.folded.count) {
                guard (0..<name.folded.count).allSatisfy({ hashes[start + $0] == name.folded[$0] }) else { continue }
                for (offset, word) in name.written.enumerated() where replacements[words[start + offset]] != nil {
                    replacements[words[start + offset]] = word
                }
            }
        }
    }

    private func startsSentence(_ token: Token, in post: AnalyzedPost) -> Bool {
        var index = token.range.lowerBound - 1
        while index >= 0 {
            let byte = post.text.bytes[index]
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "("):
                index -= 1
            case 0xA1, 0xAB, 0xBF:
                // ¡ « ¿ (second byte of C2 A1, C2 AB, C2 BF) open a sentence or a quote.
                guard index > 0, post.text.bytes[index - 1] == 0xC2 else { return false }
                index -= 2
            case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: "\n"):
                return true
            default:
                return post.draft.excludedRanges.contains { $0.contains(index) }
            }
        }
        return true
    }

    private func capitalizeFirst(_ word: String) -> String {
        guard let first = word.first else { return word }
        return first.uppercased() + word.dropFirst()
    }
}
