import CSimdJSON
import CriterioCore
import CriterioFoundation
import Foundation

/// One record as a reader hands it over, not yet checked: a post already read (X, Facebook, CSV),
/// the bytes of a JSON line (decoded by `ArchiveRecordDecoder`, so that the threads that lint also
/// decode, in parallel), or the reason it is bad.
public struct ArchiveRecord: Sendable {
    enum Content: Sendable {
        case post(ArchivedPost)
        case jsonLine(Data)
        case bad(String)
    }

    public let archive: String
    public let number: Int
    /// How far into the archive the reader is after this record (for progress).
    public let bytesRead: Int64
    let content: Content

    init(archive: String, number: Int, bytesRead: Int64, content: Content) {
        self.archive = archive
        self.number = number
        self.bytesRead = bytesRead
        self.content = content
    }
}

/// Turns records into posts. Holds a JSON parser: make one per thread.
public final class ArchiveRecordDecoder {
    private let parser = SimdJSONParser()

    public init() {}

    public func decode(_ record: ArchiveRecord) -> Result<ArchivedPost, BadRecord> {
        func bad(_ message: String) -> Result<ArchivedPost, BadRecord> {
            .failure(BadRecord(archive: record.archive, record: record.number, message: message))
        }
        switch record.content {
        case .post(let post):
            return .success(post)
        case .bad(let message):
            return bad(message)
        case .jsonLine(let bytes):
            do {
                let line = try parser.parse(bytes) { (root) throws(JSONLinePost.Problem) in try JSONLinePost(root) }
                return line.post(archive: record.archive, record: record.number).mapError {
                    BadRecord(archive: record.archive, record: record.number, message: $0.message)
                }
            } catch let problem as JSONLinePost.Problem {
                return bad(problem.message)
            } catch let error as SimdJSONParser.SyntaxError where error.code == CRITERIO_JSON_NOT_UTF8 {
                let offset = UTF8Validation.firstInvalidOffset(in: Array(bytes))
                return bad("no es UTF-8 válido" + (offset.map { " (byte \($0 + 1))" } ?? ""))
            } catch let error as SimdJSONParser.SyntaxError {
                return bad("JSON inválido: " + error.message)
            } catch {
                return bad(FoundationErrors.message(for: error))
            }
        }
    }
}

/// A reader of one archive format. `read` hands every record, in order, to `body`; an archive (or a
/// part) that cannot be read throws or is reported through `problems`, never crashes.
public protocol ArchiveReader {
    /// The archive as the user named it.
    var name: String { get }
    /// How many bytes `bytesRead` counts up to (0 when unknown).
    var totalBytes: Int64 { get }
    /// Calls `body` with each record. Problems with a part that leave the rest readable (a broken
    /// part of an X archive) go to `problem`; `body` may throw to stop reading.
    func read(problem: (ArchiveError) -> Void, _ body: (ArchiveRecord) throws -> Void) throws
}
