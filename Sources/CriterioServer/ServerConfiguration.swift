import Foundation

/// How `criterio serve` listens and behaves: address, cookies behind TLS, body limit, how often
/// the ticker runs, and the time zone pages show deadlines in.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// Cookies always carry `Secure` (the server is behind TLS). Without it they carry it when the
    /// request came through a proxy that says `X-Forwarded-Proto: https`.
    public var secureCookies: Bool
    /// Request bodies above this size are refused with 413 (SPEC §8: 1 MiB).
    public var maximumBodyBytes: Int
    /// How often the ticker expires, warns, releases stale claims, purges sessions and delivers the outbox.
    public var tickInterval: Duration
    /// Where deadlines are shown (the queue's zone: `America/Mexico_City` by default).
    public var timeZone: TimeZone

    public init(
        host: String = "127.0.0.1", port: Int = 8080, secureCookies: Bool = false, maximumBodyBytes: Int = 1 << 20,
        tickInterval: Duration = .seconds(30), timeZone: TimeZone = TimeZone(identifier: "America/Mexico_City") ?? .current
    ) {
        self.host = host
        self.port = port
        self.secureCookies = secureCookies
        self.maximumBodyBytes = maximumBodyBytes
        self.tickInterval = tickInterval
        self.timeZone = timeZone
    }
}
