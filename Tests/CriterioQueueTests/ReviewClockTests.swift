import CriterioQueue
import Foundation
import Testing

@Suite("relojes de la CNCS")
struct ReviewClockTests {
    let mexico = TimeZone(identifier: "America/Mexico_City")!
    func at(_ text: String) -> Date { Timestamp.parse(text)! }

    @Test func theCalendarClockCountsEveryHour() {
        let clock = CalendarClock()
        #expect(clock.deadline(from: at("2026-11-20T17:00:00-06:00"), adding: 48 * 3600) == at("2026-11-22T17:00:00-06:00"))
        #expect(clock.countedSeconds(from: at("2026-11-20T17:00:00-06:00"), to: at("2026-11-21T17:00:00-06:00")) == 24 * 3600)
    }

    @Test func businessHoursSkipNightsAndWeekends() {
        let clock = BusinessHoursClock(timeZone: mexico, holidays: [])
        // Friday 17:00 + 2 business hours = Monday 10:00.
        #expect(clock.deadline(from: at("2026-10-09T17:00:00-06:00"), adding: 2 * 3600) == at("2026-10-12T10:00:00-06:00"))
        // Submitted on Saturday night: the clock starts on Monday at 9:00.
        #expect(clock.deadline(from: at("2026-10-10T22:00:00-06:00"), adding: 3600) == at("2026-10-12T10:00:00-06:00"))
        // 48 business hours from Monday 9:00: five days of nine hours, and three more on the next Monday.
        #expect(clock.deadline(from: at("2026-10-05T09:00:00-06:00"), adding: 48 * 3600) == at("2026-10-12T12:00:00-06:00"))
        #expect(clock.countedSeconds(from: at("2026-10-09T17:00:00-06:00"), to: at("2026-10-12T10:00:00-06:00")) == 2 * 3600)
        // Ending exactly at closing time stays on that day.
        #expect(clock.deadline(from: at("2026-10-05T09:00:00-06:00"), adding: 9 * 3600) == at("2026-10-05T18:00:00-06:00"))
    }

    @Test func holidaysFromTheTableDoNotCount() {
        let holidays = MexicanHolidays.statutory(years: 2026...2026)
        #expect(holidays.contains(LocalDate(year: 2026, month: 11, day: 16)))  // tercer lunes de noviembre
        #expect(holidays.contains(LocalDate(year: 2026, month: 2, day: 2)))
        #expect(holidays.contains(LocalDate(year: 2026, month: 3, day: 16)))
        let clock = BusinessHoursClock(timeZone: mexico, holidays: holidays)
        // Friday 20 Nov 17:00 + 2 h: Monday 16 was a holiday the week before; Monday 23 is not.
        #expect(clock.deadline(from: at("2026-11-13T17:00:00-06:00"), adding: 2 * 3600) == at("2026-11-17T10:00:00-06:00"))
        let edited = BusinessHoursClock(timeZone: mexico, holidays: [LocalDate(year: 2026, month: 10, day: 12)])
        #expect(edited.deadline(from: at("2026-10-09T17:00:00-06:00"), adding: 2 * 3600) == at("2026-10-13T10:00:00-06:00"))
    }

    @Test func duringAnElectoralProcessEveryHourCounts() {
        let period = ElectoralPeriod(name: "PEF", start: LocalDate("2026-10-10")!, end: LocalDate("2026-10-11")!)
        let clock = BusinessHoursClock(timeZone: mexico, holidays: [], electoralPeriods: [period])
        // Friday 17:00: one business hour on Friday, then Saturday and Sunday count whole.
        #expect(clock.deadline(from: at("2026-10-09T17:00:00-06:00"), adding: 25 * 3600) == at("2026-10-11T00:00:00-06:00"))
        #expect(clock.countedSeconds(from: at("2026-10-09T17:00:00-06:00"), to: at("2026-10-12T10:00:00-06:00")) == (1 + 48 + 1) * 3600)
    }

    @Test func theConfigurationChoosesTheClock() throws {
        var configuration = QueueConfiguration()
        #expect(try configuration.makeClock() is CalendarClock)
        configuration.clock = .businessHours
        configuration.holidays = []
        let clock = try configuration.makeClock()
        #expect(clock.deadline(from: at("2026-10-09T17:00:00-06:00"), adding: 3600) == at("2026-10-09T18:00:00-06:00"))
        configuration.timeZone = "Marte/Olympus"
        #expect(throws: QueueConfigurationError.self) { try configuration.makeClock() }
    }
}
