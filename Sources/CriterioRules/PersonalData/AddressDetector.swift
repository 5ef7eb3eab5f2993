import CriterioCore
import CriterioRegex

/// Street addresses: a street (calle, avenida, privada…) with a house number, a colonia, a C.P.
/// Components within a few words of each other form one address. A street with a number and a
/// colonia or C.P. is an address on its own; a street with a number alone needs a word such as
/// "domicilio" or "vivo en". Addresses of INE offices (allow-listed in `Wordlists/`) and of
/// institutional places (a módulo, a junta, a casilla, named just before) are not personal data.
public struct AddressDetector: PersonalDataDetector {
    public static let kind = "domicilio"
    public static let label = "domicilio"
    public static let contextWords = [
        "domicilio", "direccion", "vivo en", "vive en", "viven en", "vivimos en", "vivia en", "mi casa", "su casa",
        "nuestra casa", "hogar", "domicilio particular", "entregar en", "recoger en", "habita en",
    ]
    public static let minimumDigits = 1

    private static let street = try! RegexPattern(
        #"(?<![\p{L}\p{N}])(?i:calle|avenida|av\.?|avda\.?|blvd\.?|boulevard|bulevar|calzada|calz\.?|cerrada|cda\.?|privada|priv\.?|andador|callej[oó]n|circuito|prolongaci[oó]n|prol\.?|carretera|camino|eje\s+vial|perif[eé]rico|viaducto|retorno|paseo|diagonal)\s+(?:(?:de|del|la|las|los|el|y)\s+|[\p{Lu}\d][\p{L}\p{N}.'’]*,?\s+){1,6}?(?:#\s?|(?i:n[oº°]\.?|n[uú]m\.?|n[uú]mero)\s?)?\d{1,5}(?:\s?-?[A-Z](?![\p{L}\p{N}]))?(?![\p{N}:%])(?:\s*,?\s*(?i:int\.?|interior|depto\.?|departamento|dpto\.?)\s*[\p{L}\p{N}-]+)?"#)
    private static let colonia = try! RegexPattern(
        #"(?<![\p{L}\p{N}])(?i:col\.|colonia|fracc\.|fraccionamiento|barrio|unidad\s+habitacional|u\.\s?h\.)\s+(?:(?:de|del|la|las|los|el)\s+)?[\p{Lu}\d][\p{L}\p{N}]*(?:\s+(?:(?:de|del|la|las|los|el)\s+)?[\p{Lu}][\p{L}]*){0,4}"#)
    private static let postalCode = try! RegexPattern(
        #"(?<![\p{L}\p{N}])(?i:c\.\s?p\.?|cp\.?|c[oó]digo\s+postal)\s*:?\s*(?:0[1-9]|[1-9]\d)\d{3}(?!\p{N})"#)

    public static let anchorWords: [String]? = streetWords + [
        "col", "colonia", "fracc", "fraccionamiento", "barrio", "unidad", "u", "c", "cp", "codigo",
    ]
    private static let streetWords = [
        "calle", "avenida", "av", "avda", "blvd", "boulevard", "bulevar", "calzada", "calz", "cerrada", "cda", "privada", "priv",
        "andador", "callejon", "circuito", "prolongacion", "prol", "carretera", "camino", "eje", "periferico", "viaducto",
        "retorno", "paseo", "diagonal",
    ]
    private static let streetAnchors = WordSet(streetWords)
    /// Words that make an address someone's home even next to an institutional word.
    private static let personal = WordSet(["vivo", "vive", "viven", "vivimos", "vivia", "habita", "casa", "particular", "hogar"])

    private let resources: PersonalDataResources
    /// The allow-listed addresses, normalised, as bytes.
    private let institutionalAddresses: [[UInt8]]

    public init(resources: PersonalDataResources) {
        self.resources = resources
        institutionalAddresses = resources.institutionalAddresses.map { Array($0.utf8) }
    }

    private enum Part { case street, colonia, postalCode }

    public func candidates(in post: AnalyzedPost, digits: DigitSummary) -> [PersonalDataCandidate] {
        let hasStreet = Self.streetAnchors.appears(in: post)
        var parts: [(part: Part, range: Range<Int>)] = []
        // "#12" is a house number here, not a hashtag; a mention or a hashtag with letters is not an address.
        func collect(_ pattern: RegexPattern, _ part: Part) {
            post.forEachMatch(of: pattern) { match in
                if !overlapsNamedHandle(match.range, in: post) { parts.append((part, match.range)) }
            }
        }
        if hasStreet { collect(Self.street, .street) }
        collect(Self.colonia, .colonia)
        collect(Self.postalCode, .postalCode)
        guard !parts.isEmpty else { return [] }
        parts.sort { $0.range.lowerBound < $1.range.lowerBound }

        // Components close to each other (a comma, a few words) are one address: at most one street,
        // one colonia and one C.P., so that an address is never longer than its parts (a text that
        // repeats "calle 5 número 10 colonia centro" is many addresses, not one).
        var groups: [[(part: Part, range: Range<Int>)]] = []
        for part in parts {
            if let last = groups.last?.last, last.range.overlaps(part.range) {
                continue
            } else if let last = groups.last?.last, part.range.lowerBound - last.range.upperBound <= 40,
                !groups[groups.count - 1].contains(where: { $0.part == part.part })
            {
                groups[groups.count - 1].append(part)
            } else {
                groups.append([part])
            }
        }

        var found: [PersonalDataCandidate] = []
        for group in groups {
            let range = group[0].range.lowerBound..<group.map(\.range.upperBound).max()!
            let kinds = Set(group.map { "\($0.part)" })
            let street = kinds.contains("street")
            let others = kinds.subtracting(["street"]).count
            let severities: (Severity?, Severity?, String)
            if street && others > 0 {
                severities = (.error, .error, "calle, número y colonia o código postal")
            } else if street {
                severities = (.warning, .error, "calle y número")
            } else if others == 2 {
                severities = (.warning, .error, "colonia y código postal")
            } else if kinds.contains("postalCode") {
                severities = (nil, .warning, "código postal")
            } else {
                continue
            }
            guard !isInstitutional(range, in: post) else { continue }
            found.append(.init(range: range, withoutContext: severities.0, withContext: severities.1, detail: "domicilio: \(severities.2)"))
        }
        return found
    }

    private func overlapsNamedHandle(_ range: Range<Int>, in post: AnalyzedPost) -> Bool {
        var index = post.firstToken(endingAfter: range.lowerBound)
        while index < post.tokens.count, post.tokens[index].range.lowerBound < range.upperBound {
            let token = post.tokens[index]
            if token.kind == .mention || (token.kind == .hashtag && token.letters > 0) { return true }
            index += 1
        }
        return false
    }

    /// An INE office on the allow-list, or an address introduced by an institutional place
    /// ("el módulo de Av. Juárez 10") with no word that makes it a home.
    private func isInstitutional(_ range: Range<Int>, in post: AnalyzedPost) -> Bool {
        let text = Array(AddressText.normalize(post.text.string(range)).utf8)
        if institutionalAddresses.contains(where: { AddressText.contains(text, $0) }) { return true }
        let lineStart = post.text.lineStart(containing: range.lowerBound)
        let before = max(lineStart, range.lowerBound - 100)..<range.upperBound
        return resources.institutionalPlaces.appears(in: post, within: before)
            && !Self.personal.appears(in: post, within: max(lineStart, range.lowerBound - 60)..<range.upperBound)
    }

    /// `Calle •••••• ••, ••• ••••••, •.•. •••00`: the first word and the last two digits.
    public func redact(_ text: String) -> String {
        let firstWord = text.prefix { $0.isLetter }.count
        let count = text.filter { $0.isLetter || $0.isNumber }.count
        return Redaction.mask(text, keep: Set(0..<firstWord).union([count - 2, count - 1]))
    }

    public static let triggeringExamples = [
        RuleExample("Entreguen los documentos en ↓Calle Morelos 45, Col. Centro, C.P. 06000.", kind: kind, severity: .error),
        RuleExample("Mi domicilio: ↓Av. Insurgentes Sur 1602 int. 4", kind: kind, severity: .error),
        RuleExample("Pasen por ella a ↓Privada de los Pinos #12", kind: kind, severity: .warning),
        RuleExample("Vive en ↓Col. Roma Norte, CP 06700, por si alguien la busca.", kind: kind, severity: .error),
        RuleExample("Aunque es cerca del módulo, vivo en ↓calle 5 de Mayo 123, colonia Centro.", kind: kind, severity: .error),
    ]

    public static let nonTriggeringExamples = [
        RuleExample("Oficinas centrales del INE: Viaducto Tlalpan 100, Col. Arenal Tepepan, C.P. 14610, Tlalpan."),
        RuleExample("Acude al módulo de atención ciudadana en Av. Juárez 10, Col. Centro."),
        RuleExample("La casilla se instalará en la escuela primaria de la calle Hidalgo 23."),
        RuleExample("Camino a la elección de 2024: la calle tiene 3 carriles."),
        RuleExample("Recorrimos la colonia Doctores y el barrio de Tepito."),
        RuleExample("La sesión inicia a las 10:00 en Paseo de la Reforma; sigue la transmisión."),
    ]
}
