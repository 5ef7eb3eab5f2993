import CriterioFoundation

/// An archive, or a part of one, that cannot be read: missing, of an unknown shape, unsafe (a zip
/// bomb, an entry that leaves its folder) or broken. In Spanish, naming the archive.
public struct ArchiveError: ExplainedError, Sendable, Equatable {
    public let archive: String
    public let message: String

    public init(archive: String, message: String) {
        self.archive = archive
        self.message = message
    }

    public var description: String { "\(archive): \(message)" }
}

/// A record that could not become a post (a broken JSON line, a CSV row with the wrong number of
/// fields, a post without text). Reported with its archive and record number, and skipped.
public struct BadRecord: ExplainedError, Sendable, Equatable {
    public let archive: String
    public let record: Int
    public let message: String

    public init(archive: String, record: Int, message: String) {
        self.archive = archive
        self.record = record
        self.message = message
    }

    public var description: String { "\(archive), registro \(record): \(message)" }
}
