import CriterioFoundation

/// The spelling the stores write ("2026-11-23T16:00:00.000Z", years 1970 to 9999), read and written
/// with integer arithmetic. Every row a store reads carries several instants: going through
/// Foundation's calendar and ISO 8601 parser for each cost tens of microseconds, most of the time of
/// a list of consultations. Anything else (offsets, other fractions, earlier years) is left to
/// `Timestamp`'s general path, which gives the same answers more slowly.
enum CanonicalSpelling {
    private static let length = 24

    /// The text of the instant `milliseconds` after 1970, or nil outside the years 1970–9999.
    static func string(milliseconds: Int64) -> String? {
        guard milliseconds >= 0 else { return nil }
        let (days, inDay) = milliseconds.quotientAndRemainder(dividingBy: 86_400_000)
        let (year, month, day) = CivilDate.date(fromDays: days)
        guard year <= 9999 else { return nil }
        let millisecond = Int(inDay)
        return String(unsafeUninitializedCapacity: length) { buffer in
            func put(_ value: Int, _ width: Int, at offset: Int) {
                var value = value
                for index in stride(from: offset + width - 1, through: offset, by: -1) {
                    buffer[index] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
            }
            put(year, 4, at: 0)
            buffer[4] = UInt8(ascii: "-")
            put(month, 2, at: 5)
            buffer[7] = UInt8(ascii: "-")
            put(day, 2, at: 8)
            buffer[10] = UInt8(ascii: "T")
            put(millisecond / 3_600_000, 2, at: 11)
            buffer[13] = UInt8(ascii: ":")
            put(millisecond / 60_000 % 60, 2, at: 14)
            buffer[16] = UInt8(ascii: ":")
            put(millisecond / 1000 % 60, 2, at: 17)
            buffer[19] = UInt8(ascii: ".")
            put(millisecond % 1000, 3, at: 20)
            buffer[23] = UInt8(ascii: "Z")
            return length
        }
    }

    /// Milliseconds after 1970 of a text in exactly this spelling naming a real instant; nil for
    /// any other text (the general parser decides about those).
    static func milliseconds(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8 { bytes -> Int64? in
            guard bytes.count == length, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
                bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"), bytes[19] == UInt8(ascii: "."), bytes[23] == UInt8(ascii: "Z")
            else { return nil }
            func number(_ offset: Int, _ width: Int) -> Int? {
                var value = 0
                for index in offset..<(offset + width) {
                    let digit = bytes[index] &- UInt8(ascii: "0")
                    guard digit < 10 else { return nil }
                    value = value * 10 + Int(digit)
                }
                return value
            }
            guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
                let minute = number(14, 2), let second = number(17, 2), let millisecond = number(20, 3),
                year >= 1970, (1...12).contains(month), (1...CivilDate.daysIn(month: month, year: year)).contains(day), hour < 24, minute < 60, second < 60
            else { return nil }
            let days = CivilDate.days(year: year, month: month, day: day)
            return ((days * 24 + Int64(hour)) * 60 + Int64(minute)) * 60_000 + Int64(second) * 1000 + Int64(millisecond)
        }
    }
}
