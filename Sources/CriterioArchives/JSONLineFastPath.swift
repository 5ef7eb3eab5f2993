/// The common JSON line read without `JSONDecoder`: one flat object whose values are strings,
/// integers, `true`/`false`/`null` or, for `media`/`multimedia`, a list of strings. Anything else
/// (a nested value, a number with a fraction, a repeated key of SPEC §9, an escape it does not
/// know, bytes that are not UTF-8, text after the object) gives nil, and the line goes to
/// `JSONDecoder` as before: this is only a faster road to the same `JSONLinePost`, never a more
/// lenient one. Decoding each line with Foundation's decoder was a fifth of a scan.
enum JSONLineFastPath {
    /// A value of a key the post reads.
    private enum Value {
        case string(String)
        case integer(Int64)
        case boolean(Bool)
        case null
        case strings([String])
    }

    static func parse(_ bytes: UnsafeRawBufferPointer) -> JSONLinePost? {
        var parser = Parser(bytes)
        return parser.object()
    }

    private struct Parser {
        let bytes: UnsafeRawBufferPointer
        var index = 0
        /// The keys of `JSONLinePost.Key` seen so far, by their index there.
        var seen: UInt32 = 0
        var values: [Value?] = Array(repeating: nil, count: Parser.keys.count)

        static let keys: [[UInt8]] = JSONLinePost.Key.allCases.map { Array($0.rawValue.utf8) }

        init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

        mutating func object() -> JSONLinePost? {
            skipSpaces()
            guard take(UInt8(ascii: "{")) else { return nil }
            skipSpaces()
            if !take(UInt8(ascii: "}")) {
                while true {
                    skipSpaces()
                    guard peek == UInt8(ascii: "\""), let key = rawKey() else { return nil }
                    skipSpaces()
                    guard take(UInt8(ascii: ":")) else { return nil }
                    skipSpaces()
                    if let known = Self.keys.firstIndex(where: { $0.elementsEqual(key) }) {
                        guard seen & (1 << known) == 0, let value = value(list: known >= Self.keys.count - 2) else { return nil }
                        seen |= 1 << known
                        values[known] = value
                    } else {
                        guard skipSimpleValue() else { return nil }
                    }
                    skipSpaces()
                    if take(UInt8(ascii: ",")) { continue }
                    guard take(UInt8(ascii: "}")) else { return nil }
                    break
                }
            }
            skipSpaces()
            guard index == bytes.count else { return nil }
            return post()
        }

        /// The post `JSONLinePost.init(from:)` makes of these values; nil where it would throw.
        func post() -> JSONLinePost? {
            func value(_ key: JSONLinePost.Key) -> Value? { values[JSONLinePost.Key.allCases.firstIndex(of: key)!] }
            func string(_ keys: JSONLinePost.Key...) -> String?? {
                for key in keys {
                    switch value(key) {
                    case nil, .null: continue
                    case .string(let text): return .some(text)
                    default: return nil
                    }
                }
                return .some(nil)
            }
            func scalar(_ keys: JSONLinePost.Key...) -> String? {
                for key in keys {
                    switch value(key) {
                    case nil, .null: continue
                    case .string(let text): return text
                    case .integer(let number): return String(number)
                    case .boolean(let flag): return flag ? "true" : nil
                    case .strings: return nil
                    }
                }
                return nil
            }
            // A list where a scalar goes, or a scalar that is not one, is the decoder's to explain.
            for key in [JSONLinePost.Key.id, .id_str, .created_at, .fecha, .reply_to, .respuesta_a] {
                if case .strings = value(key) { return nil }
            }
            guard let text = string(.text, .texto, .full_text), let account = string(.account, .cuenta),
                let network = string(.network, .red)
            else { return nil }
            var media: [String] = []
            mediaKeys: for key in [JSONLinePost.Key.media, .multimedia] {
                switch value(key) {
                case nil, .null: continue
                case .strings(let list): media = list
                case .string(let single): media = single.isEmpty ? [] : [single]
                case .integer(let count):
                    guard count >= 0, count <= Int64(Int.max) else { return nil }
                    media = (0..<min(Int(count), 100)).map { "multimedia-\($0 + 1)" }
                case .boolean: return nil
                }
                break mediaKeys
            }
            return JSONLinePost(
                id: scalar(.id, .id_str), text: text, createdAt: scalar(.created_at, .fecha), media: media, account: account,
                network: network, replyTo: scalar(.reply_to, .respuesta_a))
        }

        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func take(_ byte: UInt8) -> Bool {
            guard peek == byte else { return false }
            index += 1
            return true
        }

        mutating func skipSpaces() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        /// The bytes of a key without escapes (a key with one goes to the decoder).
        mutating func rawKey() -> UnsafeRawBufferPointer.SubSequence? {
            index += 1
            let start = index
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    defer { index += 1 }
                    return bytes[start..<index]
                }
                if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
                index += 1
            }
            return nil
        }

        mutating func value(list allowsList: Bool) -> Value? {
            switch peek {
            case UInt8(ascii: "\""): return string().map(Value.string)
            case UInt8(ascii: "t"): return literal("true") ? .boolean(true) : nil
            case UInt8(ascii: "f"): return literal("false") ? .boolean(false) : nil
            case UInt8(ascii: "n"): return literal("null") ? .null : nil
            case UInt8(ascii: "["):
                guard allowsList else { return nil }
                index += 1
                var items: [String] = []
                skipSpaces()
                if take(UInt8(ascii: "]")) { return .strings(items) }
                while true {
                    skipSpaces()
                    guard peek == UInt8(ascii: "\""), let item = string() else { return nil }
                    items.append(item)
                    skipSpaces()
                    if take(UInt8(ascii: ",")) { continue }
                    return take(UInt8(ascii: "]")) ? .strings(items) : nil
                }
            default:
                return integer().map(Value.integer)
            }
        }

        mutating func literal(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard index + count <= bytes.count else { return false }
            for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return false }
            index += count
            return true
        }

        /// A JSON integer that fits in Int64: `-`, then `0` or a digit 1–9 and digits; no fraction or exponent.
        mutating func integer() -> Int64? {
            var negative = false
            if take(UInt8(ascii: "-")) { negative = true }
            guard let first = peek, (0x30...0x39).contains(first) else { return nil }
            var magnitude: UInt64 = 0
            if first == 0x30 {
                index += 1
            } else {
                while let digit = peek, (0x30...0x39).contains(digit) {
                    let (times, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
                    let (sum, overflow2) = times.addingReportingOverflow(UInt64(digit - 0x30))
                    guard !overflow1, !overflow2 else { return nil }
                    magnitude = sum
                    index += 1
                }
            }
            // A fraction, an exponent or a leading zero followed by digits: the decoder decides.
            if let next = peek, next == UInt8(ascii: ".") || next == UInt8(ascii: "e") || next == UInt8(ascii: "E") || (0x30...0x39).contains(next) {
                return nil
            }
            if negative {
                guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
                return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
            }
            guard magnitude <= UInt64(Int64.max) else { return nil }
            return Int64(magnitude)
        }

        /// Skips a value of a key the post does not read: a string, an integer or a literal (anything
        /// else goes to the decoder).
        mutating func skipSimpleValue() -> Bool {
            switch peek {
            case UInt8(ascii: "\""): return string() != nil
            case UInt8(ascii: "t"): return literal("true")
            case UInt8(ascii: "f"): return literal("false")
            case UInt8(ascii: "n"): return literal("null")
            default: return integer() != nil
            }
        }

        /// A string at `index` (its opening quote), escapes resolved; nil when it is not valid
        /// UTF-8, has a control character, an unknown escape or half a surrogate pair.
        mutating func string() -> String? {
            index += 1
            let start = index
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    let text = String(validating: bytes[start..<index], as: UTF8.self)
                    index += 1
                    return text
                }
                if byte == UInt8(ascii: "\\") { return escapedString(from: start) }
                if byte < 0x20 { return nil }
                index += 1
            }
            return nil
        }

        private mutating func escapedString(from start: Int) -> String? {
            var out: [UInt8] = Array(bytes[start..<index])
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    index += 1
                    return String(validating: out, as: UTF8.self)
                }
                if byte < 0x20 { return nil }
                guard byte == UInt8(ascii: "\\") else {
                    out.append(byte)
                    index += 1
                    continue
                }
                guard index + 1 < bytes.count else { return nil }
                let escape = bytes[index + 1]
                index += 2
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    guard var scalar = hex4() else { return nil }
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard take(UInt8(ascii: "\\")), take(UInt8(ascii: "u")), let low = hex4(), (0xDC00...0xDFFF).contains(low) else { return nil }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(scalar) {
                        return nil
                    }
                    guard let character = Unicode.Scalar(scalar) else { return nil }
                    out.append(contentsOf: character.utf8)
                default:
                    return nil
                }
            }
            return nil
        }

        private mutating func hex4() -> UInt32? {
            guard index + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt32
                switch byte {
                case 0x30...0x39: digit = UInt32(byte - 0x30)
                case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
                case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
                default: return nil
                }
                value = value << 4 | digit
                index += 1
            }
            return value
        }
    }
}
