/// Text from outside (a draft, a file name, a user's name or comment) made safe to print on a
/// terminal: the one sanitiser every text output uses (the reports, standard error, the queue's
/// listings).
///
/// Control characters (C0 but tab and line feed, DEL, C1) would let a draft move the cursor, clear
/// the screen or recolour the report (`ESC [ 2 J`), and bidirectional controls would reorder what
/// is shown; each is replaced by a visible stand-in: `␛` and the other control pictures for C0
/// and DEL, `<U+009B>` for the rest. With `singleLine`, line breaks and tabs go too (`⏎`, `␉`), so a
/// value cannot add a line of its own to a listing.
public enum TerminalText {
    public static func sanitized(_ text: String, singleLine: Bool = false) -> String {
        // Fast path: nothing to replace (the common case).
        if !text.unicodeScalars.contains(where: { needsReplacement($0, singleLine: singleLine) }) { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            guard needsReplacement(scalar, singleLine: singleLine) else {
                result.unicodeScalars.append(scalar)
                continue
            }
            switch scalar.value {
            case 0x0A: result += "⏎"
            case 0x09: result += "␉"
            case 0x00..<0x20: result.unicodeScalars.append(Unicode.Scalar(0x2400 + scalar.value)!)
            case 0x7F: result += "␡"
            default: result += "<U+" + hex(scalar.value) + ">"
            }
        }
        return result
    }

    private static func needsReplacement(_ scalar: Unicode.Scalar, singleLine: Bool) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: singleLine
        case 0x00..<0x20, 0x7F...0x9F: true
        // Bidirectional marks, embeddings, overrides and isolates.
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
