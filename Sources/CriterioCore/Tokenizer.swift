/// Splits prose into tokens in one pass over its UTF-8 bytes, folding each word as it goes.
///
/// Words are runs of letters (any script, accents and combining marks included) and digits; a
/// `@` or `$` right after a letter stays in the word, because leetspeak writes "put@" and "tod@s".
/// `#tag` is a hashtag, `@name` a mention (but not the `@` of an e-mail address), and emoji
/// sequences (with skin tones, variation selectors and ZWJ joins) are one token each.
enum Tokenizer {
    static func tokenize(_ bytes: UnsafeBufferPointer<UInt8>, into tokens: inout [Token], folded: inout [UInt8]) {
        tokens.reserveCapacity(bytes.count / 4 + 4)
        // Folding never grows text by more than half (the widest lowercase mappings, İ → i̇ and
        // Ⱥ → ⱥ, take 2 bytes to 3), so one buffer of twice the size always suffices.
        folded = [UInt8](unsafeUninitializedCapacity: bytes.count * 2 + 8) { output, written in
            var scanner = Scanner(input: bytes, output: output.baseAddress!)
            scanner.run(into: &tokens)
            written = scanner.written
        }
    }

    /// The scanning state: where it reads, and where it writes folded bytes.
    private struct Scanner {
        let input: UnsafeBufferPointer<UInt8>
        let output: UnsafeMutablePointer<UInt8>
        var written = 0

        init(input: UnsafeBufferPointer<UInt8>, output: UnsafeMutablePointer<UInt8>) {
            self.input = input
            self.output = output
        }

        mutating func run(into tokens: inout [Token]) {
            var index = 0
            let count = input.count
            while index < count {
                let byte = input[index]
                if byte < 0x80 {
                    if isASCIIAlphanumeric(byte) {
                        index = word(from: index, contentStart: index, kind: .word, into: &tokens)
                    } else if byte == UInt8(ascii: "#"), index + 1 < count, startsWord(input, at: index + 1) {
                        index = word(from: index, contentStart: index + 1, kind: .hashtag, into: &tokens)
                    } else if byte == UInt8(ascii: "@"), index + 1 < count, isHandleByte(input[index + 1]),
                        index == 0 || !isEmailLocalByte(input[index - 1])
                    {
                        index = word(from: index, contentStart: index + 1, kind: .mention, into: &tokens)
                    } else {
                        index += 1
                    }
                    continue
                }
                let (value, length) = decode(input, at: index)
                switch classify(value) {
                case .upperLetter, .lowerLetter, .mark:
                    index = word(from: index, contentStart: index, kind: .word, into: &tokens)
                case .emoji:
                    index = emoji(from: index, into: &tokens)
                case .other:
                    index += length
                }
            }
        }

        private mutating func word(from start: Int, contentStart: Int, kind: Token.Kind, into tokens: inout [Token]) -> Int {
            let foldStart = written
            let count = input.count
            let allowsUnderscore = kind != .word
            var hash = FoldedHash.seed
            var letters: Int32 = 0
            var uppercase: Int32 = 0
            var run: Int32 = 0
            var longestRun: Int32 = 0
            var last: UInt8 = 0
            var hasDigit = false
            var hasSymbol = false
            var previousWasLetter = false
            var index = contentStart

            scan: while index < count {
                let byte = input[index]
                var out = byte
                if byte < 0x80 {
                    if byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") {
                        letters += 1
                        previousWasLetter = true
                    } else if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") {
                        out = byte | 0x20
                        letters += 1
                        uppercase += 1
                        previousWasLetter = true
                    } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                        hasDigit = true
                        previousWasLetter = false
                    } else if (byte == UInt8(ascii: "@") || byte == UInt8(ascii: "$")) && previousWasLetter && kind == .word {
                        hasSymbol = true
                        previousWasLetter = false
                    } else if byte == UInt8(ascii: "_") && allowsUnderscore {
                        previousWasLetter = false
                    } else {
                        break scan
                    }
                    output[written] = out
                    written += 1
                    hash = FoldedHash.combine(hash, out)
                    if out == last { run += 1 } else { run = 1; last = out }
                    if run > longestRun { longestRun = run }
                    index += 1
                    continue
                }
                let (value, length) = decode(input, at: index)
                let characterClass = classify(value)
                switch characterClass {
                case .upperLetter, .lowerLetter:
                    let before = written
                    appendFolded(value)
                    for position in before..<written { hash = FoldedHash.combine(hash, output[position]) }
                    let first = written > before ? output[before] : 0
                    if first == last { run += 1 } else { run = 1; last = first }
                    if run > longestRun { longestRun = run }
                    letters += 1
                    if characterClass == .upperLetter { uppercase += 1 }
                    previousWasLetter = true
                case .mark:
                    break
                case .emoji, .other:
                    break scan
                }
                index += length
            }
            let resolvedKind: Token.Kind = (kind == .word && letters == 0) ? .number : kind
            tokens.append(
                Token(
                    kind: resolvedKind, range: start..<index, folded: foldStart..<written, hash: hash,
                    letters: letters, uppercase: uppercase, longestRun: longestRun,
                    hasLeetCharacters: letters > 0 && (hasDigit || hasSymbol)))
            return index
        }

        /// Writes the folded form of a non-ASCII letter.
        private mutating func appendFolded(_ value: UInt32) {
            if value >= 0xC0 && value <= 0xFF {
                let folded = SpanishFolding.latin1Fold(value)
                if folded != 0 {
                    output[written] = folded
                    written += 1
                    if value == 0xDF { output[written] = UInt8(ascii: "s"); written += 1 }  // ß → ss
                    if value == 0xC6 || value == 0xE6 { output[written] = UInt8(ascii: "e"); written += 1 }  // æ → ae
                    return
                }
            }
            var bytes: [UInt8] = []
            SpanishFolding.appendFolded(Unicode.Scalar(value) ?? "\u{FFFD}", to: &bytes)
            for byte in bytes {
                output[written] = byte
                written += 1
            }
        }

        private mutating func emoji(from start: Int, into tokens: inout [Token]) -> Int {
            let foldStart = written
            var index = start
            let (first, firstLength) = decode(input, at: index)
            index += firstLength
            var regionalIndicators = isRegionalIndicator(first) ? 1 : 0
            while index < input.count, input[index] >= 0x80 {
                let (value, length) = decode(input, at: index)
                if value == 0xFE0F || value == 0xFE0E || value == 0x20E3 || (0x1F3FB...0x1F3FF).contains(value)
                    || (0xE0020...0xE007F).contains(value)
                {
                    index += length
                } else if value == 0x200D, index + length < input.count {
                    // ZWJ: the next emoji belongs to this one.
                    index += length
                    let (next, nextLength) = decode(input, at: index)
                    if classify(next) == .emoji { index += nextLength }
                } else if isRegionalIndicator(value), regionalIndicators == 1 {
                    regionalIndicators += 1
                    index += length
                } else {
                    break
                }
            }
            var hash = FoldedHash.seed
            for position in start..<index {
                output[written] = input[position]
                written += 1
                hash = FoldedHash.combine(hash, input[position])
            }
            tokens.append(
                Token(
                    kind: .emoji, range: start..<index, folded: foldStart..<written, hash: hash, letters: 0, uppercase: 0,
                    longestRun: 0, hasLeetCharacters: false))
            return index
        }
    }

    enum CharacterClass { case upperLetter, lowerLetter, mark, emoji, other }

    @inline(__always)
    static func classify(_ value: UInt32) -> CharacterClass {
        if value >= 0xC0 && value <= 0xFF {
            if value == 0xD7 || value == 0xF7 { return .other }
            return value <= 0xDE ? .upperLetter : .lowerLetter
        }
        if value >= 0x300 && value <= 0x36F { return .mark }
        if value < 0xC0 { return .other }
        guard let scalar = Unicode.Scalar(value) else { return .other }
        let properties = scalar.properties
        if properties.isAlphabetic {
            return properties.isUppercase ? .upperLetter : .lowerLetter
        }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return .mark
        default: break
        }
        if value >= 0x2100 && (properties.isEmojiPresentation || properties.isEmoji) { return .emoji }
        return .other
    }

    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int) {
        let lead = UInt32(bytes[index])
        let count = bytes.count
        if lead < 0x80 { return (lead, 1) }
        if lead < 0xE0, index + 1 < count {
            return (((lead & 0x1F) << 6) | (UInt32(bytes[index + 1]) & 0x3F), 2)
        }
        if lead < 0xF0, index + 2 < count {
            return (((lead & 0x0F) << 12) | ((UInt32(bytes[index + 1]) & 0x3F) << 6) | (UInt32(bytes[index + 2]) & 0x3F), 3)
        }
        if index + 3 < count {
            return (
                ((lead & 0x07) << 18) | ((UInt32(bytes[index + 1]) & 0x3F) << 12)
                    | ((UInt32(bytes[index + 2]) & 0x3F) << 6) | (UInt32(bytes[index + 3]) & 0x3F), 4
            )
        }
        return (0xFFFD, 1)
    }

    @inline(__always)
    static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    private static func startsWord(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let byte = bytes[index]
        if byte < 0x80 { return isASCIIAlphanumeric(byte) || byte == UInt8(ascii: "_") }
        let characterClass = classify(decode(bytes, at: index).0)
        return characterClass == .upperLetter || characterClass == .lowerLetter
    }

    private static func isHandleByte(_ byte: UInt8) -> Bool {
        isASCIIAlphanumeric(byte) || byte == UInt8(ascii: "_")
    }

    /// Bytes that end the local part of an e-mail address right before its `@`.
    private static func isEmailLocalByte(_ byte: UInt8) -> Bool {
        isASCIIAlphanumeric(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: "+") || byte >= 0x80
    }

    private static func isRegionalIndicator(_ value: UInt32) -> Bool { (0x1F1E6...0x1F1FF).contains(value) }
}
