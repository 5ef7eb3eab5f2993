import CriterioFoundation
import CriterioQueue
import Foundation

/// Sends one outbox message somewhere.
public protocol NotificationTransport: Sendable {
    func send(_ message: OutboxMessage) throws(DeliveryError)
}

public struct DeliveryError: ExplainedError {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Delivers what the transitions queued, after they committed. Each message is first taken under a
/// lease in its own transaction, so two processes never send the same one; it is marked sent as soon
/// as the transport accepts it. A process killed between sending and marking leaves the message
/// taken: it is sent again when the lease runs out, with the same `event_id` / Message-ID so the
/// receiver can tell.
public struct OutboxDeliverer: Sendable {
    public let store: any QueueStore
    public let transports: [NotificationChannel: any NotificationTransport]
    public var maxAttempts = 5
    public var leaseSeconds: TimeInterval = 120
    /// Delivery runs on the real clock, whatever `CRITERIO_NOW` says.
    public var now: @Sendable () -> Date = { Date() }

    public init(store: any QueueStore, transports: [NotificationChannel: any NotificationTransport]) {
        self.store = store
        self.transports = transports
    }

    public init(store: any QueueStore, settings: NotificationSettings) {
        var transports: [NotificationChannel: any NotificationTransport] = [:]
        if let email = settings.email, email.enabled { transports[.email] = SendmailTransport(settings: email) }
        if let webhook = settings.webhook { transports[.webhook] = WebhookTransport(settings: webhook) }
        self.init(store: store, transports: transports)
    }

    public struct Report: Sendable {
        public var sent = 0
        public var failures: [String] = []
    }

    public func deliverPending(limit: Int = 200) throws -> Report {
        var report = Report()
        guard !transports.isEmpty else { return report }
        let start = now()
        let messages = try store.write { tx in
            try tx.takeOutboxMessages(now: start, leaseUntil: start.addingTimeInterval(leaseSeconds), limit: limit)
        }
        for message in messages {
            guard let transport = transports[message.channel] else {
                try store.write { try $0.markOutboxFailed(id: message.id, error: "canal \(message.channel.rawValue) sin configurar", retryAt: now().addingTimeInterval(3600)) }
                continue
            }
            do {
                try transport.send(message)
                FaultInjection.point("kill-after-send")
                try store.write { try $0.markOutboxDelivered(id: message.id, at: now()) }
                report.sent += 1
            } catch let error as DeliveryError {
                let giveUp = message.attempts >= maxAttempts
                let retry = giveUp ? nil : now().addingTimeInterval(60 * pow(2, Double(message.attempts - 1)))
                try store.write { try $0.markOutboxFailed(id: message.id, error: error.description, retryAt: retry) }
                let what = message.channel == .email ? "el correo" : "el webhook"
                report.failures.append(
                    "no se pudo enviar \(what) del evento \(message.auditSequence) (intento \(message.attempts) de \(maxAttempts)\(giveUp ? ", no se reintentará" : "; se reintentará con criterio queue tick")): \(error.description)")
            }
        }
        return report
    }
}

/// E-mail through a sendmail-compatible command (`sendmail -t -i` reads the recipients from To:).
public struct SendmailTransport: NotificationTransport {
    public let settings: EmailSettings

    public init(settings: EmailSettings) { self.settings = settings }

    public func send(_ message: OutboxMessage) throws(DeliveryError) {
        try CommandRunner.run(executable: "/bin/sh", arguments: ["-c", settings.command], input: Data(Self.compose(message, from: settings.from).utf8))
    }

    /// The RFC 5322 message, UTF-8 body, encoded subject.
    static func compose(_ message: OutboxMessage, from: String) -> String {
        func header(_ value: String) -> String { value.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ") }
        let subject = message.subject.allSatisfy(\.isASCII) ? header(message.subject) : "=?UTF-8?B?\(Data(header(message.subject).utf8).base64EncodedString())?="
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        let lines = [
            "From: \(header(from))",
            "To: \(header(message.recipients.joined(separator: ", ")))",
            "Subject: \(subject)",
            "Date: \(formatter.string(from: message.createdAt))",
            "Message-ID: <criterio-evento-\(message.auditSequence)@criterio.local>",
            "X-Criterio-Event: \(message.auditSequence)",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: 8bit",
            "",
            message.body,
            "",
        ]
        return lines.joined(separator: "\n")
    }
}

/// A JSON POST per event through `curl` (or a compatible command): the document arrives on its
/// standard input, with `Idempotency-Key: criterio-evento-N`.
public struct WebhookTransport: NotificationTransport {
    public let settings: WebhookSettings

    public init(settings: WebhookSettings) { self.settings = settings }

    public func send(_ message: OutboxMessage) throws(DeliveryError) {
        var arguments = [
            settings.command, "--silent", "--show-error", "--fail", "--max-time", String(Int(settings.timeoutSeconds.rounded(.up))),
            "-X", "POST", "-H", "Content-Type: application/json", "-H", "Idempotency-Key: criterio-evento-\(message.auditSequence)",
        ]
        for (name, value) in settings.headers.sorted(by: { $0.key < $1.key }) { arguments += ["-H", "\(name): \(value)"] }
        arguments += ["--data-binary", "@-", settings.url]
        try CommandRunner.run(executable: "/usr/bin/env", arguments: arguments, input: Data(message.payload.utf8))
    }
}

/// Runs a delivery command with the message on standard input.
enum CommandRunner {
    static func run(executable: String, arguments: [String], input: Data) throws(DeliveryError) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let stdin = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = FileHandle.nullDevice
        process.standardError = stderr
        do {
            try process.run()
        } catch {
            throw DeliveryError("no se pudo ejecutar \(arguments.first ?? executable): \(FoundationErrors.describe(error))")
        }
        // A command that exits without reading its input must not kill us with SIGPIPE; its exit status says what happened.
        signal(SIGPIPE, SIG_IGN)
        try? stdin.fileHandleForWriting.write(contentsOf: input)
        try? stdin.fileHandleForWriting.close()
        let errorText = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let detail = errorText.trimmingCharacters(in: .whitespacesAndNewlines)
            let command = executable == "/bin/sh" ? (arguments.last ?? "") : arguments.first ?? executable
            throw DeliveryError("«\(command)» terminó con \(process.terminationStatus)\(detail.isEmpty ? "" : ": \(detail.prefix(300))")")
        }
    }
}
