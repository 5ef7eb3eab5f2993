import CriterioCore

/// Every kind of personal data the rule looks for, in the order overlaps are resolved
/// (a more specific kind first).
public enum PersonalDataKinds {
    public static let all: [any PersonalDataDetector.Type] = [
        CURPDetector.self,
        RFCDetector.self,
        VoterKeyDetector.self,
        CICDetector.self,
        PassportDetector.self,
        CLABEDetector.self,
        NSSDetector.self,
        OCRDetector.self,
        CardDetector.self,
        PhoneDetector.self,
        EmailDetector.self,
        AddressDetector.self,
        BirthDateDetector.self,
    ]

    /// The kinds the rule reports, in that order; detectors that share one (OCR and CIC are
    /// `ocr-cic`) share its entry.
    public static let kinds: [RuleKind] = {
        var labels: [(kind: String, labels: [String])] = []
        for type in all {
            if let index = labels.firstIndex(where: { $0.kind == type.kind }) {
                labels[index].labels.append(type.label)
            } else {
                labels.append((type.kind, [type.label]))
            }
        }
        return labels.map { RuleKind($0.kind, $0.labels.joined(separator: "; ")) }
    }()
}

/// Criterion 6.iii: no personal data of any kind in an institutional post.
public struct DatosPersonalesRule: Rule {
    public static let description = RuleDescription(
        id: "datos-personales",
        name: "Datos personales",
        criteria: [.iii],
        defaultSeverity: .error,
        summary: "Datos personales: CURP, RFC, CLABE, NSS, tarjeta, clave de elector, OCR/CIC, pasaporte, teléfono, correo, domicilio, fecha de nacimiento.",
        rationale: """
            Cada tipo de dato se reconoce por su forma y se valida: CURP (dígito verificador, fecha, entidad, \
            sexo, palabras inconvenientes), RFC (fecha, palabras; el dígito verificador solo aumenta la \
            certeza), CLABE (3-7-1 y banco), NSS y tarjetas (Luhn; marca y longitud), zona de lectura \
            mecánica de la credencial y del pasaporte (7-3-1). Las palabras de contexto cercanas («CURP», \
            «clave de elector», «nació», «domicilio», «celular»…) aumentan la certeza: un dato confirmado es \
            un error; uno plausible pero sin confirmar, una advertencia. Las series de dígitos sin más forma \
            (NSS, CLABE, OCR/CIC, pasaporte) necesitan una palabra de contexto; una fecha solo es de \
            nacimiento después de «nació», «fecha de nacimiento»… Nunca son datos personales los números de \
            acuerdo o expediente, los folios, las cantidades, los porcentajes, los conteos de votos, las \
            etiquetas, las menciones ni los enlaces. Los contactos institucionales (dominio ine.mx, \
            teléfonos del INE como INETEL, domicilios de sus oficinas) están permitidos en \
            Wordlists/data/datos-personales/, y la configuración puede agregar listas propias. Los \
            reportes ocultan el dato salvo con --no-redact.
            """,
        options: [
            RuleOption("omitir", default: .strings([]), "Tipos de dato que no se buscan (por ejemplo [correo])."),
            RuleOption("ventana_contexto", default: .integer(60), "Caracteres antes y después de un dato en los que se buscan palabras de contexto."),
        ],
        kinds: PersonalDataKinds.kinds, wordlists: PersonalDataResources.wordlists,
        triggeringExamples: PersonalDataKinds.all.flatMap { $0.triggeringExamples },
        nonTriggeringExamples: PersonalDataKinds.all.flatMap { $0.nonTriggeringExamples } + [
            RuleExample("Su CURP es HEGG560427MVZRRL04.", options: ["omitir": .strings(["curp"])])
        ])

    private let detectors: [any PersonalDataDetector]
    private let contextLexicon: PhraseLexicon
    public var phraseLexicons: [PhraseLexicon] { [contextLexicon] }
    private let window: Int
    /// Every detector's anchor words, for the one pass that decides which of them may run.
    private let anchors: AnchorIndex
    /// Every detector's cheap preconditions, read once (not through the protocol for every post).
    private let gates: [(minimumDigits: Int, minimumDigitRun: Int, needsAddressAt: Bool)]

    public init(configuration: RuleConfiguration) throws {
        let omitted = Set(configuration.options.strings("omitir"))
        let known = Set(PersonalDataKinds.all.map { $0.kind })
        if let unknown = omitted.subtracting(known).sorted().first {
            throw RuleConfigurationError("«omitir» incluye «\(unknown)», que no es un tipo de dato; los tipos son: \(known.sorted().joined(separator: ", "))")
        }
        let resources = try PersonalDataResources.load(from: configuration.wordlists)
        let types = PersonalDataKinds.all.filter { !omitted.contains($0.kind) }
        detectors = try types.map { try $0.init(resources: resources) }
        contextLexicon = try Self.contextLexicon(for: types, source: configuration.wordlists)
        window = configuration.options.integer("ventana_contexto")
        anchors = AnchorIndex(types.map { $0.anchorWords })
        gates = types.map { ($0.minimumDigits, $0.minimumDigitRun, $0.requiredByte != nil) }
    }

    /// The context words of every kind, entry `i` for `types[i]`. Compiling them costs more than
    /// linting a post, so the compiled form is kept by the word-list source like the rules' lexicons,
    /// under a key made of every context word.
    private static func contextLexicon(for types: [any PersonalDataDetector.Type], source: any WordlistSource) throws -> PhraseLexicon {
        let words = types.map { $0.kind + "=" + $0.contextWords.joined(separator: "\u{1}") }.joined(separator: "\u{2}")
        let key = "datos-personales-contexto-" + String(FoldedHash.hash("\(PhraseLexicon.serializationVersion)|\(words)".utf8), radix: 16)
        if let bytes = source.compiled(key), let cached = try? PhraseLexicon(serialized: bytes) { return cached }
        var builder = PhraseLexicon.Builder()
        for (index, type) in types.enumerated() {
            for word in type.contextWords { builder.add(try PhrasePattern(word), entry: index) }
        }
        let lexicon = builder.build()
        source.storeCompiled(key, lexicon.serialized())
        return lexicon
    }

    public func check(_ post: AnalyzedPost) -> [Finding] {
        // One pass decides which detectors can possibly match: most posts have a date or a year,
        // not six digits in a row or an e-mail's "@".
        let digits = DigitSummary(post.prose)
        var candidates: [(detector: Int, candidate: PersonalDataCandidate)] = []
        var present: UInt64? = nil  // which detectors' anchor words the post has, computed once if needed
        for index in detectors.indices {
            let gate = gates[index]
            guard digits.count >= gate.minimumDigits, digits.longestRun >= gate.minimumDigitRun,
                !gate.needsAddressAt || digits.hasAddressAt
            else { continue }
            if anchors.hasAnchors(index) {
                if present == nil { present = anchors.present(in: post) }
                guard present! & (1 << UInt64(index)) != 0 else { continue }
            }
            for candidate in detectors[index].candidates(in: post, digits: digits) { candidates.append((index, candidate)) }
        }
        guard !candidates.isEmpty else { return [] }

        let context = contextLexicon.matches(in: post)
        var decided: [(detector: Int, candidate: PersonalDataCandidate, severity: Severity, hasContext: Bool)] = []
        for (index, candidate) in candidates {
            let near = (candidate.range.lowerBound - window)..<(candidate.range.upperBound + window)
            let hasContext = context.contains { $0.entry == index && $0.range.overlaps(near) }
            guard let severity = hasContext ? candidate.withContext : candidate.withoutContext else { continue }
            decided.append((index, candidate, severity, hasContext))
        }
        // Of overlapping candidates keep the most severe, then the more specific kind.
        decided.sort { ($0.severity.rank, -$0.detector) > ($1.severity.rank, -$1.detector) }
        var kept: [(detector: Int, candidate: PersonalDataCandidate, severity: Severity, hasContext: Bool)] = []
        for item in decided where !kept.contains(where: { $0.candidate.range.overlaps(item.candidate.range) }) {
            kept.append(item)
        }
        return kept.map { item in
            let detector = detectors[item.detector]
            let type = type(of: detector)
            let advice = item.severity == .error
                ? "Quítalo: las cuentas institucionales no publican datos personales."
                : "Revisa si es un dato personal; si lo es, quítalo."
            return finding(
                in: post, range: item.candidate.range,
                message: "Dato personal (\(item.candidate.detail)). \(advice)",
                kind: type.kind, severity: item.severity,
                redactedExcerpt: detector.redact(post.text.string(item.candidate.range)))
        }
    }
}

/// The anchor words of every detector, looked up with one probe per word of the post.
struct AnchorIndex: Sendable {
    private let union: HashSet64
    private let bits: [UInt64: UInt64]
    private let anchored: UInt64

    init(_ words: [[String]?]) {
        var bits: [UInt64: UInt64] = [:]
        var anchored: UInt64 = 0
        for (index, list) in words.enumerated() {
            guard let list else { continue }
            anchored |= 1 << UInt64(index)
            for word in list {
                bits[FoldedHash.hash(SpanishFolding.fold(word).utf8), default: 0] |= 1 << UInt64(index)
            }
        }
        self.union = HashSet64(bits.keys)
        self.bits = bits
        self.anchored = anchored
    }

    func hasAnchors(_ detector: Int) -> Bool { anchored & (1 << UInt64(detector)) != 0 }

    /// The detectors (as bits) whose anchor words appear in the post.
    func present(in post: AnalyzedPost) -> UInt64 {
        var found: UInt64 = 0
        for token in post.tokens where token.kind == .word && union.contains(token.hash) {
            found |= bits[token.hash] ?? 0
        }
        return found
    }
}
