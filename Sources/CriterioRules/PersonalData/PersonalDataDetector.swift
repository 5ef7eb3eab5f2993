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
    /// Cheap precondition: a byte the prose must contain ("@" for e-mail), if any.
    static var requiredByte: UInt8? { get }
    static var triggeringExamples: [RuleExample] { get }
    static var nonTriggeringExamples: [RuleExample] { get }

    init(resources: PersonalDataResources) throws
    /// Every candidate in the post, validated, with how serious it is with and without context.
    func candidates(in post: AnalyzedPost) -> [PersonalDataCandidate]
    /// The text as reports show it: enough to find the spot, not enough to read it.
    func redact(_ text: String) -> String
}

extension PersonalDataDetector {
    public static var requiredByte: UInt8? { nil }
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

/// The allow-lists the detectors consult, loaded from `Wordlists/data/datos-personales/` plus the
/// configuration's additions.
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

    public init(
        institutionalDomains: [String], institutionalPhones: Set<String>, freeMailDomains: Set<String>,
        roleMailboxes: Set<String>, bankCodes: Set<String>
    ) {
        self.institutionalDomains = institutionalDomains
        self.institutionalPhones = institutionalPhones
        self.freeMailDomains = freeMailDomains
        self.roleMailboxes = roleMailboxes
        self.bankCodes = bankCodes
    }

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
            bankCodes: Set(try digits("bancos-abm").map { String($0.prefix(3)) }))
    }

    public func isInstitutionalDomain(_ domain: String) -> Bool {
        let lowered = domain.lowercased()
        return institutionalDomains.contains { lowered == $0 || lowered.hasSuffix("." + $0) }
    }
}

/// Helpers detectors share.
enum PersonalDataScan {
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
    /// Whether `range` overlaps a hashtag or a mention (identifiers there are names, not data).
    func overlapsHandle(_ range: Range<Int>) -> Bool {
        tokens.contains { ($0.kind == .hashtag || $0.kind == .mention) && $0.range.overlaps(range) }
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
