import CriterioCore
import CriterioFoundation
import Foundation

/// A draft written as a JSON object: `{"text": "…", "network": "x", "media": ["foto.jpg"]}`.
///
/// Foundation parses the JSON. To report findings at the right line and column of the file, the
/// `text` value's literal is then located in the file and each decoded byte is mapped to the byte
/// where it is written, escapes included.
enum JSONDraft {
    struct Parsed {
        let text: SourceText
        let metadata: PostMetadata
        let sourceMap: SourceMap
    }

    static func parse(_ file: SourceText, path: String, mediaExists: @escaping (String) -> Bool?) throws(DraftInputError) -> Parsed {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(file.bytes))
        } catch {
            let problem = FoundationErrors.json(error)
            let position = problem.offset.map { file.position(of: min($0, file.bytes.count)) }
            throw DraftInputError(path: path, line: position?.line, column: position?.column, message: "JSON inválido: " + problem.message)
        }
        guard let dictionary = object as? [String: Any] else {
            throw DraftInputError(path: path, line: 1, message: "el borrador JSON debe ser un objeto {\"text\": …}")
        }
        var collector = MetadataCollector(allowsText: true, mediaExists: mediaExists)
        for key in dictionary.keys.sorted() {
            do {
                try collector.set(key, value(dictionary[key]!))
            } catch {
                throw DraftInputError(path: path, message: error.message)
            }
        }
        guard let text = collector.text else {
            throw DraftInputError(path: path, message: "el borrador JSON no tiene la clave «text» (o «texto») con el texto de la publicación")
        }
        let offsets = literalOffsets(of: text, in: file)
        return Parsed(
            text: SourceText(text), metadata: collector.metadata,
            sourceMap: SourceMap(file: file, fileOffsets: offsets))
    }

    private static func value(_ any: Any) -> MetadataValue {
        switch any {
        case let string as String:
            return .string(string, range: nil)
        case let array as [Any]:
            var items: [(String, Range<Int>?)] = []
            for element in array {
                guard let string = element as? String else { return .unsupported("una lista con valores que no son texto") }
                items.append((string, nil))
            }
            return .list(items)
        case is NSNull:
            return .null
        case is NSNumber:
            return .unsupported("un número")
        case is [String: Any]:
            return .unsupported("un objeto")
        default:
            return .unsupported("un valor de otro tipo")
        }
    }

    /// Offsets in the file of every byte of `text` (plus one for its end), found by decoding the
    /// string literal of the first `"text"`/`"texto"` key whose value decodes to `text`.
    /// When no literal matches (it cannot happen for valid JSON), everything maps to the start.
    static func literalOffsets(of text: String, in file: SourceText) -> [Int] {
        let expected = Array(text.utf8)
        let bytes = file.bytes
        var searchFrom = 0
        while let keyStart = nextTextKey(in: bytes, from: searchFrom) {
            searchFrom = keyStart.key + 1
            if let (decoded, offsets) = decodeLiteral(bytes, openingQuote: keyStart.literal), decoded == expected {
                return offsets
            }
        }
        return [0]
    }

    /// The next `"text"` or `"texto"` key followed by `:` and a string; returns the key start and the literal's quote.
    private static func nextTextKey(in bytes: [UInt8], from start: Int) -> (key: Int, literal: Int)? {
        var index = start
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\"") {
                for key in ["\"text\"", "\"texto\""] where MarkdownExclusions.matches(bytes, at: index, key) {
                    var position = index + key.utf8.count
                    while position < bytes.count, isJSONSpace(bytes[position]) { position += 1 }
                    guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { continue }
                    position += 1
                    while position < bytes.count, isJSONSpace(bytes[position]) { position += 1 }
                    if position < bytes.count, bytes[position] == UInt8(ascii: "\"") { return (index, position) }
                }
            }
            index += 1
        }
        return nil
    }

    private static func isJSONSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\t")
    }

    /// Decodes one JSON string literal (RFC 8259 escapes) and records, for every decoded byte, the
    /// offset of the character it came from.
    private static func decodeLiteral(_ bytes: [UInt8], openingQuote: Int) -> ([UInt8], [Int])? {
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
        return UInt32(String(decoding: bytes[start..<(start + 4)], as: UTF8.self), radix: 16)
    }
}
