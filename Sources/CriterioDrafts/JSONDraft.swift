import CriterioCore
import CriterioFoundation
import Foundation

/// A draft written as a JSON object: `{"text": "…", "network": "x", "media": ["foto.jpg"]}`.
///
/// Foundation parses and validates the JSON. Then `JSONMembers` walks the validated bytes once for
/// what Foundation does not say: where each top-level key and value is written (so that findings
/// and errors point to the right line and column), the type each value is written as, and whether
/// a key repeats (Foundation keeps the last; a draft whose keys repeat is refused).
enum JSONDraft {
    struct Parsed {
        let text: SourceText
        let metadata: PostMetadata
        let sourceMap: SourceMap
    }

    static func parse(
        _ file: SourceText, path: String, inspectMedia: @escaping (String) -> MediaInspection?
    ) throws(DraftInputError) -> Parsed {
        // A byte-order mark is not JSON; skip it like an editor does.
        let start = file.bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(file.bytes[start...]))
        } catch {
            let problem = FoundationErrors.json(error)
            let position = problem.offset.map { file.position(of: min(start + $0, file.bytes.count)) }
            throw DraftInputError(path: path, line: position?.line, column: position?.column, message: "JSON inválido: " + problem.message)
        }
        guard let dictionary = object as? [String: Any] else {
            throw DraftInputError(path: path, line: 1, message: "el borrador JSON debe ser un objeto {\"text\": …}")
        }
        let members: [JSONMembers.Member]
        do {
            members = try JSONMembers.scan(file.bytes, from: start)
        } catch {
            let position = file.position(of: error.offset)
            throw DraftInputError(
                path: path, line: position.line, column: position.column,
                message: "la clave «\(error.key)» está repetida; un borrador da cada clave una sola vez")
        }
        var collector = MetadataCollector(allowsText: true, inspectMedia: inspectMedia)
        var textMember: JSONMembers.Member?
        for member in members {
            guard let any = dictionary[member.name] else { continue }
            do {
                try collector.set(member.name, value(any, writtenAs: member, in: file.bytes))
            } catch {
                let position = file.position(of: member.keyOffset)
                throw DraftInputError(path: path, line: position.line, column: position.column, message: error.message)
            }
            if MetadataField(key: member.name) == .text { textMember = member }
        }
        guard let text = collector.text, let textMember else {
            throw DraftInputError(path: path, message: "el borrador JSON no tiene la clave «text» (o «texto») con el texto de la publicación")
        }
        return Parsed(
            text: SourceText(text), metadata: collector.metadata,
            sourceMap: SourceMap(file: file, fileOffsets: literalOffsets(of: text, at: textMember.valueOffset, in: file.bytes)))
    }

    /// The metadata value of a member, named by how it is written when it is not a text or a list of texts.
    private static func value(_ any: Any, writtenAs member: JSONMembers.Member, in bytes: [UInt8]) -> MetadataValue {
        switch member.kind {
        case .string:
            return .string(any as? String ?? "", range: nil)
        case .array:
            guard let array = any as? [Any] else { return .unsupported("una lista") }
            var items: [(String, Range<Int>?)] = []
            for element in array {
                guard let string = element as? String else { return .unsupported("una lista con valores que no son texto") }
                items.append((string, nil))
            }
            return .list(items)
        case .null:
            return .null
        case .boolean:
            return .unsupported("un booleano (\(bytes[member.valueOffset] == UInt8(ascii: "t") ? "true" : "false"))")
        case .number:
            return .unsupported("un número (\(JSONMembers.literal(at: member.valueOffset, in: bytes)))")
        case .object:
            return .unsupported("un objeto")
        }
    }

    /// Offsets in the file of every byte of `text` (plus one for its end), from the string literal
    /// that starts at `quote`. Should Foundation and the literal disagree (a lone surrogate
    /// escape), every byte maps to the literal's start.
    static func literalOffsets(of text: String, at quote: Int, in bytes: [UInt8]) -> [Int] {
        if let (decoded, offsets) = JSONMembers.decodeLiteral(bytes, openingQuote: quote), decoded.elementsEqual(text.utf8) {
            return offsets
        }
        return Array(repeating: quote, count: text.utf8.count + 1)
    }
}

/// One walk over JSON that Foundation already validated: the top-level object's members, where
/// each key and value is written and what kind of value it is, refusing any object (at any depth)
/// whose keys repeat. Not a parser: it trusts the JSON to be valid, and only follows its structure.
enum JSONMembers {
    enum Kind: Sendable { case string, number, boolean, null, object, array }

    struct Member {
        /// The decoded key.
        let name: String
        /// Where the key's opening quote is.
        let keyOffset: Int
        /// Where the value starts.
        let valueOffset: Int
        let kind: Kind
    }

    /// A key written twice in one object.
    struct Duplicate: Error {
        let key: String
        /// Where the second one is.
        let offset: Int
    }

    static func scan(_ bytes: [UInt8], from start: Int) throws(Duplicate) -> [Member] {
        var members: [Member] = []
        // Per open container: whether it is an object, and the keys seen in it.
        var stack: [(isObject: Bool, keys: Set<String>)] = []
        var index = skipSpace(bytes, start)
        var expectingKey = false
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "{"):
                stack.append((true, []))
                expectingKey = true
                index += 1
            case UInt8(ascii: "["):
                stack.append((false, []))
                expectingKey = false
                index += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if !stack.isEmpty { stack.removeLast() }
                if stack.isEmpty { return members }
                index += 1
            case UInt8(ascii: ","):
                expectingKey = stack.last?.isObject ?? false
                index += 1
            case UInt8(ascii: "\""):
                let end = stringEnd(bytes, from: index)
                if expectingKey, let depth = stack.indices.last {
                    let name = decodeLiteral(bytes, openingQuote: index).map { String(decoding: $0.0, as: UTF8.self) } ?? ""
                    guard stack[depth].keys.insert(name).inserted else { throw Duplicate(key: name, offset: index) }
                    // `"key" : value`
                    var valueStart = skipSpace(bytes, end)
                    if valueStart < bytes.count, bytes[valueStart] == UInt8(ascii: ":") { valueStart = skipSpace(bytes, valueStart + 1) }
                    if depth == 0, valueStart < bytes.count {
                        members.append(Member(name: name, keyOffset: index, valueOffset: valueStart, kind: kind(of: bytes[valueStart])))
                    }
                    expectingKey = false
                    index = valueStart
                } else {
                    index = end
                }
            default:
                index += 1
            }
        }
        return members
    }

    private static func kind(of first: UInt8) -> Kind {
        switch first {
        case UInt8(ascii: "\""): .string
        case UInt8(ascii: "{"): .object
        case UInt8(ascii: "["): .array
        case UInt8(ascii: "t"), UInt8(ascii: "f"): .boolean
        case UInt8(ascii: "n"): .null
        default: .number
        }
    }

    /// A number or literal as written (at most 40 characters, for messages).
    static func literal(at offset: Int, in bytes: [UInt8]) -> String {
        var end = offset
        while end < bytes.count, end - offset < 40, !isSpace(bytes[end]),
            ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]")].contains(bytes[end])
        {
            end += 1
        }
        return String(decoding: bytes[offset..<end], as: UTF8.self)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\t")
    }

    private static func skipSpace(_ bytes: [UInt8], _ start: Int) -> Int {
        var index = start
        while index < bytes.count, isSpace(bytes[index]) { index += 1 }
        return index
    }

    /// Just after the closing quote of the string literal whose opening quote is at `quote`.
    private static func stringEnd(_ bytes: [UInt8], from quote: Int) -> Int {
        var index = quote + 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "\""): return index + 1
            default: index += 1
            }
        }
        return bytes.count
    }

    /// Decodes one JSON string literal (RFC 8259 escapes) and records, for every decoded byte, the
    /// offset of the character it came from, plus one entry for the closing quote.
    static func decodeLiteral(_ bytes: [UInt8], openingQuote: Int) -> ([UInt8], [Int])? {
        var decoded: [UInt8] = []
        var offsets: [Int] = []
        var index = openingQuote + 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                offsets.append(index)
                return (decoded, offsets)
            }
            if byte != UInt8(ascii: "\\") {
                decoded.append(byte)
                offsets.append(index)
                index += 1
                continue
            }
            guard index + 1 < bytes.count else { return nil }
            let escapeStart = index
            let scalar: Unicode.Scalar
            switch bytes[index + 1] {
            case UInt8(ascii: "n"): scalar = "\n"; index += 2
            case UInt8(ascii: "t"): scalar = "\t"; index += 2
            case UInt8(ascii: "r"): scalar = "\r"; index += 2
            case UInt8(ascii: "b"): scalar = "\u{08}"; index += 2
            case UInt8(ascii: "f"): scalar = "\u{0C}"; index += 2
            case UInt8(ascii: "u"):
                guard let high = hex4(bytes, index + 2) else { return nil }
                index += 6
                if (0xD800..<0xDC00).contains(high), MarkdownExclusions.matches(bytes, at: index, "\\u"),
                    let low = hex4(bytes, index + 2), (0xDC00..<0xE000).contains(low)
                {
                    index += 6
                    scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)) ?? "\u{FFFD}"
                } else {
                    scalar = Unicode.Scalar(high) ?? "\u{FFFD}"
                }
            default:
                scalar = Unicode.Scalar(bytes[index + 1])  // \" \\ \/
                index += 2
            }
            for byte in String(scalar).utf8 {
                decoded.append(byte)
                offsets.append(escapeStart)
            }
        }
        return nil
    }

    private static func hex4(_ bytes: [UInt8], _ start: Int) -> UInt32? {
        guard start + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for byte in bytes[start..<(start + 4)] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }
}
