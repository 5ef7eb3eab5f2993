import CriterioFoundation

/// When a post was published, as a count of seconds since 1970-01-01T00:00:00Z, read from the ways
/// drafts and archives write it: ISO 8601 (`2024-05-20`, `2024-05-20T10:00:00-06:00`, `…Z`, with a
/// space for the `T`), X's `Wed Oct 10 20:19:24 +0000 2018`, and Unix time in seconds or milliseconds.
/// Pure calendar arithmetic (proleptic Gregorian, `CivilDate`), no Foundation, so it is cheap per post.
public struct PublicationDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let secondsSince1970: Int64

    public init(secondsSince1970: Int64) {
        self.secondsSince1970 = secondsSince1970
    }

    /// A calendar date and time of day; with `offset` seconds east of UTC.
    public init?(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, offset: Int = 0) {
        guard (1...12).contains(month), (1...CivilDate.daysIn(month: month, year: year)).contains(day), (0...23).contains(hour),
            (0...59).contains(minute), (0...60).contains(second)
        else { return nil }
        let days = CivilDate.days(year: year, month: month, day: day)
        secondsSince1970 = days * 86_400 + Int64(hour * 3_600 + minute * 60 + min(second, 59)) - Int64(offset)
    }

    /// Parses `text`; a date or time written without a zone is taken as `offset` seconds east of UTC.
    public static func parse(_ text: String, assumingOffset offset: Int = 0) -> PublicationDate? {
        var scanner = DateScanner(Array(text.utf8))
        scanner.skipSpaces()
        if let date = scanner.unixTime() ?? scanner.iso8601(assumingOffset: offset) ?? scanner.twitter() {
            scanner.skipSpaces()
            return scanner.atEnd ? date : nil
        }
        return nil
    }

    public static func < (lhs: PublicationDate, rhs: PublicationDate) -> Bool {
        lhs.secondsSince1970 < rhs.secondsSince1970
    }

    /// The date and time of day `offset` seconds east of UTC.
    public func components(offset: Int = 0) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        let local = secondsSince1970 + Int64(offset)
        let days = CivilDate.floorDivide(local, 86_400)
        let seconds = Int(local - days * 86_400)
        let (year, month, day) = CivilDate.date(fromDays: days)
        return (year, month, day, seconds / 3_600, seconds % 3_600 / 60, seconds % 60)
    }

    /// `2018-10-10T20:19:24Z` (written digit by digit: scans format one per post).
    public var iso8601: String {
        let c = components()
        guard (0...9_999).contains(c.year) else {
            return "\(c.year)-\(Self.pad(c.month))-\(Self.pad(c.day))T\(Self.pad(c.hour)):\(Self.pad(c.minute)):\(Self.pad(c.second))Z"
        }
        return String(unsafeUninitializedCapacity: 20) { buffer in
            func put(_ value: Int, _ width: Int, at offset: Int) {
                var rest = value
                for position in stride(from: offset + width - 1, through: offset, by: -1) {
                    buffer[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
            }
            put(c.year, 4, at: 0)
            buffer[4] = UInt8(ascii: "-")
            put(c.month, 2, at: 5)
            buffer[7] = UInt8(ascii: "-")
            put(c.day, 2, at: 8)
            buffer[10] = UInt8(ascii: "T")
            put(c.hour, 2, at: 11)
            buffer[13] = UInt8(ascii: ":")
            put(c.minute, 2, at: 14)
            buffer[16] = UInt8(ascii: ":")
            put(c.second, 2, at: 17)
            buffer[19] = UInt8(ascii: "Z")
            return 20
        }
    }

    public var description: String { iso8601 }

    /// The month `offset` seconds east of UTC, as `2024-05`.
    public func monthKey(offset: Int = 0) -> String {
        let c = components(offset: offset)
        return "\(Self.pad(c.year, 4))-\(Self.pad(c.month))"
    }

    static func pad(_ value: Int, _ width: Int = 2) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

/// Reads the pieces of a date from UTF-8 bytes, one format at a time.
private struct DateScanner {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { index >= bytes.count }

    mutating func skipSpaces() {
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index += 1 }
    }

    func peek(_ offset: Int = 0) -> UInt8? { index + offset < bytes.count ? bytes[index + offset] : nil }

    mutating func expect(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        index += 1
        return true
    }

    /// Exactly `count` digits.
    mutating func digits(_ count: Int) -> Int? {
        guard index + count <= bytes.count else { return nil }
        var value = 0
        for offset in 0..<count {
            let byte = bytes[index + offset]
            guard (0x30...0x39).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        index += count
        return value
    }

    /// Ten digits (seconds) or thirteen (milliseconds), and nothing else.
    mutating func unixTime() -> PublicationDate? {
        let start = index
        while let byte = peek(), (0x30...0x39).contains(byte) { index += 1 }
        let count = index - start
        guard count == 10 || count == 13, atEnd || peek() == UInt8(ascii: " ") else {
            index = start
            return nil
        }
        var value: Int64 = 0
        for byte in bytes[start..<index] { value = value * 10 + Int64(byte - 0x30) }
        return PublicationDate(secondsSince1970: count == 13 ? value / 1_000 : value)
    }

    /// `YYYY-MM-DD[(T| )HH:MM[:SS[.fraction]][Z|±HH[:]MM]]`.
    mutating func iso8601(assumingOffset defaultOffset: Int) -> PublicationDate? {
        let start = index
        guard let year = digits(4), expect(UInt8(ascii: "-")), let month = digits(2), expect(UInt8(ascii: "-")),
            let day = digits(2)
        else {
            index = start
            return nil
        }
        var hour = 0, minute = 0, second = 0
        var offset = defaultOffset
        if peek() == UInt8(ascii: "T") || peek() == UInt8(ascii: "t") || (peek() == UInt8(ascii: " ") && (peek(1).map { (0x30...0x39).contains($0) } ?? false)) {
            index += 1
            guard let h = digits(2), expect(UInt8(ascii: ":")), let m = digits(2) else {
                index = start
                return nil
            }
            hour = h
            minute = m
            if expect(UInt8(ascii: ":")) {
                guard let s = digits(2) else {
                    index = start
                    return nil
                }
                second = s
                if expect(UInt8(ascii: ".")) || expect(UInt8(ascii: ",")) {
                    while let byte = peek(), (0x30...0x39).contains(byte) { index += 1 }
                }
            }
            skipSpaces()
            if expect(UInt8(ascii: "Z")) || expect(UInt8(ascii: "z")) {
                offset = 0
            } else if let zone = zoneOffset() {
                offset = zone
            }
        }
        guard let date = PublicationDate(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offset) else {
            index = start
            return nil
        }
        return date
    }

    /// `+0000`, `-06:00`, `+05`.
    mutating func zoneOffset() -> Int? {
        guard let sign = peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
        let start = index
        index += 1
        guard let hours = digits(2) else {
            index = start
            return nil
        }
        _ = expect(UInt8(ascii: ":"))
        let minutes = digits(2) ?? 0
        let value = hours * 3_600 + minutes * 60
        return sign == UInt8(ascii: "-") ? -value : value
    }

    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// `Wed Oct 10 20:19:24 +0000 2018`.
    mutating func twitter() -> PublicationDate? {
        let start = index
        func fail() -> PublicationDate? {
            index = start
            return nil
        }
        // Weekday: three letters, ignored.
        guard index + 4 <= bytes.count, bytes[index + 3] == UInt8(ascii: " ") else { return fail() }
        index += 4
        guard index + 4 <= bytes.count else { return fail() }
        let name = String(decoding: bytes[index..<(index + 3)], as: UTF8.self).lowercased()
        guard let month = Self.months.firstIndex(of: name), bytes[index + 3] == UInt8(ascii: " ") else { return fail() }
        index += 4
        skipSpaces()
        let dayStart = index
        while let byte = peek(), (0x30...0x39).contains(byte) { index += 1 }
        guard (1...2).contains(index - dayStart) else { return fail() }
        let day = Int(String(decoding: bytes[dayStart..<index], as: UTF8.self)) ?? 0
        skipSpaces()
        guard let hour = digits(2), expect(UInt8(ascii: ":")), let minute = digits(2), expect(UInt8(ascii: ":")),
            let second = digits(2)
        else { return fail() }
        skipSpaces()
        guard let offset = zoneOffset() else { return fail() }
        skipSpaces()
        guard let year = digits(4),
            let date = PublicationDate(year: year, month: month + 1, day: day, hour: hour, minute: minute, second: second, offset: offset)
        else { return fail() }
        return date
    }
}
