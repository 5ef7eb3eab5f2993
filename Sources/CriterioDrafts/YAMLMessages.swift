import Yams

/// libyaml's and Yams's complaints in Spanish, for front matter and `.criterio.yml`: the one place
/// YAML errors are put into words. None of their English text reaches a person.
public enum YAMLMessages {
    /// Where (line and column, 1-based, in the YAML text) and what went wrong.
    public struct Problem: Sendable, Equatable {
        public let line: Int?
        public let column: Int?
        public let message: String
    }

    public static func describe(_ error: YamlError) -> Problem {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return Problem(line: mark.line, column: mark.column, message: spanish(problem))
        case .reader:
            return Problem(line: nil, column: nil, message: "el texto no es UTF-8 válido o tiene caracteres de control")
        case .dataCouldNotBeDecoded:
            return Problem(line: nil, column: nil, message: "el texto no es UTF-8 válido")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.sorted().map { "«\($0)»" }.joined(separator: ", ")
            return Problem(
                line: context.mark.line, column: context.mark.column,
                message: duplicates.count == 1 ? "la clave \(keys) está repetida" : "las claves \(keys) están repetidas")
        case .memory:
            return Problem(line: nil, column: nil, message: "no hubo memoria suficiente para leer el YAML")
        default:
            return Problem(line: nil, column: nil, message: "YAML ilegible")
        }
    }

    /// A libyaml problem in Spanish; one it does not know is "error de sintaxis".
    public static func spanish(_ problem: String) -> String {
        for (english, spanish) in known where problem.contains(english) { return spanish }
        return "error de sintaxis"
    }

    private static let known: [(String, String)] = [
        ("mapping values are not allowed", "aquí no puede ir «:» (¿falta un espacio después de «:» o comillas en el valor?)"),
        ("mapping keys are not allowed", "aquí no puede empezar una clave (revisa la sangría)"),
        ("did not find expected key", "no se encontró la clave esperada (revisa la sangría)"),
        ("could not find expected ':'", "falta «:» después de la clave"),
        ("found character that cannot start any token", "hay un carácter que no puede iniciar un valor (¿un tabulador, «@» o «`» sin comillas?)"),
        ("found unexpected end of stream", "el texto termina antes de lo esperado (¿comillas sin cerrar?)"),
        ("did not find expected node content", "falta un valor"),
        ("found undefined alias", "alias de YAML no definido"),
        ("did not find expected ',' or ']'", "una lista entre corchetes no está bien cerrada"),
        ("did not find expected ',' or '}'", "un mapa entre llaves no está bien cerrado"),
        ("found a tab character", "YAML no admite tabuladores para la sangría"),
        ("block sequence entries are not allowed", "aquí no puede empezar una lista con «-»"),
        ("did not find expected '-' indicator", "falta el «-» de un elemento de la lista (revisa la sangría)"),
        ("Maximum nesting level reached", "demasiados niveles de listas o mapas anidados"),
        ("found unexpected ':'", "sobra un «:» (¿faltan comillas en el valor?)"),
        ("found unknown escape character", "secuencia de escape desconocida entre comillas dobles (¿querías «\\\\»?)"),
        ("found unexpected document indicator", "una línea «---» o «...» está dentro de un valor"),
        ("did not find expected comment or line break", "sobra texto después del valor (¿faltan comillas?)"),
        ("did not find expected whitespace", "falta un espacio"),
        ("control characters are not allowed", "hay caracteres de control no permitidos"),
        ("UTF-8", "el texto no es UTF-8 válido"),
        ("UTF-16", "el texto no es UTF-8 válido"),
        ("found invalid Unicode character escape code", "un escape Unicode entre comillas es inválido"),
        ("invalid Unicode character", "hay un carácter Unicode inválido"),
        ("did not find expected hexdecimal number", "un escape entre comillas espera dígitos hexadecimales"),
        ("found an indentation indicator equal to 0", "el indicador de sangría de un bloque no puede ser 0"),
        ("found undefined tag handle", "etiqueta de YAML («!») no definida"),
        ("did not find expected tag URI", "etiqueta de YAML («!») mal escrita"),
        ("did not find expected '!'", "etiqueta de YAML («!») mal escrita"),
        ("did not find the expected '>'", "etiqueta de YAML «!<…>» sin cerrar"),
        ("did not find URI escaped octet", "etiqueta de YAML con un escape «%» inválido"),
        ("directive", "directiva «%» de YAML inválida"),
        ("version number", "directiva «%YAML» inválida"),
        ("found incompatible YAML document", "versión de YAML no admitida"),
        ("did not find expected <document start>", "falta «---» al inicio de un documento"),
        ("found unexpected non-alphabetical character", "carácter inesperado en un ancla o alias («&», «*»)"),
        ("did not find expected alphabetic or numeric character", "un ancla o alias («&», «*») necesita un nombre"),
        ("did not find expected digit or '.' character", "directiva «%YAML» inválida"),
        ("input is too long", "el texto es demasiado largo"),
    ]
}
