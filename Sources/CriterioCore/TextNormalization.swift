/// Where the bytes of a normalised text came from (SPEC §2: normalise before any rule, and keep every
/// finding's position in the original).
///
/// A list of edits per normalisation pass, each replacing a range of that pass's input with a range
/// of its output (empty for a removed character); between edits, bytes correspond one to one. Most
/// drafts need no edit, and then the map is empty.
public struct OffsetMap: Sendable, Equatable {
    /// One replacement: `original` bytes of the pass's input became `normalized` bytes of its output.
    struct Edit: Sendable, Equatable {
        var original: Range<Int>
        var normalized: Range<Int>
    }

    /// The edits of one pass, in text order (both ranges increase; removals next to each other are one edit).
    struct Pass: Sendable, Equatable {
        var edits: [Edit] = []

        mutating func add(original: Range<Int>, normalized: Range<Int>) {
            if normalized.isEmpty, let last = edits.last, last.normalized.isEmpty, last.original.upperBound == original.lowerBound {
                edits[edits.count - 1].original = last.original.lowerBound..<original.upperBound
            } else {
                edits.append(Edit(original: original, normalized: normalized))
            }
        }

        /// The index of the last edit whose output starts at or before `offset` (`strictly`: before it).
        private func lastEdit(normalizedStart offset: Int, strictly: Bool) -> Int? {
            var low = 0
            var high = edits.count
            while low < high {
                let middle = (low + high) / 2
                let start = edits[middle].normalized.lowerBound
                if strictly ? start < offset : start <= offset { low = middle + 1 } else { high = middle }
            }
            return low == 0 ? nil : low - 1
        }

        private func lastEdit(originalStart offset: Int, strictly: Bool) -> Int? {
            var low = 0
            var high = edits.count
            while low < high {
                let middle = (low + high) / 2
                let start = edits[middle].original.lowerBound
                if strictly ? start < offset : start <= offset { low = middle + 1 } else { high = middle }
            }
            return low == 0 ? nil : low - 1
        }

        /// Where a range that starts at `offset` of the output starts in the input: after removed
        /// characters, at the start of a replaced one.
        func inputStart(of offset: Int) -> Int {
            guard let index = lastEdit(normalizedStart: offset, strictly: false) else { return offset }
            let edit = edits[index]
            return offset < edit.normalized.upperBound ? edit.original.lowerBound : edit.original.upperBound + (offset - edit.normalized.upperBound)
        }

        /// Where a range that ends at `offset` of the output ends in the input: before removed
        /// characters, at the end of a replaced one.
        func inputEnd(of offset: Int) -> Int {
            guard let index = lastEdit(normalizedStart: offset, strictly: true) else { return offset }
            let edit = edits[index]
            return offset <= edit.normalized.upperBound ? edit.original.upperBound : edit.original.upperBound + (offset - edit.normalized.upperBound)
        }

        func outputStart(of offset: Int) -> Int {
            guard let index = lastEdit(originalStart: offset, strictly: false) else { return offset }
            let edit = edits[index]
            return offset < edit.original.upperBound ? edit.normalized.lowerBound : edit.normalized.upperBound + (offset - edit.original.upperBound)
        }

        func outputEnd(of offset: Int) -> Int {
            guard let index = lastEdit(originalStart: offset, strictly: true) else { return offset }
            let edit = edits[index]
            return offset <= edit.original.upperBound ? edit.normalized.upperBound : edit.normalized.upperBound + (offset - edit.original.upperBound)
        }
    }

    /// The passes in the order they ran.
    var passes: [Pass]

    /// No change: every offset is its own.
    public static let identity = OffsetMap(passes: [])

    public var isIdentity: Bool { passes.allSatisfy { $0.edits.isEmpty } }

    /// The range of the original text that a range of the normalised text came from.
    public func originalRange(of range: Range<Int>) -> Range<Int> {
        let start = originalStart(of: range.lowerBound)
        return start..<max(start, originalEnd(of: range.upperBound))
    }

    public func originalStart(of offset: Int) -> Int {
        passes.reversed().reduce(offset) { $1.inputStart(of: $0) }
    }

    public func originalEnd(of offset: Int) -> Int {
        passes.reversed().reduce(offset) { $1.inputEnd(of: $0) }
    }

    /// The range of the normalised text that a range of the original became (front matter, comments,
    /// suppressions and media are found in the original and read in the normalised text).
    public func normalizedRange(of range: Range<Int>) -> Range<Int> {
        let start = passes.reduce(range.lowerBound) { $1.outputStart(of: $0) }
        let end = passes.reduce(range.upperBound) { $1.outputEnd(of: $0) }
        return start..<max(start, end)
    }
}

/// The one normalisation of a draft's text, before any rule reads it (SPEC §2), so that nothing
/// invisible or look-alike hides a finding:
///
/// - default-ignorable characters are removed: zero-width spaces, joiners and non-joiners, soft
///   hyphens, word joiners, byte-order marks, bidirectional marks and overrides, variation
///   selectors, tags (the joiners, selectors and tags of an emoji sequence stay);
/// - no-break, ideographic and every other Unicode space (and the line and paragraph separators)
///   become an ASCII space;
/// - fullwidth ASCII (`ＨＥＧＧ５６０４２７`), mathematical letters (`𝐇𝐄𝐆𝐆`) and the decimal
///   digits of every script become ASCII letters and digits;
/// - combining sequences are put in NFC (`e` + U+0301 → `é`), and a combining mark that is left
///   on a Latin letter or digit (`q` + U+0301) is removed, as folding removes accents;
/// - in a word that has digits (a code: a CURP, a phone, a folio; never a Spanish word) accents go
///   altogether, combining or not (`HEGG5604` + U+0301 + `27`, `HÉGG560427…` → `HEGG560427…`).
///
/// Line breaks are never added or removed, so a line of the normalised text is a line of the original.
public enum TextNormalizer {
    /// The normalised bytes of valid UTF-8 `bytes`, and where each of them came from; nil when
    /// nothing changes (the common case, checked in one pass over the bytes).
    public static func normalize(_ bytes: [UInt8]) -> (bytes: [UInt8], map: OffsetMap)? {
        var first = Rewriter(bytes)
        first.replaceCharacters()
        var output = first.finish()
        var passes = [first.pass]
        if first.needsSecondPass {
            var second = Rewriter(output.bytes)
            second.foldMarks()
            let composed = second.finish()
            if !second.pass.edits.isEmpty {
                output = composed
                passes.append(second.pass)
            }
        }
        guard passes.contains(where: { !$0.edits.isEmpty }) else { return nil }
        return (output.bytes, OffsetMap(passes: passes.filter { !$0.edits.isEmpty }))
    }

    /// A combining sequence with more marks than this is cut to its first ones (the limit of
    /// Unicode's stream-safe text format), so no input makes normalisation slow.
    static let maximumMarks = 30

    /// One pass: copies the input, replacing some ranges, and records the edits.
    private struct Rewriter {
        let input: [UInt8]
        var output: [UInt8] = []
        var pass = OffsetMap.Pass()
        /// The input before this offset is in `output` (copied or replaced).
        var copied = 0
        /// Whether the text has combining marks, or a word with digits and accents (pass 2's work).
        var needsSecondPass = false
        var changed = false
        /// Pass 1's view of the current word: whether it has an ASCII digit, and an accented letter.
        var wordHasDigit = false
        var wordHasAccent = false

        /// A word ends: note whether pass 2 has work in it.
        @inline(__always)
        mutating func endWord() {
            if wordHasDigit && wordHasAccent { needsSecondPass = true }
            wordHasDigit = false
            wordHasAccent = false
        }

        init(_ input: [UInt8]) { self.input = input }

        mutating func replace(_ range: Range<Int>, with replacement: some Collection<UInt8>) {
            if !changed {
                changed = true
                output.reserveCapacity(input.count)
            }
            output.append(contentsOf: input[copied..<range.lowerBound])
            let start = output.count
            output.append(contentsOf: replacement)
            pass.add(original: range, normalized: start..<output.count)
            copied = range.upperBound
        }

        mutating func finish() -> (bytes: [UInt8], changed: Bool) {
            guard changed else { return (input, false) }
            output.append(contentsOf: input[copied...])
            return (output, true)
        }

        // MARK: - Pass 1: characters

        mutating func replaceCharacters() {
            let count = input.count
            var index = 0
            // Whether the last character kept is an emoji (its joiners, selectors and tags stay).
            var afterEmoji = false
            while index < count {
                let lead = input[index]
                if lead < 0x80 {
                    if lead &- UInt8(ascii: "0") < 10 {
                        wordHasDigit = true
                    } else if !Tokenizer.isASCIIAlphanumeric(lead) {
                        endWord()
                    }
                    afterEmoji = false
                    index += 1
                    continue
                }
                if lead == 0xC2, index + 1 < count {
                    // U+0080–U+00BF: only the no-break space and the soft hyphen change.
                    let second = input[index + 1]
                    if second == 0xA0 { replace(index..<(index + 2), with: CollectionOfOne(UInt8(ascii: " "))) }
                    if second == 0xAD { replace(index..<(index + 2), with: EmptyCollection()) } else { endWord() }
                    afterEmoji = false
                    index += 2
                    continue
                }
                if lead >= 0xC3 && lead <= 0xCB {
                    // U+00C0–U+02FF: Latin letters and spacing modifiers, kept as they are.
                    if lead == 0xC3, index + 1 < count, input[index + 1] != 0x97, input[index + 1] != 0xB7 { wordHasAccent = true }
                    afterEmoji = false
                    index += 2
                    continue
                }
                let (value, length) = Self.decode(input, at: index)
                let range = index..<(index + length)
                index += length
                guard let scalar = Unicode.Scalar(value) else { continue }
                let properties = scalar.properties
                if properties.canonicalCombiningClass.rawValue != 0 {
                    needsSecondPass = true
                    continue
                }
                if properties.isDefaultIgnorableCodePoint {
                    if afterEmoji && Self.continuesEmoji(value, next: index < count ? Self.decode(input, at: index).0 : 0) { continue }
                    if Self.isVariationSelector(value), index < count, Self.decode(input, at: index).0 == 0x20E3 { continue }  // keycap 1️⃣
                    replace(range, with: EmptyCollection())
                    continue
                }
                switch properties.generalCategory {
                case .spaceSeparator, .lineSeparator, .paragraphSeparator:
                    replace(range, with: CollectionOfOne(UInt8(ascii: " ")))
                    endWord()
                    afterEmoji = false
                    continue
                default:
                    break
                }
                if let ascii = Self.asciiEquivalent(value, properties) {
                    replace(range, with: CollectionOfOne(ascii))
                    if ascii &- UInt8(ascii: "0") < 10 { wordHasDigit = true }
                    afterEmoji = false
                    continue
                }
                if !properties.isAlphabetic { endWord() }
                afterEmoji = Tokenizer.classify(value) == .emoji || (0x1F1E6...0x1F1FF).contains(value)
            }
            endWord()
        }

        /// A joiner between two emoji, a variation selector or a tag after one: part of the sequence.
        private static func continuesEmoji(_ value: UInt32, next: UInt32) -> Bool {
            if value == 0x200D { return Tokenizer.classify(next) == .emoji }
            return isVariationSelector(value) || (0xE0020...0xE007F).contains(value)
        }

        private static func isVariationSelector(_ value: UInt32) -> Bool {
            (0xFE00...0xFE0F).contains(value) || (0xE0100...0xE01EF).contains(value)
        }

        /// The ASCII letter or digit a look-alike stands for: fullwidth forms, mathematical
        /// alphanumerics, and decimal digits of other scripts.
        private static func asciiEquivalent(_ value: UInt32, _ properties: Unicode.Scalar.Properties) -> UInt8? {
            if value >= 0xFF01 && value <= 0xFF5E { return UInt8(value - 0xFEE0) }
            if value >= 0x1D400 && value <= 0x1D6A3 {
                // Thirteen alphabets of 52 letters, A–Z then a–z (the holes are unassigned).
                let letter = (value - 0x1D400) % 52
                return letter < 26 ? UInt8(ascii: "A") + UInt8(letter) : UInt8(ascii: "a") + UInt8(letter - 26)
            }
            if value == 0x1D6A4 { return UInt8(ascii: "i") }
            if value == 0x1D6A5 { return UInt8(ascii: "j") }
            if value >= 0x660, properties.numericType == .decimal, let digit = properties.numericValue, (0...9).contains(digit) {
                return UInt8(ascii: "0") + UInt8(digit)
            }
            return nil
        }

        // MARK: - Pass 2: combining marks and accents

        /// Word by word (runs of letters, digits and combining marks): in a word with an ASCII digit,
        /// every combining mark is removed and every accented Latin-1 letter becomes its base
        /// letter; elsewhere each base with combining marks is put in NFC, and the marks left on a
        /// Latin letter are removed. Runs only on text that needs it.
        mutating func foldMarks() {
            let count = input.count
            var index = 0
            while index < count {
                let (value, length) = Self.decode(input, at: index)
                guard Self.isWordScalar(value) else {
                    index += length
                    continue
                }
                // The word, and whether it has a digit.
                var end = index
                var hasDigit = false
                while end < count {
                    let (next, nextLength) = Self.decode(input, at: end)
                    guard Self.isWordScalar(next) else { break }
                    if next &- 0x30 < 10 { hasDigit = true }
                    end += nextLength
                }
                if hasDigit { foldCode(index..<end) } else { composeWord(index..<end) }
                index = end
            }
        }

        /// A letter, a digit, or a combining mark.
        private static func isWordScalar(_ value: UInt32) -> Bool {
            if value < 0x80 { return Tokenizer.isASCIIAlphanumeric(UInt8(value)) }
            if value >= 0xC0 && value <= 0xFF { return value != 0xD7 && value != 0xF7 }
            guard let scalar = Unicode.Scalar(value) else { return false }
            return isMark(value) || scalar.properties.isAlphabetic
        }

        private static func isMark(_ value: UInt32) -> Bool {
            value >= 0x300 && (Unicode.Scalar(value)?.properties.canonicalCombiningClass.rawValue ?? 0) != 0
        }

        /// A code: its marks removed, its accented letters plain.
        private mutating func foldCode(_ word: Range<Int>) {
            var index = word.lowerBound
            while index < word.upperBound {
                let (value, length) = Self.decode(input, at: index)
                let range = index..<(index + length)
                index += length
                if Self.isMark(value) {
                    replace(range, with: EmptyCollection())
                } else if value >= 0xC0 && value <= 0xFF, let plain = Self.plainLetter(value) {
                    replace(range, with: CollectionOfOne(plain))
                }
            }
        }

        /// The ASCII letter of an accented Latin-1 letter, in its case ("É" → "E"); nil for the
        /// letters that are not a base letter with an accent (ß, æ, ð, þ).
        private static func plainLetter(_ value: UInt32) -> UInt8? {
            guard ![0xC6, 0xD0, 0xDE, 0xDF, 0xE6, 0xF0, 0xFE].contains(value) else { return nil }
            let folded = SpanishFolding.latin1Fold(value)
            guard folded != 0 else { return nil }
            return value <= 0xDE ? folded & ~0x20 : folded
        }

        /// A word: each base with combining marks in NFC, then the marks a Latin base cannot carry composed removed.
        private mutating func composeWord(_ word: Range<Int>) {
            var index = word.lowerBound
            var baseStart = -1
            var baseValue: UInt32 = 0
            while index < word.upperBound {
                let (value, length) = Self.decode(input, at: index)
                guard Self.isMark(value) else {
                    baseStart = index
                    baseValue = value
                    index += length
                    continue
                }
                // The run of marks, of which only the first `maximumMarks` are kept.
                var end = index
                var marks = 0
                var keptEnd = index
                while end < word.upperBound {
                    let (mark, markLength) = Self.decode(input, at: end)
                    guard Self.isMark(mark) else { break }
                    marks += 1
                    end += markLength
                    if marks <= maximumMarks { keptEnd = end }
                }
                defer { index = end }
                guard baseStart >= 0, Tokenizer.classify(baseValue) != .emoji else { continue }
                let sequence = baseStart..<end
                let replacement = Self.composed(Array(input[baseStart..<keptEnd]))
                if !replacement.elementsEqual(input[sequence]) { replace(sequence, with: replacement) }
                baseStart = -1
            }
        }

        /// One base and its marks, in NFC, without the marks a Latin base cannot carry composed.
        private static func composed(_ sequence: [UInt8]) -> [UInt8] {
            // The standard library's NFC (underscored, public): per sequence, so offsets map to it.
            let normalized = String(decoding: sequence, as: UTF8.self)._nfcCodeUnits
            var scalars = String(decoding: normalized, as: UTF8.self).unicodeScalars.makeIterator()
            guard let base = scalars.next() else { return normalized }
            guard base.value < 0x250 else { return normalized }
            return Array(String(base).utf8)
        }

        /// The scalar at `index` of valid UTF-8 and its length.
        @inline(__always)
        static func decode(_ bytes: [UInt8], at index: Int) -> (UInt32, Int) {
            bytes.withUnsafeBufferPointer { Tokenizer.decode($0, at: index) }
        }
    }
}
