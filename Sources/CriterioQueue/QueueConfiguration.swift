import CriterioFoundation
import Foundation

/// The `queue:` section of `.criterio.yml`. Every key is optional; the defaults follow criterion 6.viii.
///
/// ```yaml
/// queue:
///   database: ~/.local/share/criterio/criterio.sqlite  # or sqlite:///ruta, postgres://… (próximamente)
///   clock: calendar            # or business-hours
///   response_hours: 48
///   warning_hours: 6
///   lease_minutes: 120
///   busy_timeout_seconds: 5
///   fixed_clock: false         # true lets CRITERIO_NOW fix the time (tests and demonstrations only)
///   time_zone: America/Mexico_City
///   business_hours: { start: "09:00", end: "18:00" }
///   holidays: [2026-12-12]     # replaces the statutory days of LFT art. 74
///   electoral_periods:
///     - { name: Proceso Electoral Federal 2026-2027, start: 2026-09-01, end: 2027-08-31 }
///   notifications:
///     email: { command: "/usr/sbin/sendmail -t -i", from: criterio@ine.mx, cncs: [cncs@ine.mx] }
///     webhook: { url: "https://…", command: curl, headers: { Authorization: "Bearer …" } }
/// ```
public struct QueueConfiguration: Decodable, Sendable, Equatable {
    /// SQLite path or URL; `--db` and `CRITERIO_DATABASE_URL` take precedence.
    public var database: String?
    public var clock: ClockKind
    /// CNCS's time to answer, in counted hours.
    public var responseHours: Double
    /// How long before the deadline CNCS is reminded, in counted hours.
    public var warningHours: Double
    /// How long a claim lasts.
    public var leaseMinutes: Double
    /// How long to wait for another process's lock before giving up.
    public var busyTimeoutSeconds: Double
    /// Whether `CRITERIO_NOW` may fix the queue's time. Only tests and demonstrations set it: with a
    /// fixed clock anyone can write entries dated whenever they like.
    public var fixedClock: Bool
    public var timeZone: String
    public var businessHours: BusinessHours
    /// The full holiday table for the business-hours clock; nil uses LFT art. 74.
    public var holidays: [LocalDate]?
    public var electoralPeriods: [ElectoralPeriod]
    public var notifications: NotificationSettings

    public enum ClockKind: String, Decodable, Sendable {
        case calendar
        case businessHours = "business-hours"

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let kind = ClockKind(rawValue: text) else {
                throw DecodingError.spanish("«\(text)» no es un reloj; usa calendar o business-hours", in: container)
            }
            self = kind
        }
    }

    public init() {
        database = nil
        clock = .calendar
        responseHours = QueueNumber.responseHours.defaultValue
        warningHours = QueueNumber.warningHours.defaultValue
        leaseMinutes = QueueNumber.leaseMinutes.defaultValue
        busyTimeoutSeconds = QueueNumber.busyTimeoutSeconds.defaultValue
        fixedClock = false
        timeZone = "America/Mexico_City"
        businessHours = BusinessHours()
        holidays = nil
        electoralPeriods = []
        notifications = NotificationSettings()
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case database, clock, holidays
        case responseHours = "response_hours"
        case warningHours = "warning_hours"
        case leaseMinutes = "lease_minutes"
        case busyTimeoutSeconds = "busy_timeout_seconds"
        case fixedClock = "fixed_clock"
        case timeZone = "time_zone"
        case businessHours = "business_hours"
        case electoralPeriods = "electoral_periods"
        case notifications
    }

    public init(from decoder: any Decoder) throws {
        let defaults = QueueConfiguration()
        let container = try decoder.container(keyedBy: CodingKeys.self)
        database = try container.decodeIfPresent(String.self, forKey: .database)
        clock = try container.decodeIfPresent(ClockKind.self, forKey: .clock) ?? defaults.clock
        responseHours = try QueueNumber.responseHours.decode(from: container, forKey: .responseHours)
        warningHours = try QueueNumber.warningHours.decode(from: container, forKey: .warningHours)
        leaseMinutes = try QueueNumber.leaseMinutes.decode(from: container, forKey: .leaseMinutes)
        busyTimeoutSeconds = try QueueNumber.busyTimeoutSeconds.decode(from: container, forKey: .busyTimeoutSeconds)
        fixedClock = try container.decodeIfPresent(Bool.self, forKey: .fixedClock) ?? defaults.fixedClock
        timeZone = try container.decodeIfPresent(String.self, forKey: .timeZone) ?? defaults.timeZone
        businessHours = try container.decodeIfPresent(BusinessHours.self, forKey: .businessHours) ?? defaults.businessHours
        holidays = try container.decodeIfPresent([LocalDate].self, forKey: .holidays)
        electoralPeriods = try container.decodeIfPresent([ElectoralPeriod].self, forKey: .electoralPeriods) ?? []
        notifications = try container.decodeIfPresent(NotificationSettings.self, forKey: .notifications) ?? defaults.notifications
        if TimeZone(identifier: timeZone) == nil {
            throw DecodingError.spanish("«\(timeZone)» no es una zona horaria conocida (por ejemplo America/Mexico_City)", forKey: .timeZone, in: container)
        }
        for period in electoralPeriods where period.end < period.start {
            throw DecodingError.spanish(
                "el proceso electoral \(period.name ?? "") termina (\(period.end)) antes de empezar (\(period.start))",
                forKey: .electoralPeriods, in: container)
        }
    }

    /// The keys each map of the section may have, by its path in the section ("" for the section
    /// itself, "electoral_periods[]" for every period), so that a misspelt key is an error and not
    /// silently left at its default. (`webhook.headers` is free.)
    public static let keys: [String: [String]] = [
        "": CodingKeys.allCases.map(\.stringValue),
        "business_hours": BusinessHours.CodingKeys.allCases.map(\.stringValue),
        "electoral_periods[]": ["name", "start", "end"],
        "notifications": ["email", "webhook"],
        "notifications.email": EmailSettings.CodingKeys.allCases.map(\.stringValue),
        "notifications.webhook": WebhookSettings.CodingKeys.allCases.map(\.stringValue),
    ]

    /// The time zone deadlines are shown and business hours counted in.
    public var zone: TimeZone {
        TimeZone(identifier: timeZone) ?? TimeZone(identifier: "America/Mexico_City")!
    }

    /// The clock the configuration chooses.
    public func makeClock() throws(QueueConfigurationError) -> any ReviewClock {
        switch clock {
        case .calendar:
            return CalendarClock()
        case .businessHours:
            guard let zone = TimeZone(identifier: timeZone) else {
                throw QueueConfigurationError("queue.time_zone: «\(timeZone)» no es una zona horaria conocida")
            }
            let thisYear = Calendar(identifier: .gregorian).component(.year, from: Date())
            let table = holidays.map(Set.init) ?? MexicanHolidays.statutory(years: (thisYear - 5)...(thisYear + 10))
            return BusinessHoursClock(
                timeZone: zone, opening: businessHours.start.minutes, closing: businessHours.end.minutes, holidays: table,
                electoralPeriods: electoralPeriods)
        }
    }

    /// The rules of time the service applies.
    public func makePolicy() throws(QueueConfigurationError) -> QueuePolicy {
        QueuePolicy(
            clock: try makeClock(), responseSeconds: Int(responseHours * 3600), warningSeconds: Int(warningHours * 3600),
            leaseSeconds: Int(leaseMinutes * 60), notifications: notifications.channels, cncsAddresses: notifications.email?.cncs ?? [])
    }
}

/// Opening and closing time of the business-hours clock.
public struct BusinessHours: Decodable, Sendable, Equatable {
    public var start: TimeOfDay
    public var end: TimeOfDay

    public init(start: TimeOfDay = TimeOfDay(minutes: 9 * 60), end: TimeOfDay = TimeOfDay(minutes: 18 * 60)) {
        self.start = start
        self.end = end
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        start = try container.decodeIfPresent(TimeOfDay.self, forKey: .start) ?? TimeOfDay(minutes: 9 * 60)
        end = try container.decodeIfPresent(TimeOfDay.self, forKey: .end) ?? TimeOfDay(minutes: 18 * 60)
        guard start.minutes < end.minutes else {
            throw DecodingError.spanish("la hora de cierre debe ser posterior a la de apertura", forKey: .end, in: container)
        }
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case start, end }
}

/// "09:00".
public struct TimeOfDay: Decodable, Sendable, Equatable {
    public var minutes: Int

    public init(minutes: Int) { self.minutes = minutes }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        let parts = text.split(separator: ":")
        guard parts.count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]), (0...24).contains(hour), (0..<60).contains(minute),
            hour * 60 + minute <= 24 * 60
        else { throw DecodingError.spanish("«\(text)» no es una hora HH:MM", in: container) }
        minutes = hour * 60 + minute
    }
}

/// `queue.notifications`.
public struct NotificationSettings: Decodable, Sendable, Equatable {
    public var email: EmailSettings?
    public var webhook: WebhookSettings?

    public init(email: EmailSettings? = nil, webhook: WebhookSettings? = nil) {
        self.email = email
        self.webhook = webhook
    }

    /// The channels an event is queued for.
    public var channels: Set<NotificationChannel> {
        var channels: Set<NotificationChannel> = []
        if let email, email.enabled { channels.insert(.email) }
        if webhook != nil { channels.insert(.webhook) }
        return channels
    }
}

/// E-mail through a sendmail-compatible command that reads the message on standard input.
public struct EmailSettings: Decodable, Sendable, Equatable {
    /// Run through `/bin/sh -c`; the message (with its To: header) arrives on standard input.
    public var command: String
    public var from: String
    /// CNCS's addresses, besides the e-mail of every `cncs` user.
    public var cncs: [String]
    public var enabled: Bool

    public init(command: String = "/usr/sbin/sendmail -t -i", from: String = "criterio@localhost", cncs: [String] = [], enabled: Bool = true) {
        self.command = command
        self.from = from
        self.cncs = cncs
        self.enabled = enabled
    }

    public init(from decoder: any Decoder) throws {
        let defaults = EmailSettings()
        let container = try decoder.container(keyedBy: CodingKeys.self)
        command = try container.decodeIfPresent(String.self, forKey: .command) ?? defaults.command
        from = try container.decodeIfPresent(String.self, forKey: .from) ?? defaults.from
        cncs = try container.decodeIfPresent([String].self, forKey: .cncs) ?? []
        enabled = try container.decodeIfPresent(Bool.self, forKey: .enabled) ?? true
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case command, from, cncs, enabled }
}

/// A JSON POST per event, sent with `curl` (see the report: FoundationNetworking's URLSession costs
/// every `criterio` process ~9 ms at start-up, which `lint` cannot afford).
public struct WebhookSettings: Decodable, Sendable, Equatable {
    public var url: String
    /// The curl-compatible program to run.
    public var command: String
    public var headers: [String: String]
    public var timeoutSeconds: Double

    public init(
        url: String, command: String = "curl", headers: [String: String] = [:],
        timeoutSeconds: Double = QueueNumber.webhookTimeoutSeconds.defaultValue
    ) {
        self.url = url
        self.command = command
        self.headers = headers
        self.timeoutSeconds = timeoutSeconds
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        url = try container.decode(String.self, forKey: .url)
        command = try container.decodeIfPresent(String.self, forKey: .command) ?? "curl"
        headers = try container.decodeIfPresent([String: String].self, forKey: .headers) ?? [:]
        timeoutSeconds = try QueueNumber.webhookTimeoutSeconds.decode(from: container, forKey: .timeoutSeconds)
        guard url.lowercased().hasPrefix("http://") || url.lowercased().hasPrefix("https://") else {
            throw DecodingError.spanish("debe empezar con http:// o https://", forKey: .url, in: container)
        }
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case url, command, headers
        case timeoutSeconds = "timeout_seconds"
    }
}

/// A number of the `queue:` section, with the values it accepts: declared once, for the decoder
/// (a value outside is an error at its line) and for `criterio init` (which shows the range).
public struct QueueNumber: Sendable {
    /// Its key, as written in `.criterio.yml` (`notifications.webhook.timeout_seconds` for a nested one).
    public let key: String
    public let defaultValue: Double
    public let range: ClosedRange<Double>
    /// What it is, in Spanish, with its unit.
    public let summary: String

    public static let responseHours = QueueNumber(
        key: "response_hours", defaultValue: 48, range: 1...720, summary: "horas que tiene la CNCS para responder (6.viii: 48)")
    public static let warningHours = QueueNumber(
        key: "warning_hours", defaultValue: 6, range: 0...720, summary: "horas antes del vencimiento en que se avisa a la CNCS")
    public static let leaseMinutes = QueueNumber(
        key: "lease_minutes", defaultValue: 120, range: 1...10_080, summary: "minutos que dura el reclamo de una consulta")
    public static let busyTimeoutSeconds = QueueNumber(
        key: "busy_timeout_seconds", defaultValue: 5, range: 0...600, summary: "segundos de espera si otro proceso usa la base de datos")
    public static let webhookTimeoutSeconds = QueueNumber(
        key: "notifications.webhook.timeout_seconds", defaultValue: 10, range: 1...600, summary: "segundos de espera del webhook")

    /// Every number of the section, in the order `criterio init` lists them.
    public static let all = [responseHours, warningHours, leaseMinutes, busyTimeoutSeconds, webhookTimeoutSeconds]

    /// "de 1 a 720".
    public var rangeDescription: String { "de \(Self.format(range.lowerBound)) a \(Self.format(range.upperBound))" }

    /// The value at `key`, or the default when it is absent; a value outside the range is an error at the key.
    func decode<Key: CodingKey>(from container: KeyedDecodingContainer<Key>, forKey codingKey: Key) throws -> Double {
        guard let value = try container.decodeIfPresent(Double.self, forKey: codingKey) else { return defaultValue }
        guard range.contains(value) else {
            throw DecodingError.spanish("debe estar entre \(Self.format(range.lowerBound)) y \(Self.format(range.upperBound)); se dio \(Self.format(value))", forKey: codingKey, in: container)
        }
        return value
    }

    /// `48`, `0.5`: a value as written in the configuration.
    public static func format(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }
}

public struct QueueConfigurationError: ExplainedError, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// The time rules the service applies, built from the configuration.
public struct QueuePolicy: Sendable {
    public var clock: any ReviewClock
    public var responseSeconds: Int
    public var warningSeconds: Int
    public var leaseSeconds: Int
    /// The channels each notifying event is queued for, in the same transaction.
    public var notifications: Set<NotificationChannel>
    /// E-mail addresses that hear CNCS's news besides the `cncs` users' own.
    public var cncsAddresses: [String]
    /// Passwords, sessions, API tokens and sign-in throttling.
    public var credentials: CredentialPolicy

    public init(
        clock: any ReviewClock = CalendarClock(), responseSeconds: Int = 48 * 3600, warningSeconds: Int = 6 * 3600,
        leaseSeconds: Int = 2 * 3600, notifications: Set<NotificationChannel> = [], cncsAddresses: [String] = [],
        credentials: CredentialPolicy = CredentialPolicy()
    ) {
        self.cncsAddresses = cncsAddresses
        self.credentials = credentials
        self.clock = clock
        self.responseSeconds = responseSeconds
        self.warningSeconds = warningSeconds
        self.leaseSeconds = leaseSeconds
        self.notifications = notifications
    }
}
