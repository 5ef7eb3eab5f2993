/// Folding of letters for matching: lower case, accents and diaeresis removed, ñ → n.
/// "Pendéjo", "PENDEJO" and "pendejo" all fold to "pendejo"; "Año" folds to "ano".
public enum SpanishFolding {
    /// The folded form of a whole string (used when loading word lists).
    public static func fold(_ string: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(string.utf8.count)
        for scalar in string.unicodeScalars {
            appendFolded(scalar, to: &bytes)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the folded UTF-8 of one scalar. Combining marks fold to nothing.
    @inline(__always)
    public static func appendFolded(_ scalar: Unicode.Scalar, to bytes: inout [UInt8]) {
        let value = scalar.value
        if value < 0x80 {
            let byte = UInt8(value)
            bytes.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
        } else if value >= 0xC0 && value <= 0xFF {
            let folded = latin1[Int(value - 0xC0)]
            if folded != 0 {
                bytes.append(folded)
                if value == 0xDF { bytes.append(UInt8(ascii: "s")) }  // ß → ss
                if value == 0xC6 || value == 0xE6 { bytes.append(UInt8(ascii: "e")) }  // æ → ae
            } else {
                bytes.append(contentsOf: String(scalar).utf8)
            }
        } else if isCombiningMark(scalar) {
            return
        } else {
            bytes.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
        }
    }

    @inline(__always)
    static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value >= 0x300 && value <= 0x36F { return true }
        if value < 0x300 { return false }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// The ASCII byte U+00C0…U+00FF fold to (0 for × and ÷, which are not letters).
    @inline(__always)
    static func latin1Fold(_ value: UInt32) -> UInt8 {
        latin1[Int(value - 0xC0)]
    }

    /// U+00C0…U+00FF folded to one ASCII byte (0 for × and ÷, which are not letters).
    private static let latin1: [UInt8] = Array("aaaaaaaceeeeiiiidnooooo\0ouuuuyts" + "aaaaaaaceeeeiiiidnooooo\0ouuuuyty").map {
        $0 == "\0" ? 0 : UInt8($0.asciiValue!)
    }
}
