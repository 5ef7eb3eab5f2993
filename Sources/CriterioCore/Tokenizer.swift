/// Splits prose into tokens in one pass over its UTF-8 bytes, folding each word as it goes.
///
/// Words are runs of letters (any script, accents and combining marks included) and digits; a
/// `@` or `$` right after a letter stays in the word, because leetspeak writes "put@" and "tod@s".
/// `#tag` is a hashtag, `@name` a mention (but not the `@` of an e-mail address), and emoji
/// sequences (with skin tones, variation selectors and ZWJ joins) are one token each.
enum Tokenizer {
    static func tokenize(_ bytes: UnsafeBufferPointer<UInt8>, into tokens: inout [Token], folded: inout [UInt8]) {
        tokens.reserveCapacity(bytes.count / 6)
        folded.reserveCapacity(bytes.count)
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                if isASCIIAlphanumeric(byte) {
                    index = scanWord(bytes, from: index, contentStart: index, kind: .word, into: &tokens, folded: &folded)
                } else if byte == UInt8(ascii: "#"), index + 1 < count, startsWord(bytes, at: index + 1) {
                    index = scanWord(bytes, from: index, contentStart: index + 1, kind: .hashtag, into: &tokens, folded: &folded)
                } else if byte == UInt8(ascii: "@"), index + 1 < count, isHandleByte(bytes[index + 1]),
                    index == 0 || !isEmailLocalByte(bytes[index - 1])
                {
                    index = scanWord(bytes, from: index, contentStart: index + 1, kind: .mention, into: &tokens, folded: &folded)
                } else {
                    index += 1
                }
                continue
            }
            let (value, length) = decode(bytes, at: index)
            switch classify(value) {
            case .upperLetter, .lowerLetter, .mark:
                index = scanWord(bytes, from: index, contentStart: index, kind: .word, into: &tokens, folded: &folded)
            case .emoji:
                index = scanEmoji(bytes, from: index, into: &tokens, folded: &folded)
            case .other:
                index += length
            }
        }
    }

    private static func scanWord(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, contentStart: Int, kind: Token.Kind,
        into tokens: inout [Token], folded: inout [UInt8]
    ) -> Int {
        let foldStart = folded.count
        let count = bytes.count
        let allowsUnderscore = kind != .word
        var hash = FoldedHash.seed
        var letters: Int32 = 0
        var uppercase: Int32 = 0
        var run: Int32 = 0
        var longestRun: Int32 = 0
        var lastLetter: UInt8 = 0
        var hasDigit = false
        var hasSymbol = false
        var previousWasLetter = false
        var index = contentStart

        @inline(__always) func appendFolded(_ byte: UInt8) {
            folded.append(byte)
            hash = FoldedHash.combine(hash, byte)
        }
        @inline(__always) func countLetter(_ foldedByte: UInt8, upper: Bool) {
            letters += 1
            if upper { uppercase += 1 }
            if foldedByte == lastLetter { run += 1 } else { run = 1; lastLetter = foldedByte }
            if run > longestRun { longestRun = run }
            previousWasLetter = true
        }

        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                if byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") {
                    appendFolded(byte)
                    countLetter(byte, upper: false)
                } else if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") {
                    appendFolded(byte | 0x20)
                    countLetter(byte | 0x20, upper: true)
                } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                    appendFolded(byte)
                    hasDigit = true
                    if byte == lastLetter { run += 1 } else { run = 1; lastLetter = byte }
                    previousWasLetter = false
                } else if (byte == UInt8(ascii: "@") || byte == UInt8(ascii: "$")) && previousWasLetter && kind == .word {
                    appendFolded(byte)
                    hasSymbol = true
                    previousWasLetter = false
                } else if byte == UInt8(ascii: "_") && allowsUnderscore {
                    appendFolded(byte)
                    previousWasLetter = false
                } else {
                    break
                }
                index += 1
                continue
            }
            let (value, length) = decode(bytes, at: index)
            let characterClass = classify(value)
            switch characterClass {
            case .upperLetter, .lowerLetter:
                let before = folded.count
                SpanishFolding.appendFolded(Unicode.Scalar(value)!, to: &folded)
                for position in before..<folded.count { hash = FoldedHash.combine(hash, folded[position]) }
                countLetter(folded.count > before ? folded[before] : 0, upper: characterClass == .upperLetter)
            case .mark:
                break
            case .emoji, .other:
                return finish()
            }
            index += length
        }
        return finish()

        func finish() -> Int {
            let end = index
            // A trailing `@`/`$` with nothing after it is leetspeak only if letters came before it; keep it.
            let resolvedKind: Token.Kind = (kind == .word && letters == 0) ? .number : kind
            tokens.append(
                Token(
                    kind: resolvedKind, range: start..<end, folded: foldStart..<folded.count, hash: hash,
                    letters: letters, uppercase: uppercase, longestRun: longestRun,
                    hasLeetCharacters: letters > 0 && (hasDigit || hasSymbol)))
            return end
        }
    }

    private static func scanEmoji(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, into tokens: inout [Token], folded: inout [UInt8]
    ) -> Int {
        let foldStart = folded.count
        var index = start
        let (first, firstLength) = decode(bytes, at: index)
        index += firstLength
        var regionalIndicators = isRegionalIndicator(first) ? 1 : 0
        while index < bytes.count, bytes[index] >= 0x80 {
            let (value, length) = decode(bytes, at: index)
            if value == 0xFE0F || value == 0xFE0E || value == 0x20E3 || (0x1F3FB...0x1F3FF).contains(value)
                || (0xE0020...0xE007F).contains(value)
            {
                index += length
            } else if value == 0x200D, index + length < bytes.count {
                // ZWJ: the next emoji belongs to this one.
                index += length
                let (next, nextLength) = decode(bytes, at: index)
                if classify(next) == .emoji { index += nextLength }
            } else if isRegionalIndicator(value), regionalIndicators == 1 {
                regionalIndicators += 1
                index += length
            } else {
                break
            }
        }
        folded.append(contentsOf: bytes[start..<index])
        tokens.append(
            Token(
                kind: .emoji, range: start..<index, folded: foldStart..<folded.count,
                hash: FoldedHash.hash(bytes[start..<index]), letters: 0, uppercase: 0, longestRun: 0,
                hasLeetCharacters: false))
        return index
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
