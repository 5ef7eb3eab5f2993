import CriterioCore
import CriterioRegex

/// E-mail addresses of people. Institutional domains (`ine.mx`) and role mailboxes of other
/// organisations (`contacto@…`) are not personal; free providers (Gmail, Hotmail…) always are.
public struct EmailDetector: PersonalDataDetector {
    public static let kind = "correo"
    public static let label = "correo electrónico"
    public static let contextWords = ["correo", "email", "e mail", "mail", "escribeme", "escribele", "contactame", "contacto"]
    public static let minimumDigits = 0
    public static let requiredByte: UInt8? = UInt8(ascii: "@")

    private static let pattern = try! RegexPattern(
        #"(?<![\w.+-])(?=[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@)[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}(?![\w-])"#)
    private let resources: PersonalDataResources

    public init(resources: PersonalDataResources) {
        self.resources = resources
    }

    public func candidates(in post: AnalyzedPost, digits: DigitSummary) -> [PersonalDataCandidate] {
        var found: [PersonalDataCandidate] = []
        post.forEachMatch(of: Self.pattern) { match in
            let address = post.text.string(match.range).lowercased()
            guard let at = address.lastIndex(of: "@") else { return }
            let local = String(address[..<at])
            let domain = String(address[address.index(after: at)...])
            if resources.isInstitutionalDomain(domain) || domain.hasPrefix("example.") { return }
            if resources.freeMailDomains.contains(domain) {
                found.append(.init(range: match.range, withoutContext: .error, withContext: .error, detail: "correo personal en \(domain)"))
            } else if !resources.roleMailboxes.contains(local) {
                found.append(.init(range: match.range, withoutContext: .warning, withContext: .error, detail: "correo de una persona"))
            }
        }
        return found
    }

    /// `j•••••••@gmail.com`: the domain stays, the person's part does not.
    public func redact(_ text: String) -> String {
        guard let at = text.lastIndex(of: "@") else { return Redaction.mask(text) }
        let local = text[..<at]
        return String(local.prefix(1)) + String(repeating: "•", count: max(local.count - 1, 1)) + text[at...]
    }

    public static let triggeringExamples = [
        RuleExample("Escríbele a ↓maria.lopez85@gmail.com para inscribirte.", kind: kind, severity: .error),
        RuleExample("Dudas: ↓JPEREZ@HOTMAIL.COM", kind: kind, severity: .error),
        RuleExample("Su correo es ↓juan.perez@partido.org.mx", kind: kind, severity: .error),
        RuleExample("Coordina ↓juan.perez@consultora.com.mx", kind: kind, severity: .warning),
    ]

    public static let nonTriggeringExamples = [
        RuleExample("Escribe a transparencia@ine.mx o a contacto.cncs@ine.mx."),
        RuleExample("Síguenos en @INEMexico y @INEtelMX."),
        RuleExample("Prensa del partido: contacto@partido.org.mx"),
        RuleExample("Ejemplo de formato: nombre@example.com"),
    ]
}
