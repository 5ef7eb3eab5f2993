import CriterioFoundation
import Foundation

/// Instants as the queue stores and hashes them: ISO 8601 in UTC with milliseconds
/// ("2026-11-23T10:00:00.000Z"). Going through whole milliseconds makes the text round-trip exactly,
/// which the audit chain's hashes rely on.
public enum Timestamp {
    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// The instant rounded to whole milliseconds.
    public static func rounded(_ date: Date) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds(date)) / 1000)
    }

    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    public static func string(_ date: Date) -> String {
        let ms = milliseconds(date)
        return CanonicalSpelling.string(milliseconds: ms) ?? calendarString(milliseconds: ms)
    }

    /// `string` through Foundation's calendar, for every instant.
    static func calendarString(milliseconds ms: Int64) -> String {
        let seconds = ms >= 0 ? ms / 1000 : (ms - 999) / 1000
        let fraction = Int(ms - seconds * 1000)
        let parts = utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: Double(seconds)))
        func pad(_ value: Int?, _ width: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.year, 4))-\(pad(parts.month, 2))-\(pad(parts.day, 2))T\(pad(parts.hour, 2)):\(pad(parts.minute, 2)):\(pad(parts.second, 2)).\(pad(fraction, 3))Z"
    }

    /// Reads ISO 8601 with or without fractional seconds, with `Z` or an offset ("2026-11-23T10:00:00-06:00").
    /// The whole text must be the timestamp: "2026-11-23T10:00:00Z garbage" is not one.
    public static func parse(_ text: String) -> Date? {
        if let milliseconds = CanonicalSpelling.milliseconds(text) { return Date(timeIntervalSince1970: Double(milliseconds) / 1000) }
        return foundationParse(text)
    }

    /// `parse` through Foundation's ISO 8601 parser, for every spelling.
    static func foundationParse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard hasTimestampShape(trimmed) else { return nil }
        for style in [Date.ISO8601FormatStyle(includingFractionalSeconds: true), Date.ISO8601FormatStyle()] {
            if let date = try? style.parse(trimmed) { return rounded(date) }
        }
        return nil
    }

    /// `YYYY-MM-DDTHH:MM:SS`, optional `.fraction`, then `Z` or `±HH:MM`, and nothing else
    /// (Foundation's parser stops at the end of a date and ignores what follows).
    static func hasTimestampShape(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Bool { range.upperBound <= bytes.count && bytes[range].allSatisfy { (0x30...0x39).contains($0) } }
        func byte(_ index: Int, _ character: Character) -> Bool { index < bytes.count && bytes[index] == character.asciiValue! }
        guard digits(0..<4), byte(4, "-"), digits(5..<7), byte(7, "-"), digits(8..<10), byte(10, "T"), digits(11..<13), byte(13, ":"),
            digits(14..<16), byte(16, ":"), digits(17..<19)
        else { return false }
        var index = 19
        if byte(index, ".") {
            let start = index + 1
            index = start
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
            guard index > start else { return false }
        }
        if byte(index, "Z") { return index + 1 == bytes.count }
        guard byte(index, "+") || byte(index, "-") else { return false }
        return digits((index + 1)..<(index + 3)) && byte(index + 3, ":") && digits((index + 4)..<(index + 6)) && index + 6 == bytes.count
    }
}

/// A calendar day without a time ("2026-12-25"), as holidays and electoral periods are written.
public struct LocalDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = LocalDate(text) else {
            throw DecodingError.spanish("«\(text)» no es una fecha AAAA-MM-DD", in: container)
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

/// Dates as people read them in a time zone: "25/11/2026 10:00", or "25/11 a las 10:00".
public enum LocalTime {
    public static func string(_ date: Date, in timeZone: TimeZone, withYear: Bool) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let (day, month, hour, minute) = (parts.day ?? 0, parts.month ?? 0, parts.hour ?? 0, parts.minute ?? 0)
        return withYear
            ? String(format: "%02d/%02d/%04d %02d:%02d", day, month, parts.year ?? 0, hour, minute)
            : String(format: "%02d/%02d a las %02d:%02d", day, month, hour, minute)
    }
}
