import Foundation

/// Foundation's errors said in Spanish, for the places that catch them (reading and writing files,
/// starting programs, parsing and decoding JSON). Foundation words them in English ("The file doesn't
/// exist.", "NSCocoaErrorDomain error 512", "Invalid value around character 0."); these never reach a
/// person. The caller names the file: these say only what went wrong.
public enum FoundationErrors {
    /// What to tell a person about any error: an `ExplainedError`'s own sentence, else Foundation's
    /// error in Spanish. Never a Swift description such as `SomeError(message: …)`.
    public static func message(for error: any Error) -> String {
        (error as? any ExplainedError)?.description ?? describe(error)
    }

    /// A file or process error (`CocoaError`, `NSError`, `POSIXError`), a JSON parse error or a
    /// decoding error, in Spanish.
    public static func describe(_ error: any Error) -> String {
        if let decoding = error as? DecodingError { return describe(decoding, root: nil) }
        let error = error as NSError
        if error.domain == NSPOSIXErrorDomain { return posix(Int32(error.code)) }
        if let underlying = (error.userInfo[NSUnderlyingErrorKey] as? any Error).map({ $0 as NSError }), underlying.domain == NSPOSIXErrorDomain {
            return posix(Int32(underlying.code))
        }
        guard error.domain == NSCocoaErrorDomain else { return "error del sistema (\(error.domain) \(error.code))" }
        switch CocoaError.Code(rawValue: error.code) {
        case .fileNoSuchFile, .fileReadNoSuchFile: return posix(ENOENT)
        case .fileReadNoPermission, .fileWriteNoPermission: return posix(EACCES)
        case .fileWriteFileExists: return posix(EEXIST)
        case .fileWriteOutOfSpace: return posix(ENOSPC)
        case .fileWriteVolumeReadOnly: return posix(EROFS)
        case .fileReadCorruptFile, .fileReadInapplicableStringEncoding, .fileReadUnknownStringEncoding:
            return "el contenido no se pudo leer como texto"
        case .fileWriteInapplicableStringEncoding: return "el texto no se pudo escribir en la codificación pedida"
        case .fileReadTooLarge: return "el archivo es demasiado grande"
        case .fileReadUnknown, .fileLocking: return "no se pudo leer"
        case .fileWriteUnknown: return "no se pudo escribir"
        case .propertyListReadCorrupt: return json(error).message
        case .coderReadCorrupt, .coderValueNotFound: return "los datos no tienen la forma esperada"
        default: return "error del sistema (código \(error.code))"
        }
    }

    /// An `errno` value in Spanish (never `strerror`, which is English).
    public static func posix(_ code: Int32) -> String {
        switch code {
        case ENOENT: "no existe el archivo o la carpeta"
        case EACCES, EPERM: "no hay permiso"
        case EISDIR: "es una carpeta, no un archivo"
        case ENOTDIR: "una parte de la ruta no es una carpeta"
        case EEXIST: "ya existe"
        case ENOTEMPTY: "la carpeta no está vacía"
        case ENOSPC: "no queda espacio en el disco"
        case EDQUOT: "se agotó la cuota de disco"
        case EROFS: "el sistema de archivos es de solo lectura"
        case ELOOP: "es un enlace simbólico circular"
        case ENAMETOOLONG: "la ruta es demasiado larga"
        case EIO: "error de lectura o escritura en el disco"
        case EMFILE, ENFILE: "hay demasiados archivos abiertos"
        case ENOMEM: "no hay memoria suficiente"
        case ETXTBSY, EBUSY: "el archivo está en uso"
        case ENOEXEC: "no es un programa ejecutable"
        case E2BIG: "la lista de argumentos es demasiado larga"
        case EAGAIN: "el recurso no está disponible por ahora; inténtalo de nuevo"
        case EPIPE: "el otro extremo cerró la tubería"
        case EXDEV: "no se puede mover entre sistemas de archivos distintos"
        case EFBIG: "el archivo es demasiado grande"
        case EINVAL: "argumento inválido"
        default: "error del sistema (errno \(code))"
        }
    }

    /// A JSON parse error (`JSONSerialization`, `JSONDecoder`) in Spanish, with the byte offset in the
    /// input Foundation points at, when it says.
    public struct JSONProblem: Sendable, Equatable {
        public let message: String
        /// Zero-based offset of the byte where the problem was found.
        public let offset: Int?
    }

    public static func json(_ error: any Error) -> JSONProblem {
        var nsError = error as NSError
        if let decoding = error as? DecodingError, case .dataCorrupted(let context) = decoding, let underlying = context.underlyingError {
            nsError = underlying as NSError
        }
        let detail = String(describing: nsError.userInfo[NSDebugDescriptionErrorKey] ?? "")
        let known: [(String, String)] = [
            ("surrogate", "escape \\u incompleto: falta la segunda mitad de un par sustituto"),
            ("Unexpected end of file", "el archivo termina antes de cerrar el JSON (¿falta una comilla, «}» o «]»?)"),
            ("did not start with array or object", "el texto no empieza con un objeto «{…}» ni con una lista «[…]»"),
            ("Too many nested", "demasiados niveles de listas u objetos anidados"),
            ("leading zero", "un número no puede empezar con cero"),
            ("Invalid escape sequence", "secuencia de escape inválida (se admiten \\\" \\\\ \\/ \\b \\f \\n \\r \\t y \\uXXXX)"),
            ("Invalid hex encoded sequence", "escape \\u inválido: lleva cuatro dígitos hexadecimales"),
            ("not representable", "un número está fuera del rango que se puede leer"),
            ("control character", "hay un carácter de control sin escapar dentro de un texto (un salto de línea se escribe \\n)"),
            ("UTF-8", "no es UTF-8 válido"),
            ("UTF8", "no es UTF-8 válido"),
            ("Unable to convert data to", "no es UTF-8 válido"),
            ("Invalid value", "valor inválido (¿falta una coma o unas comillas, o sobra texto?)"),
        ]
        let message = known.first { detail.contains($0.0) }?.1 ?? "error de sintaxis"
        return JSONProblem(message: message, offset: offset(in: detail))
    }

    /// A decoding error in Spanish: where in the document (`clave.lista[2]`) and what was wrong.
    public static func describe(_ error: DecodingError, root: String? = nil) -> String {
        let (path, problem) = explain(error)
        let location = codingPath(path, root: root)
        return location.isEmpty ? problem : "\(location): \(problem)"
    }

    /// The coding path of a decoding error and what was wrong there, in Spanish.
    public static func explain(_ error: DecodingError) -> (codingPath: [any CodingKey], problem: String) {
        switch error {
        case .typeMismatch(let type, let context):
            return (context.codingPath, "el valor no es \(typeName(type))")
        case .valueNotFound(let type, let context):
            return (context.codingPath, "falta el valor (se esperaba \(typeName(type)))")
        case .keyNotFound(let key, let context):
            return (context.codingPath + [key], "falta este campo")
        case .dataCorrupted(let context):
            switch context.underlyingError {
            case let inner as DecodingError: return explain(inner)
            case let message as DecodingMessage: return (context.codingPath, message.description)
            case let inner? where (inner as NSError).domain == NSCocoaErrorDomain:
                return (context.codingPath, "JSON inválido: " + json(inner).message)
            // JSONDecoder says only this ("The given data was not valid JSON."), with no detail.
            case nil where context.codingPath.isEmpty && context.debugDescription.contains("not valid JSON"):
                return ([], "JSON inválido")
            default: return (context.codingPath, "el valor no es válido")
            }
        @unknown default:
            return ([], "los datos no tienen la forma esperada")
        }
    }

    /// `queue.notifications.email.cncs[0]`.
    public static func codingPath(_ path: [any CodingKey], root: String?) -> String {
        var text = root ?? ""
        for key in path {
            if let index = key.intValue, key.stringValue.hasPrefix("Index ") || key.stringValue == String(index) {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "un texto"
        case is Bool.Type: "verdadero o falso (true/false)"
        case is Int.Type, is Int64.Type, is Int32.Type: "un número entero"
        case is Double.Type, is Float.Type: "un número"
        default:
            // Containers, as Foundation (`Array<…>`, `Dictionary<…>`) and Yams (`Sequence`, `Mapping`) name them.
            switch String(describing: type) {
            case let name where name.hasPrefix("Array") || name == "Sequence": "una lista"
            case let name where name.hasPrefix("Dictionary") || name == "Mapping": "un mapa"
            default: "del tipo esperado"
            }
        }
    }

    /// "around character 12." / "at 9." → 12 / 9.
    private static func offset(in detail: String) -> Int? {
        for marker in ["around character ", " at "] {
            guard let range = detail.range(of: marker, options: .backwards) else { continue }
            if let number = Int(detail[range.upperBound...].prefix(while: \.isNumber)) { return number }
        }
        return nil
    }
}

/// An error whose `description` is already a Spanish sentence for the person using Criterio (with
/// the file, line or record it concerns). Every error type of Criterio's own adopts it, so that
/// whatever reaches a command's boundary is said in Spanish (`FoundationErrors.message(for:)`).
public protocol ExplainedError: Error, CustomStringConvertible {}

/// A Spanish explanation carried inside a `DecodingError` by Criterio's own decoders, so that
/// `FoundationErrors` shows it as it is, at its coding path.
public struct DecodingMessage: ExplainedError, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

extension DecodingError {
    /// A value at `key` that decodes but is not acceptable, explained in Spanish.
    public static func spanish<Key: CodingKey>(_ message: String, forKey key: Key, in container: KeyedDecodingContainer<Key>) -> DecodingError {
        .dataCorrupted(Context(codingPath: container.codingPath + [key], debugDescription: message, underlyingError: DecodingMessage(message)))
    }

    /// A single value that decodes but is not acceptable, explained in Spanish.
    public static func spanish(_ message: String, in container: any SingleValueDecodingContainer) -> DecodingError {
        .dataCorrupted(Context(codingPath: container.codingPath, debugDescription: message, underlyingError: DecodingMessage(message)))
    }
}
