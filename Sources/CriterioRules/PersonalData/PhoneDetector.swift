import CriterioCore
import CriterioRegex

/// Mexican phone numbers: 10 digits (2- or 3-digit area code), optionally with `+52` and the old
/// mobile `1`. INE's published lines are allow-listed, toll-free 800 lines belong to organisations,
/// numbers labelled as folios, oficios, boletines, ISBN, DOF editions… or followed by a unit
/// ("votos", "pesos") are not phones, and neither are ten digits inside a longer code joined by
/// hyphens or slashes ("978-607-8510-52-3", "DEA-55-1234-5678").
public struct PhoneDetector: PersonalDataDetector {
    public static let kind = "telefono"
    public static let label = "número de teléfono"
    public static let contextWords = [
        "tel", "telefono", "tels", "cel", "celular", "movil", "whatsapp", "whats", "wa", "llamame", "llamar", "llama",
        "llamen", "marcame", "marca", "marcar", "numero", "contacto", "comunicate", "comuniquese", "mensaje", "sms",
        "telegram", "lada",
    ]
    public static let minimumDigits = 10

    private static let pattern = try! RegexPattern(
        #"(?<![\p{L}\p{N}+$/_])(?<![\p{L}\p{N}][-/])(?:\+?52[ .-]?(?:1[ .-]?)?)?(?:\(\s?[2-9]\d{1,2}\s?\)|[2-9]\d{1,2})[ .-]?\d{3,4}[ .-]?\d{4}(?![\p{L}\p{N}/])(?![-.]\p{N})"#)
    /// Hashes of the allow-listed numbers' ten digits.
    private let institutional: HashSet64
    /// Words that name this data: a label word before them belongs to something else.
    private static let naming = WordSet(["tel", "telefono", "cel", "celular", "whatsapp", "movil", "llamame", "marcame"])
    private let resources: PersonalDataResources

    public init(resources: PersonalDataResources) {
        institutional = HashSet64(resources.institutionalPhones.map { FoldedHash.hash($0.utf8) })
        self.resources = resources
    }

    public func candidates(in post: AnalyzedPost, digits: DigitSummary) -> [PersonalDataCandidate] {
        var found: [PersonalDataCandidate] = []
        PersonalDataScan.matches(of: Self.pattern, in: post) { match in
            let bytes = post.text.bytes[match.range]
            var digits = ArraySlice(bytes.filter { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
            if digits.count >= 12, digits.starts(with: [UInt8(ascii: "5"), UInt8(ascii: "2")]) {
                digits = digits.dropFirst(2)
                if digits.count == 11, digits.first == UInt8(ascii: "1") { digits = digits.dropFirst() }
            }
            guard digits.count == 10, let first = digits.first, first >= UInt8(ascii: "2"),
                Set(digits).count > 2, !institutional.contains(FoldedHash.hash(digits)),
                !digits.starts(with: Array("800".utf8)),
                !PersonalDataScan.isInstitutionalNumber(match.range, in: post, resources: resources, namedBy: Self.naming)
            else { return }
            found.append(.init(range: match.range, withoutContext: .warning, withContext: .error, detail: "número de teléfono"))
        }
        return found
    }

    /// `55 •••• ••78`: the area code and the last two digits.
    public func redact(_ text: String) -> String {
        let count = text.filter(\.isNumber).count
        let area = text.hasPrefix("+") || count > 10 ? count - 8 : 2
        return Redaction.mask(text, keep: Set(0..<area).union([count - 2, count - 1]))
    }

    public static let triggeringExamples = [
        RuleExample("Para dudas, mi celular es ↓55 1234 5678.", kind: kind, severity: .error),
        RuleExample("WhatsApp: ↓+52 33 1234 5678", kind: kind, severity: .error),
        RuleExample("Llámame al ↓(81) 1234-5678", kind: kind, severity: .error),
        RuleExample("Tel. ↓+52 1 55 1234 5678 (formato anterior)", kind: kind, severity: .error),
        RuleExample("Informes con Juan ↓999 123 4567", kind: kind, severity: .warning),
        RuleExample("Mándale mensaje al ↓331.234.5678 y te responde.", kind: kind, severity: .error),
        RuleExample("Para el oficio, llama a Juan al ↓33 1234 5678.", kind: kind, severity: .error),
        RuleExample("Boletín 23: si tienes dudas llama a Ana al ↓55 8765 4321.", kind: kind, severity: .error),
        RuleExample("Informes con Mariano Jerónimo Partida al ↓3360859328.", kind: kind, severity: .warning),
    ]

    public static let nonTriggeringExamples = [
        RuleExample("Llama a INETEL al 800 433 2000 para resolver tus dudas."),
        RuleExample("Línea gratuita de la institución: 800 123 4567."),
        RuleExample("Se emitieron 98,765,432 votos."),
        RuleExample("Presupuesto de $5 123 4567 pesos."),
        RuleExample("Se registraron 5512345678 visitas al portal."),
        RuleExample("Folio de la solicitud: 5512345678."),
        RuleExample("Expediente INE/JGE/5512345678 turnado."),
        RuleExample("La jornada será el 2 de junio de 2024."),
        RuleExample("Síguenos en #Llama5512345678 y @Cel5512345678."),
        RuleExample("Publicado en el DOF número 2024090412, edición vespertina."),
        RuleExample("Diario Oficial de la Federación, edición 5732165043 del 4 de septiembre."),
        RuleExample("Memoria del proceso electoral, ISBN 978-607-8510-52-3."),
        RuleExample("ISBN-10 6078510523; ISSN 2448-4903."),
        RuleExample("Oficio No. DEA-55-1234-5678 de la Dirección Ejecutiva."),
        RuleExample("Boletín 5512345678 de la Coordinación Nacional de Comunicación Social."),
        RuleExample("Comunicado 442 123 4567: resultados del cómputo."),
        RuleExample("Gaceta Electoral número 3312345678, tomo 2."),
        RuleExample("Tomo DCCXXXII No. 3312345678 del Periódico Oficial."),
    ]
}
