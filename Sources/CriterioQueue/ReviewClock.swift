import Foundation

/// How CNCS's time is counted (criterion 6.viii; review procedure art. 10). Deadlines, the time left
/// and the near-due warning are all measured on the same clock.
public protocol ReviewClock: Sendable {
    /// The instant at which `seconds` of counted time have passed since `start`.
    func deadline(from start: Date, adding seconds: Int) -> Date
    /// Counted seconds between two instants (0 when `end` is not after `start`).
    func countedSeconds(from start: Date, to end: Date) -> Int
}

/// Every hour counts: `due_at = submitted_at + 48 h`.
public struct CalendarClock: ReviewClock {
    public init() {}

    public func deadline(from start: Date, adding seconds: Int) -> Date {
        start.addingTimeInterval(TimeInterval(seconds))
    }

    public func countedSeconds(from start: Date, to end: Date) -> Int {
        max(0, Int(end.timeIntervalSince(start).rounded()))
    }
}

/// Business hours (art. 10 of the review procedure): 9:00 to 18:00 on business days in
/// `America/Mexico_City`; a business day is any day but Saturday, Sunday and the holidays in the
/// table. During an electoral process every day and every hour counts.
public struct BusinessHoursClock: ReviewClock {
    public let timeZone: TimeZone
    /// Minutes after midnight.
    public let opening: Int
    public let closing: Int
    public let holidays: Set<LocalDate>
    public let electoralPeriods: [ElectoralPeriod]
    private let calendar: Calendar

    public init(
        timeZone: TimeZone, opening: Int = 9 * 60, closing: Int = 18 * 60, holidays: Set<LocalDate>,
        electoralPeriods: [ElectoralPeriod] = []
    ) {
        self.timeZone = timeZone
        self.opening = opening
        self.closing = closing
        self.holidays = holidays
        self.electoralPeriods = electoralPeriods
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// Far enough for any deadline; stops a loop over a table with no business day at all.
    private static let dayLimit = 3660

    public func deadline(from start: Date, adding seconds: Int) -> Date {
        var remaining = TimeInterval(max(0, seconds))
        if remaining == 0 { return start }
        var dayStart = calendar.startOfDay(for: start)
        for _ in 0..<Self.dayLimit {
            let nextDay = calendar.date(byAdding: .day, value: 1, to: dayStart)!
            if let window = window(of: dayStart, nextDay: nextDay), window.end > start {
                let from = max(start, window.start)
                let available = window.end.timeIntervalSince(from)
                if remaining <= available { return from.addingTimeInterval(remaining) }
                remaining -= available
            }
            dayStart = nextDay
        }
        return dayStart
    }

    public func countedSeconds(from start: Date, to end: Date) -> Int {
        guard end > start else { return 0 }
        var total: TimeInterval = 0
        var dayStart = calendar.startOfDay(for: start)
        for _ in 0..<Self.dayLimit where dayStart < end {
            let nextDay = calendar.date(byAdding: .day, value: 1, to: dayStart)!
            if let window = window(of: dayStart, nextDay: nextDay) {
                let from = max(start, window.start)
                let to = min(end, window.end)
                if to > from { total += to.timeIntervalSince(from) }
            }
            dayStart = nextDay
        }
        return Int(total.rounded())
    }

    /// The counted part of one local day, or nil when none of it counts.
    private func window(of dayStart: Date, nextDay: Date) -> (start: Date, end: Date)? {
        let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: dayStart)
        let day = LocalDate(year: parts.year!, month: parts.month!, day: parts.day!)
        if electoralPeriods.contains(where: { $0.contains(day) }) { return (dayStart, nextDay) }
        // weekday: 1 = Sunday, 7 = Saturday.
        if parts.weekday == 1 || parts.weekday == 7 || holidays.contains(day) { return nil }
        guard let open = calendar.date(bySettingHour: opening / 60, minute: opening % 60, second: 0, of: dayStart),
            let close = closing >= 24 * 60
                ? nextDay : calendar.date(bySettingHour: closing / 60, minute: closing % 60, second: 0, of: dayStart)
        else { return nil }
        return close > open ? (open, close) : nil
    }
}

/// An electoral process: from `start` to `end`, both days included, every hour counts.
public struct ElectoralPeriod: Sendable, Codable, Equatable {
    public var name: String?
    public var start: LocalDate
    public var end: LocalDate

    public init(name: String? = nil, start: LocalDate, end: LocalDate) {
        self.name = name
        self.start = start
        self.end = end
    }

    public func contains(_ day: LocalDate) -> Bool { start <= day && day <= end }
}

/// The statutory rest days of the Ley Federal del Trabajo, art. 74 — the default holiday table.
/// INE's own annual agreement (published in the DOF) adds days; list them in `queue.holidays`.
public enum MexicanHolidays {
    public static func statutory(years: ClosedRange<Int>) -> Set<LocalDate> {
        var days: Set<LocalDate> = []
        for year in years {
            days.insert(LocalDate(year: year, month: 1, day: 1))
            days.insert(nthMonday(1, month: 2, year: year))  // 5 de febrero
            days.insert(nthMonday(3, month: 3, year: year))  // 21 de marzo
            days.insert(LocalDate(year: year, month: 5, day: 1))
            days.insert(LocalDate(year: year, month: 9, day: 16))
            days.insert(nthMonday(3, month: 11, year: year))  // 20 de noviembre
            days.insert(LocalDate(year: year, month: 12, day: 25))
            // Transmission of the federal executive, every six years (2024, 2030, …).
            if year % 6 == 2 { days.insert(LocalDate(year: year, month: 10, day: 1)) }
        }
        return days
    }

    private static func nthMonday(_ n: Int, month: Int, year: Int) -> LocalDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let first = calendar.date(from: DateComponents(year: year, month: month, day: 1))!
        let weekday = calendar.component(.weekday, from: first)  // 1 = Sunday, 2 = Monday
        let firstMonday = 1 + (9 - weekday) % 7
        return LocalDate(year: year, month: month, day: firstMonday + 7 * (n - 1))
    }
}
