/// Check algorithms of Mexican identifiers, ported from python-stdnum (see
/// research/pii-anchors.md and mx_validators.py). Inputs are compact upper-case strings.
public enum MexicanIdentifiers {
    static let curpAlphabet = Array("0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ")
    static let rfcAlphabet = Array("0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ")

    /// RENAPO state codes (NE: born abroad).
    public static let curpStates: Set<String> = Set(
        "AS BC BS CC CH CL CM CS DF DG GR GT HG JC MC MN MS NE NL NT OC PL QR QT SL SP SR TC TL TS VZ YN ZS"
            .split(separator: " ").map(String.init))

    /// RENAPO's inconvenient words: a real CURP never starts with one.
    public static let curpInconvenientWords: Set<String> = Set(
        """
        BACA BAKA BUEI BUEY CACA CACO CAGA CAGO CAKA CAKO COGE COGI COJA COJE COJI COJO COLA CULO FALO FETO
        GETA GUEI GUEY JETA JOTO KACA KACO KAGA KAGO KAKA KAKO KOGE KOGI KOJA KOJE KOJI KOJO KOLA KULO LILO
        LOCA LOCO LOKA LOKO MAME MAMO MEAR MEAS MEON MIAR MION MOCO MOKO MULA MULO NACA NACO PEDA PEDO PENE
        PIPI PITO POPO PUTA PUTO QULO RATA ROBA ROBE ROBO RUIN SENO TETA VACA VAGA VAGO VAKA VUEI VUEY WUEI WUEY
        """.split(whereSeparator: \.isWhitespace).map(String.init))

    /// SAT's inconvenient words for RFC (personas físicas).
    public static let rfcInconvenientWords: Set<String> = Set(
        """
        BUEI BUEY CACA CACO CAGA CAGO CAKA CAKO COGE COJA COJE COJI COJO CULO FETO GUEY JOTO KACA KACO KAGA
        KAGO KAKA KOGE KOJO KULO MAME MAMO MEAR MEAS MEON MION MOCO MULA PEDA PEDO PENE PUTA PUTO QULO RATA RUIN
        """.split(whereSeparator: \.isWhitespace).map(String.init))

    /// What a CURP check says.
    public enum CURPValidity: Equatable, Sendable {
        case valid
        /// Structure, date, sex and state are right; only the check digit is not (a typo of a real CURP).
        case checkDigitMismatch
        case invalid
    }

    public static func validateCURP(_ curp: String, allowNonBinarySex: Bool = true) -> CURPValidity {
        // Byte by byte: a CURP is ASCII, and a post may have thousands of candidates.
        let bytes = Array(curp.utf8)
        guard bytes.count == 18,
            bytes[0..<4].allSatisfy(isUpperASCIILetter), bytes[4..<10].allSatisfy(isDigit),
            bytes[10..<16].allSatisfy(isUpperASCIILetter),
            isUpperASCIILetter(bytes[16]) || isDigit(bytes[16]), isDigit(bytes[17])
        else { return .invalid }
        guard !curpInconvenientWords.contains(String(decoding: bytes[0..<4], as: UTF8.self)) else { return .invalid }
        let sex = bytes[10]
        guard sex == UInt8(ascii: "H") || sex == UInt8(ascii: "M") || (allowNonBinarySex && sex == UInt8(ascii: "X")) else { return .invalid }
        guard curpStates.contains(String(decoding: bytes[11..<13], as: UTF8.self)) else { return .invalid }
        let century = isDigit(bytes[16]) ? 1900 : 2000
        guard isValidDate(bytes[4..<10], century: century) else { return .invalid }
        return curpCheckDigit(bytes[0..<17]) == bytes[17] ? .valid : .checkDigitMismatch
    }

    public static func curpCheckDigit(_ first17: String) -> Character {
        Character(Unicode.Scalar(curpCheckDigit(Array(first17.utf8)[...])))
    }

    /// The check digit's ASCII byte, of the first 17 ASCII bytes of a CURP.
    static func curpCheckDigit(_ first17: ArraySlice<UInt8>) -> UInt8 {
        var sum = 0
        for (index, byte) in first17.enumerated() {
            sum += curpValue(byte) * (18 - index)
        }
        return UInt8(ascii: "0") + UInt8((10 - sum % 10) % 10)
    }

    /// A character's place in the CURP alphabet (`0…9`, `A…N`, `&`, `O…Z`); 0 for any other.
    private static func curpValue(_ byte: UInt8) -> Int {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "A")...UInt8(ascii: "N"): Int(byte - UInt8(ascii: "A")) + 10
        case UInt8(ascii: "&"): 24
        case UInt8(ascii: "O")...UInt8(ascii: "Z"): Int(byte - UInt8(ascii: "O")) + 25
        default: 0
        }
    }

    public enum RFCKind: String, Sendable { case fisica, moral }

    /// The kind of an RFC whose structure and date are valid, or nil. `strict` also requires the
    /// check digit (and homoclave alphabet) of a 12- or 13-character RFC, which about 1.5% of real
    /// RFCs fail.
    public static func classifyRFC(_ rfc: String, strict: Bool = false) -> RFCKind? {
        let characters = Array(rfc)
        let kind: RFCKind
        let date: String
        if characters.count == 13 || characters.count == 10, characters[0..<4].allSatisfy(isRFCLetter),
            characters[4..<10].allSatisfy(isDigit)
        {
            guard !rfcInconvenientWords.contains(String(characters[0..<4])) else { return nil }
            kind = .fisica
            date = String(characters[4..<10])
        } else if characters.count == 12, characters[0..<3].allSatisfy(isRFCLetter), characters[3..<9].allSatisfy(isDigit) {
            kind = .moral
            date = String(characters[3..<9])
        } else {
            return nil
        }
        if characters.count > 10 {
            guard characters.suffix(3).allSatisfy({ isUpperASCIILetter($0) || isDigit($0) }) else { return nil }
        }
        guard isValidDate(date, century: 2000) else { return nil }
        // Like python-stdnum, a 10-character RFC has no check digit to verify, even when strict.
        if strict && characters.count > 10 {
            let homoclave = Array(characters.suffix(3))
            guard "123456789ABCDEFGHIJKLMNOPQRSTUV".contains(homoclave[0]),
                "123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".contains(homoclave[1]),
                "0123456789A".contains(homoclave[2]),
                rfcCheckDigit(String(characters.dropLast())) == characters.last
            else { return nil }
        }
        return kind
    }

    /// The SAT check digit of an RFC without its last character (11 or 12 characters).
    public static func rfcCheckDigit(_ base: String) -> Character {
        let padded = Array(String(repeating: " ", count: max(0, 12 - base.count)) + base).suffix(12)
        var sum = 0
        for (index, character) in padded.enumerated() {
            sum += (rfcAlphabet.firstIndex(of: character) ?? 0) * (13 - index)
        }
        return rfcAlphabet[(11 - sum % 11) % 11]
    }

    /// CLABE: 18 digits whose last is the 3-7-1 weighted check.
    public static func isValidCLABE(_ digits: String) -> Bool {
        guard let values = asciiDigits(digits), values.count == 18 else { return false }
        let weights = [3, 7, 1]
        var sum = 0
        for index in 0..<17 { sum += (values[index] * weights[index % 3]) % 10 }
        return (10 - sum % 10) % 10 == values[17]
    }

    /// Luhn (ISO/IEC 7812), used by payment cards and the IMSS NSS.
    public static func luhn(_ digits: String) -> Bool {
        guard let values = asciiDigits(digits), !values.isEmpty else { return false }
        var total = 0
        for (index, value) in values.reversed().enumerated() {
            if index % 2 == 1 {
                let doubled = value * 2
                total += doubled > 9 ? doubled - 9 : doubled
            } else {
                total += value
            }
        }
        return total % 10 == 0
    }

    /// The brand of a Luhn-valid card number by its IIN prefix and length, or nil.
    public static func cardBrand(_ digits: String) -> String? {
        guard (12...19).contains(digits.count), luhn(digits) else { return nil }
        let length = digits.count
        func prefix(_ count: Int) -> Int { Int(digits.prefix(count)) ?? 0 }
        let (p2, p3, p4, p6) = (prefix(2), prefix(3), prefix(4), prefix(6))
        if digits.hasPrefix("4") && [13, 16, 19].contains(length) { return "Visa" }
        if ((51...55).contains(p2) || (2221...2720).contains(p4)) && length == 16 { return "Mastercard" }
        if (p2 == 34 || p2 == 37) && length == 15 { return "American Express" }
        if (p4 == 6011 || (644...649).contains(p3) || p2 == 65 || (622126...622925).contains(p6)) && length >= 16 { return "Discover" }
        if (3528...3589).contains(p4) && length >= 16 { return "JCB" }
        if ((300...305).contains(p3) || [36, 38, 39].contains(p2)) && length >= 14 { return "Diners Club" }
        if p2 == 62 && length >= 16 { return "UnionPay" }
        if p2 == 50 || (56...69).contains(p2) { return "Maestro" }
        return nil
    }

    /// ICAO 9303 check digit (7-3-1 weights; `<` is 0, A is 10).
    public static func icaoCheckDigit(_ text: String) -> Int {
        var sum = 0
        for (index, character) in text.enumerated() {
            let value: Int
            if character == "<" {
                value = 0
            } else if let digit = character.wholeNumberValue {
                value = digit
            } else if let ascii = character.asciiValue, ascii >= 65, ascii <= 90 {
                value = Int(ascii) - 55
            } else {
                value = 0
            }
            sum += value * [7, 3, 1][index % 3]
        }
        return sum % 10
    }

    /// The values of a string of ASCII digits, or nil when it has anything else.
    private static func asciiDigits(_ text: String) -> [Int]? {
        var values: [Int] = []
        values.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            guard isDigit(byte) else { return nil }
            values.append(Int(byte - UInt8(ascii: "0")))
        }
        return values
    }

    /// Whether `yymmdd` is a real calendar date in the given century.
    public static func isValidDate(_ yymmdd: String, century: Int) -> Bool {
        isValidDate(Array(yymmdd.utf8)[...], century: century)
    }

    static func isValidDate(_ yymmdd: ArraySlice<UInt8>, century: Int) -> Bool {
        guard yymmdd.count == 6, yymmdd.allSatisfy(isDigit) else { return false }
        let digits = yymmdd.map { Int($0 - UInt8(ascii: "0")) }
        let year = century + digits[0] * 10 + digits[1]
        let month = digits[2] * 10 + digits[3]
        let day = digits[4] * 10 + digits[5]
        guard (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= days[month - 1]
    }

    static func isUpperASCIILetter(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue else { return false }
        return ascii >= 65 && ascii <= 90
    }

    static func isRFCLetter(_ character: Character) -> Bool {
        isUpperASCIILetter(character) || character == "&" || character == "Ñ"
    }

    static func isDigit(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue else { return false }
        return ascii >= 48 && ascii <= 57
    }

    static func isUpperASCIILetter(_ byte: UInt8) -> Bool { byte >= 65 && byte <= 90 }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
}
