import CriterioCore

extension AnalyzedPost {
    /// Whether the word at byte `offset` begins a sentence: only spaces, opening quotes and marks
    /// (`" ' ( ¡ ¿ «`) and list or emphasis marks (`- * _ •`) stand between it and the start of the
    /// text, a line break, `.`, `!`, `?` or `…`, or something that is not prose (front matter, a
    /// comment). Rules use it to tell a capital that starts a sentence from a proper name's.
    func startsSentence(at offset: Int) -> Bool {
        let bytes = text.bytes
        var index = offset - 1
        while index >= 0 {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "("),
                UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "_"):
                index -= 1
            case 0xA1, 0xAB, 0xBF:
                // ¡ « ¿ (second byte of C2 A1, C2 AB, C2 BF) open a sentence or a quote.
                guard index > 0, bytes[index - 1] == 0xC2 else { return false }
                index -= 2
            case 0xA2 where index > 1 && bytes[index - 1] == 0x80 && bytes[index - 2] == 0xE2:
                index -= 3  // • (E2 80 A2), a list item
            case 0xA6 where index > 1 && bytes[index - 1] == 0x80 && bytes[index - 2] == 0xE2:
                return true  // … (E2 80 A6)
            case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: "\n"):
                return true
            default:
                return draft.region(containing: index) != nil
            }
        }
        return true
    }
}
