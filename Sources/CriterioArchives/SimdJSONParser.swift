import CSimdJSON
import Foundation

/// simdjson, for archives: its DOM parser reads a JSON line, or one tweet, and its On-Demand parser
/// walks the list of an X part (`forEachElement`). It parses and validates a line (UTF-8 included)
/// in about half a microsecond. `JSONDecoder` took 18 µs to decode one into a struct, a quarter of
/// a scan's time; a line now costs 5 µs, mostly its strings and its date. Not thread-safe: make one
/// per thread and reuse it for every line.
///
/// The values `parse` hands over point into the parser, so they are read inside its closure only.
final class SimdJSONParser {
    private let parser: OpaquePointer

    init() {
        guard let parser = criterio_json_parser_create() else { fatalError("no hay memoria para el lector de JSON") }
        self.parser = parser
    }

    deinit { criterio_json_parser_destroy(parser) }

    /// Why a document is not JSON.
    struct SyntaxError: Error, Equatable {
        let code: criterio_json_error

        /// In Spanish, as `FoundationErrors.json` says Foundation's (but for UTF-8: the caller knows
        /// the bytes and says where).
        var message: String {
            switch code {
            case CRITERIO_JSON_INCOMPLETE, CRITERIO_JSON_UNCLOSED_STRING:
                "el JSON termina antes de cerrarse (¿falta una comilla, «}» o «]»?)"
            case CRITERIO_JSON_BAD_ESCAPE: "secuencia de escape inválida (se admiten \\\" \\\\ \\/ \\b \\f \\n \\r \\t y \\uXXXX)"
            case CRITERIO_JSON_CONTROL_CHARACTER: "hay un carácter de control sin escapar dentro de un texto (un salto de línea se escribe \\n)"
            case CRITERIO_JSON_BAD_LITERAL: "valor inválido (¿un texto sin comillas? solo true, false y null van sin ellas)"
            case CRITERIO_JSON_BAD_NUMBER: "un número está mal escrito o fuera del rango que se puede leer"
            case CRITERIO_JSON_NOT_UTF8: "no es UTF-8 válido"
            case CRITERIO_JSON_TOO_DEEP: "demasiados niveles de listas u objetos anidados"
            case CRITERIO_JSON_EMPTY: "no hay ningún valor JSON"
            case CRITERIO_JSON_NO_MEMORY: "no hay memoria suficiente para leerlo"
            case CRITERIO_JSON_TOO_LARGE: "mide más de 4 GiB, más de lo que se puede leer de una vez"
            case CRITERIO_JSON_NOT_A_LIST: "no es una lista «[…]»"
            // simdjson says only this for most structural mistakes, an object or list left open included.
            case CRITERIO_JSON_SYNTAX: "la estructura no es válida (¿falta una coma, unas comillas, «}» o «]», o sobra texto?)"
            default: "error de sintaxis"
            }
        }
    }

    /// Parses `bytes` as one JSON document and hands its root value to `body`.
    func parse<T, Failure: Error>(_ bytes: Data, _ body: (JSONValue) throws(Failure) -> T) throws -> T {
        try bytes.withUnsafeBytes { raw in try parse(raw, body) }
    }

    func parse<T, Failure: Error>(_ bytes: UnsafeRawBufferPointer, _ body: (JSONValue) throws(Failure) -> T) throws -> T {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { throw SyntaxError(code: CRITERIO_JSON_EMPTY) }
        var root = criterio_json_value()
        let code = criterio_json_parse(parser, base.assumingMemoryBound(to: CChar.self), bytes.count, &root)
        guard code == CRITERIO_JSON_OK else { throw SyntaxError(code: code) }
        return try body(JSONValue(handle: root))
    }

    /// Calls `body` with the bytes of each element of the JSON list in `bytes[start...]`, and their
    /// offset from `start`, without building the list: for a list of hundreds of megabytes (an X
    /// archive's `tweets.js`), memory holds the bytes, simdjson's index of them and one element.
    /// `body` reads an element with `parse` and returns false to stop. Zeros are appended to `bytes`
    /// for simdjson, which reads past the end. A mistake the walk reaches ends it, after the
    /// elements before it.
    func forEachElement(in bytes: inout Data, from start: Int, _ body: (UnsafeRawBufferPointer, Int) throws -> Bool) throws {
        let length = bytes.count - start
        bytes.append(Data(count: criterio_json_padding()))
        try withoutActuallyEscaping(body) { body in
            let walk = ElementWalk(body: body)
            let code = bytes.withUnsafeBytes { raw in
                criterio_json_each_element(
                    parser, raw.baseAddress!.assumingMemoryBound(to: CChar.self) + start, length, Unmanaged.passUnretained(walk).toOpaque()
                ) { context, element, count, offset in
                    let walk = Unmanaged<ElementWalk>.fromOpaque(context!).takeUnretainedValue()
                    do {
                        return try walk.body(UnsafeRawBufferPointer(start: element, count: count), offset)
                    } catch {
                        walk.failure = error
                        return false
                    }
                }
            }
            if let failure = walk.failure { throw failure }
            guard code == CRITERIO_JSON_OK else { throw SyntaxError(code: code) }
        }
    }

    /// What `forEachElement` hands simdjson's callback, through its context pointer.
    private final class ElementWalk {
        let body: (UnsafeRawBufferPointer, Int) throws -> Bool
        var failure: (any Error)?

        init(body: @escaping (UnsafeRawBufferPointer, Int) throws -> Bool) { self.body = body }
    }
}

/// A value of the document `SimdJSONParser.parse` is reading.
struct JSONValue {
    fileprivate let handle: criterio_json_value

    enum Kind {
        case array, object, string, integer, largeInteger, real, bool, null
    }

    var kind: Kind {
        switch criterio_json_type_of(handle) {
        case CRITERIO_JSON_ARRAY: .array
        case CRITERIO_JSON_OBJECT: .object
        case CRITERIO_JSON_STRING: .string
        case CRITERIO_JSON_INT64: .integer
        case CRITERIO_JSON_UINT64: .largeInteger
        case CRITERIO_JSON_DOUBLE: .real
        case CRITERIO_JSON_BOOL: .bool
        default: .null
        }
    }

    var isNull: Bool { kind == .null }

    var string: String? {
        var bytes: UnsafePointer<CChar>?
        var length = 0
        guard criterio_json_string(handle, &bytes, &length), let bytes else { return nil }
        return bytes.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }

    /// An integer, or a real number with an exact integer value (`5.0`, `1e3`), as JSONDecoder reads
    /// them into an `Int64`.
    var integer: Int64? {
        var value: Int64 = 0
        if criterio_json_int64(handle, &value) { return value }
        var real = 0.0
        guard kind == .real, criterio_json_double(handle, &real) else { return nil }
        return Int64(exactly: real)
    }

    var bool: Bool? {
        var value = false
        return criterio_json_bool(handle, &value) ? value : nil
    }

    /// The items of a list (none if this is not a list).
    var items: [JSONValue] {
        var values = [criterio_json_value](repeating: criterio_json_value(), count: criterio_json_array_items(handle, nil, 0))
        _ = criterio_json_array_items(handle, &values, values.count)
        return values.map(JSONValue.init)
    }

    /// The fields of an object by key, the first of duplicate keys kept (as JSONDecoder keeps it);
    /// nil if this is not an object.
    var fields: [String: JSONValue]? {
        guard kind == .object else { return nil }
        var fields: [String: JSONValue] = [:]
        forEachField { key, value in
            let name = String(decoding: key, as: UTF8.self)
            if fields[name] == nil { fields[name] = value }
        }
        return fields
    }

    /// Calls `body` with each key (its UTF-8 bytes) and value of an object, in order, duplicates
    /// included; nothing if this is not an object.
    func forEachField<Failure: Error>(_ body: (UnsafeBufferPointer<UInt8>, JSONValue) throws(Failure) -> Void) throws(Failure) {
        let count = criterio_json_object_fields(handle, nil, 0)
        try withUnsafeTemporaryAllocation(of: criterio_json_field.self, capacity: count) { (fields) throws(Failure) in
            let written = criterio_json_object_fields(handle, fields.baseAddress, count)
            for field in fields.prefix(written) {
                let key = UnsafeRawPointer(field.key)?.assumingMemoryBound(to: UInt8.self)
                try body(UnsafeBufferPointer(start: key, count: field.key_length), JSONValue(handle: field.value))
            }
        }
    }
}
