import Foundation

/// How the queue reads the names of people and of areas. A name is written once and found however
/// it is typed: in Unicode NFC («rosá» precomposed or with a combining accent is one name) and
/// without regard to case («ROSA» is «rosa»). Names hold no control or format characters (escape
/// sequences, line breaks, zero-width spaces, bidirectional marks), so a listing shows what is
/// stored and nothing can pass for the reserved name «sistema».
enum QueueNames {
    /// A user name as stored: trimmed, NFC, one word of visible characters, not «sistema».
    static func userName(_ raw: String) throws(QueueError) -> String {
        let name = raw.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
        guard !name.isEmpty else { throw QueueError(.invalidInput, "el nombre de usuario no puede estar vacío") }
        if let character = invisible(in: name) {
            throw QueueError(.invalidInput, "el nombre de usuario lleva un carácter de control o invisible (\(character)); escríbelo solo con letras, números y signos visibles")
        }
        guard !name.contains(where: \.isWhitespace) else { throw QueueError(.invalidInput, "el nombre de usuario no puede llevar espacios") }
        guard !same(name, Actor.systemName) else {
            throw QueueError(.invalidInput, "«\(Actor.systemName)» es el nombre reservado de la cola para lo que hace sola; elige otro")
        }
        return name
    }

    /// An area as stored: trimmed, NFC, visible characters and spaces; nil when blank.
    static func area(_ raw: String?) throws(QueueError) -> String? {
        guard let area = raw?.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping, !area.isEmpty else { return nil }
        if let character = invisible(in: area) {
            throw QueueError(.invalidInput, "el área lleva un carácter de control o invisible (\(character)); escríbela en una sola línea de texto visible")
        }
        return area
    }

    /// Whether two names are the same name: equal in NFC, ignoring case.
    static func same(_ first: String, _ second: String) -> Bool {
        first == second || key(first) == key(second)
    }

    static func key(_ name: String) -> String {
        name.precomposedStringWithCanonicalMapping.lowercased()
    }

    /// The first control, format or separator character of `text` (but the plain space), as U+XXXX.
    private static func invisible(in text: String) -> String? {
        for scalar in text.unicodeScalars where scalar != " " {
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned:
                return "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
            default:
                continue
            }
        }
        return nil
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
