import CriterioCore
import CriterioRegex

/// One kind of personal data, in its own file: how to find candidates, how to validate them,
/// which Spanish words around them raise confidence, how to mask them, and its examples.
/// Adding a kind is adding a file and listing it in `PersonalDataKinds.all`.
public protocol PersonalDataDetector: Sendable {
    /// The finding's `kind` (SPEC §2): "curp", "telefono"…
    static var kind: String { get }
    /// How people call it: "CURP", "número de teléfono".
    static var label: String { get }
    /// Phrase patterns that, near a candidate, make it personal data ("curp", "clave única").
    static var contextWords: [String] { get }
    /// Cheap precondition: how many digits the prose must have for this kind to be possible.
    static var minimumDigits: Int { get }
    /// Cheap precondition: the longest run of consecutive digits the kind needs (a CURP has six).
    static var minimumDigitRun: Int { get }
    /// Cheap precondition: a byte the prose must contain ("@" for e-mail), if any.
    static var requiredByte: UInt8? { get }
    /// Cheap precondition: folded words of which the post must contain at least one, if any (an NSS
    /// is never reported without "NSS", "IMSS", "seguro"…). The rule checks every detector's words
    /// in one pass over the tokens.
    static var anchorWords: [String]? { get }
    static var triggeringExamples: [RuleExample] { get }
    static var nonTriggeringExamples: [RuleExample] { get }

    init(resources: PersonalDataResources) throws
    /// Every candidate in the post, validated, with how serious it is with and without context.
    func candidates(in post: AnalyzedPost, digits: DigitSummary) -> [PersonalDataCandidate]
    /// The text as reports show it: enough to find the spot, not enough to read it.
    func redact(_ text: String) -> String
}

extension PersonalDataDetector {
    public static var requiredByte: UInt8? { nil }
    public static var anchorWords: [String]? { nil }
    public static var minimumDigitRun: Int { minimumDigits > 0 ? 1 : 0 }
    public func redact(_ text: String) -> String { Redaction.mask(text) }
}

/// A validated match of one detector.
public struct PersonalDataCandidate: Sendable {
    public var range: Range<Int>
    /// Severity when no context word is near; nil means "not reported without context".
    public var withoutContext: Severity?
    /// Severity when a context word of the kind is near.
    public var withContext: Severity?
    /// What was recognised, in Spanish, for the message ("CURP con dígito verificador válido").
    public var detail: String

    public init(range: Range<Int>, withoutContext: Severity?, withContext: Severity?, detail: String) {
        self.range = range
        self.withoutContext = withoutContext
        self.withContext = withContext
        self.detail = detail
    }
}

/// The allow-lists and word sets the detectors consult, loaded from `Wordlists/data/datos-personales/`
/// plus the configuration's additions (every list is read through `wordlists(named:)`).
public struct PersonalDataResources: Sendable {
    /// Domains whose addresses are institutional ("ine.mx" covers its subdomains too).
    public let institutionalDomains: [String]
    /// Published institutional phone numbers, as 10 digits.
    public let institutionalPhones: Set<String>
    /// Free e-mail providers: an address there is a person's.
    public let freeMailDomains: Set<String>
    /// Local parts of role mailboxes ("contacto", "prensa") that are not a person.
    public let roleMailboxes: Set<String>
    /// ABM bank codes (first three digits of a CLABE).
    public let bankCodes: Set<String>
    /// Published addresses of INE offices, folded to letters, digits and single spaces
    /// ("viaducto tlalpan 100").
    public let institutionalAddresses: [String]
    /// Words that label a number as institutional when they stand just before it ("folio", "expediente").
    public let numberLabels: WordSet
    /// Words that make a number a count or an amount when they follow it ("votos", "pesos").
    public let countWords: WordSet
    /// Words that make an address an institutional place's ("módulo", "junta", "casilla").
    public let institutionalPlaces: WordSet
    /// Subjects whose "birth" is not a person's ("el IFE nació el 11 de octubre de 1990").
    public let institutionalSubjects: WordSet

    public init(
        institutionalDomains: [String], institutionalPhones: Set<String>, freeMailDomains: Set<String>,
        roleMailboxes: Set<String>, bankCodes: Set<String>, institutionalAddresses: [String] = [],
        numberLabels: WordSet = WordSet([]), countWords: WordSet = WordSet([]),
        institutionalPlaces: WordSet = WordSet([]), institutionalSubjects: WordSet = WordSet([])
    ) {
        self.institutionalDomains = institutionalDomains
        self.institutionalPhones = institutionalPhones
        self.freeMailDomains = freeMailDomains
        self.roleMailboxes = roleMailboxes
        self.bankCodes = bankCodes
        self.institutionalAddresses = institutionalAddresses
        self.numberLabels = numberLabels
        self.countWords = countWords
        self.institutionalPlaces = institutionalPlaces
        self.institutionalSubjects = institutionalSubjects
    }

    /// Every list `load` reads.
    public static let wordlists = [
        "dominios-institucionales", "telefonos-institucionales", "correo-gratuito", "buzones-institucionales", "bancos-abm",
        "direcciones-institucionales", "etiquetas-de-folio", "unidades", "lugares-institucionales", "sujetos-institucionales",
    ].map { "datos-personales/" + $0 }

    public static func load(from wordlists: any WordlistSource) throws -> PersonalDataResources {
        func words(_ name: String) throws -> [String] {
            try wordlists.wordlists(named: "datos-personales/" + name).flatMap { $0.entries.map { $0.text.lowercased() } }
        }
        func digits(_ name: String) throws -> [String] {
            try words(name).map { $0.filter(\.isNumber) }
        }
        return PersonalDataResources(
            institutionalDomains: try words("dominios-institucionales"),
            institutionalPhones: Set(try digits("telefonos-institucionales")),
            freeMailDomains: Set(try words("correo-gratuito")),
            roleMailboxes: Set(try words("buzones-institucionales")),
            bankCodes: Set(try digits("bancos-abm").map { String($0.prefix(3)) }),
            institutionalAddresses: try words("direcciones-institucionales").map(AddressText.normalize).filter { !$0.isEmpty },
            numberLabels: WordSet(try words("etiquetas-de-folio")),
            countWords: WordSet(try words("unidades")),
            institutionalPlaces: WordSet(try words("lugares-institucionales")),
            institutionalSubjects: WordSet(try words("sujetos-institucionales")))
    }

    public func isInstitutionalDomain(_ domain: String) -> Bool {
        let lowered = domain.lowercased()
        return institutionalDomains.contains { lowered == $0 || lowered.hasSuffix("." + $0) }
    }
}

/// A set of single words, compared folded (case, accents and ñ ignored) against the post's tokens by
/// their hash: one probe per token, no allocation.
public struct WordSet: Sendable {
    private let hashes: HashSet64
    public let isEmpty: Bool

    public init(_ words: [String]) {
        let folded = words.map { SpanishFolding.fold($0) }.filter { !$0.isEmpty }
        hashes = HashSet64(folded.map { FoldedHash.hash($0.utf8) })
        isEmpty = folded.isEmpty
    }

    public func contains(_ token: Token) -> Bool { hashes.contains(token.hash) }

    /// Whether some word token of the post is in the set.
    public func appears(in post: AnalyzedPost) -> Bool {
        guard !isEmpty else { return false }
        for token in post.tokens where token.kind == .word && hashes.contains(token.hash) { return true }
        return false
    }

    /// Whether a word token of the set is in `range` of the post.
    public func appears(in post: AnalyzedPost, within range: Range<Int>) -> Bool {
        guard !isEmpty else { return false }
        var index = post.firstToken(endingAfter: range.lowerBound)
        while index < post.tokens.count, post.tokens[index].range.lowerBound < range.upperBound {
            if post.tokens[index].kind == .word && hashes.contains(post.tokens[index].hash) { return true }
            index += 1
        }
        return false
    }
}

/// What one pass over the prose found about its digits, so detectors can skip posts (and positions)
/// where they cannot match.
public struct DigitSummary: Sendable {
    /// How many digits the prose has.
    public var count = 0
    /// The longest run of consecutive digits.
    public var longestRun = 0
    /// Runs of six to nine digits: where a CURP's or an RFC's date can start (an RFC's homoclave
    /// may continue the run with up to three digits).
    public var dateRuns: [Range<Int>] = []
    /// Whether an `@` stands between word characters, as in an e-mail address.
    public var hasAddressAt = false

    public init(_ prose: [UInt8]) {
        // Runs once per post over every byte: unchecked buffer access, no ranges built.
        prose.withUnsafeBufferPointer { bytes in
            var runStart = -1
            let end = bytes.count
            var index = 0
            while index <= end {
                let byte = index < end ? bytes[index] : 0
                if byte &- UInt8(ascii: "0") < 10 {
                    count += 1
                    if runStart < 0 { runStart = index }
                    index += 1
                    continue
                }
                if runStart >= 0 {
                    let length = index - runStart
                    if length > longestRun { longestRun = length }
                    if length >= 6 && length <= 9 { dateRuns.append(runStart..<index) }
                    runStart = -1
                }
                // An e-mail's @ sits between word characters; a mention's (" @INEMexico") does not.
                if byte == UInt8(ascii: "@"), index > 0, index + 1 < end, Self.isAddressByte(bytes[index - 1]),
                    Self.isAddressByte(bytes[index + 1])
                {
                    hasAddressAt = true
                }
                index += 1
            }
        }
    }

    private static func isAddressByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
    }
}

/// Helpers detectors share.
enum PersonalDataScan {
    /// Matches an anchored `pattern` starting `offsets` bytes before each run of `lengths` digits
    /// (the date of a CURP or an RFC), instead of trying it at every letter of the post.
    static func matchesBeforeDateRuns(
        of pattern: RegexPattern, offsets: [Int], runLengths lengths: ClosedRange<Int>, in post: AnalyzedPost,
        digits: DigitSummary, _ body: (RegexMatch) -> Void
    ) {
        var lastEnd = 0
        post.withProse { prose in
            for run in digits.dateRuns where lengths.contains(run.count) {
                for offset in offsets where run.lowerBound - offset >= lastEnd {
                    if let match = pattern.firstMatch(in: prose, from: run.lowerBound - offset, scratch: post.scratch),
                        !post.overlapsHandle(match.range)
                    {
                        lastEnd = match.range.upperBound
                        body(match)
                        break
                    }
                }
            }
        }
    }

    /// Calls `body` with every match of `pattern` in the prose that is not inside a hashtag or mention.
    static func matches(of pattern: RegexPattern, in post: AnalyzedPost, _ body: (RegexMatch) -> Void) {
        post.forEachMatch(of: pattern) { match in
            if !post.overlapsHandle(match.range) { body(match) }
        }
    }

    /// The digits of a string.
    static func digits(_ string: String) -> String { string.filter { $0.isASCII && $0.isNumber } }

    /// Letters and digits only, upper case ("hegg-560427" → "HEGG560427").
    static func compact(_ string: String) -> String {
        String(string.uppercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "&" })
    }
}

extension AnalyzedPost {
    /// The index of the first token that ends after `offset` (tokens are in order).
    func firstToken(endingAfter offset: Int) -> Int {
        var low = 0
        var high = tokens.count
        while low < high {
            let middle = (low + high) / 2
            if tokens[middle].range.upperBound <= offset { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Whether `range` overlaps a hashtag or a mention (identifiers there are names, not data).
    func overlapsHandle(_ range: Range<Int>) -> Bool {
        var index = firstToken(endingAfter: range.lowerBound)
        while index < tokens.count, tokens[index].range.lowerBound < range.upperBound {
            if tokens[index].kind == .hashtag || tokens[index].kind == .mention { return true }
            index += 1
        }
        return false
    }
}

extension PersonalDataScan {
    /// Whether the prose has `<<`, the filler of a machine-readable zone (INE card, passport).
    static func hasMRZFiller(_ post: AnalyzedPost) -> Bool {
        let prose = post.prose
        var index = 0
        while index + 1 < prose.count {
            if prose[index] == UInt8(ascii: "<") && prose[index + 1] == UInt8(ascii: "<") { return true }
            index += 1
        }
        return false
    }

    /// Whether a gap between words ends a sentence: a line break, or `.`, `!`, `?` followed by a
    /// space and a capital ("No. 12" does not).
    private static func endsSentence(_ prose: [UInt8], _ gap: Range<Int>) -> Bool {
        var index = gap.lowerBound
        while index < gap.upperBound {
            let byte = prose[index]
            if byte == UInt8(ascii: "\n") { return true }
            if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") {
                var next = index + 1
                while next < prose.count, prose[next] == UInt8(ascii: " ") { next += 1 }
                if next > index + 1, next < prose.count, prose[next] >= UInt8(ascii: "A"), prose[next] <= UInt8(ascii: "Z") { return true }
            }
            index += 1
        }
        return false
    }

    /// Whether the number at `range` is institutional rather than someone's: an amount (`$` before
    /// it), labelled as a folio, expediente, acuerdo… by the word just before it, or a count ("votos",
    /// "personas", "%") by the word just after it.
    ///
    /// The look-back stops at a word in `namedBy`, the words that name the data itself ("Credencial de
    /// Ana Partida, OCR 2086810962473": "OCR" names it, and "Partida" is a surname, not a label).
    static func isInstitutionalNumber(
        _ range: Range<Int>, in post: AnalyzedPost, resources: PersonalDataResources, namedBy: WordSet
    ) -> Bool {
        let prose = post.prose
        var before = range.lowerBound - 1
        while before >= 0, prose[before] == UInt8(ascii: " ") { before -= 1 }
        if before >= 0, prose[before] == UInt8(ascii: "$") { return true }
        let first = post.firstToken(endingAfter: range.lowerBound)
        // The label: one of the four words before the number, within 45 bytes and the same sentence
        // ("Folio de la solicitud de información: 123").
        var index = first - 1
        var words = 0
        var boundary = range.lowerBound
        while index >= 0, words < 4, range.lowerBound - post.tokens[index].range.upperBound <= 45 {
            let token = post.tokens[index]
            guard token.kind == .word, token.letters > 0, !endsSentence(prose, token.range.upperBound..<boundary) else { break }
            if resources.numberLabels.contains(token) { return true }
            if namedBy.contains(token) { break }
            words += 1
            boundary = token.range.lowerBound
            index -= 1
        }
        // The unit: the first token after the number, on the same line.
        var after = first
        while after < post.tokens.count, post.tokens[after].range.lowerBound < range.upperBound { after += 1 }
        var gap = range.upperBound
        while gap < prose.count, prose[gap] == UInt8(ascii: " ") { gap += 1 }
        if gap < prose.count, prose[gap] == UInt8(ascii: "%") { return true }
        if after < post.tokens.count, post.tokens[after].kind == .word, post.tokens[after].range.lowerBound - range.upperBound <= 3,
            resources.countWords.contains(post.tokens[after])
        {
            return true
        }
        return false
    }
}

/// Addresses compared as folded letters and digits separated by single spaces.
public enum AddressText {
    public static func normalize(_ text: String) -> String {
        var result = ""
        var pendingSpace = false
        for character in SpanishFolding.fold(text) {
            if character.isLetter || character.isNumber {
                if pendingSpace && !result.isEmpty { result.append(" ") }
                result.append(character)
                pendingSpace = false
            } else {
                pendingSpace = true
            }
        }
        return result
    }
}

/// Masks personal data for reports: letters and digits become `•` except a few that locate it.
public enum Redaction {
    /// Keeps the characters at `keep` (indices among letters and digits) and every separator.
    public static func mask(_ text: String, keep: Set<Int>) -> String {
        var result = ""
        var index = 0
        for character in text {
            if character.isLetter || character.isNumber {
                result.append(keep.contains(index) ? character : "•")
                index += 1
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// Default: the first two and the last two letters or digits stay.
    public static func mask(_ text: String) -> String {
        let count = text.filter { $0.isLetter || $0.isNumber }.count
        guard count > 4 else { return String(repeating: "•", count: text.count) }
        return mask(text, keep: [0, 1, count - 2, count - 1])
    }
}
