import CriterioCore
import Foundation

/// JSON Lines: one post per line, `{"id", "text", "created_at", "media", "account", "network",
/// "reply_to"}` (and the Spanish keys drafts accept: `texto`, `fecha`, `multimedia`, `cuenta`, `red`,
/// `respuesta_a`). The file is read in chunks and split at line breaks; each line is decoded later,
/// by the thread that lints it. Blank lines are skipped; a line longer than `maximumLineBytes` is a
/// bad record and is skipped without being held in memory.
public struct JSONLinesReader: ArchiveReader {
    public let name: String
    let path: String
    public let totalBytes: Int64
    let maximumLineBytes: Int

    public init(path: String, name: String? = nil, maximumLineBytes: Int = 1 << 20) throws(ArchiveError) {
        self.path = path
        self.name = name ?? path
        self.maximumLineBytes = maximumLineBytes
        totalBytes = try ArchiveFiles.size(of: path, name: name ?? path)
    }

    public func read(problem: (ArchiveError) -> Void, _ body: (ArchiveRecord) throws -> Void) throws {
        let file = try ArchiveFiles.open(path, name: name)
        defer { close(file) }
        var lines = LineSplitter(maximumLineBytes: maximumLineBytes)
        var number = 0
        var consumed: Int64 = 0
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        func emit(_ line: LineSplitter.Line) throws {
            number += 1
            switch line {
            case .bytes(let bytes):
                consumed += Int64(bytes.count + 1)
                guard bytes.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { return }
                try body(ArchiveRecord(archive: name, number: number, bytesRead: consumed, content: .jsonLine(bytes)))
            case .tooLong(let length):
                consumed += Int64(length + 1)
                try body(ArchiveRecord(
                    archive: name, number: number, bytesRead: consumed,
                    content: .bad("la línea mide \(length) bytes; el límite es \(maximumLineBytes)")))
            }
        }
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(file, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ArchiveError(archive: name, message: ArchiveFiles.explain(errno))
            }
            if count == 0 { break }
            try chunk.withUnsafeBufferPointer { try lines.feed(UnsafeBufferPointer(rebasing: $0[..<count]), emit) }
        }
        try lines.finish(emit)
    }
}

/// Splits a stream of bytes into lines (without their `\n`), refusing to hold one longer than a limit.
struct LineSplitter {
    enum Line {
        case bytes(Data)
        case tooLong(Int)
    }

    let maximumLineBytes: Int
    private var pending: [UInt8] = []
    private var overflow: Int?

    init(maximumLineBytes: Int) { self.maximumLineBytes = maximumLineBytes }

    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, _ emit: (Line) throws -> Void) throws {
        var start = 0
        while start < bytes.count {
            guard let newline = bytes[start...].firstIndex(of: 0x0A) else {
                append(bytes[start...])
                return
            }
            if pending.isEmpty && overflow == nil && newline - start <= maximumLineBytes {
                // The whole line is in this chunk: one copy, straight into the Data the decoder reads.
                var end = newline
                if end > start && bytes[end - 1] == 0x0D { end -= 1 }
                try emit(.bytes(Data(UnsafeBufferPointer(rebasing: bytes[start..<end]))))
            } else {
                append(bytes[start..<newline])
                try emit(takeLine())
            }
            start = newline + 1
        }
    }

    mutating func finish(_ emit: (Line) throws -> Void) throws {
        if !pending.isEmpty || overflow != nil { try emit(takeLine()) }
    }

    private mutating func append(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) {
        if let length = overflow {
            overflow = length + bytes.count
        } else if pending.count + bytes.count > maximumLineBytes {
            overflow = pending.count + bytes.count
            pending = []
        } else {
            pending.append(contentsOf: bytes)
        }
    }

    private mutating func takeLine() -> Line {
        defer {
            pending = []
            overflow = nil
        }
        if let length = overflow { return .tooLong(length) }
        if pending.last == 0x0D { pending.removeLast() }
        return .bytes(Data(pending))
    }
}

/// One JSON line, decoded leniently: an id may be a number, a date a Unix time, `media` a list, one
/// path or a count.
struct JSONLinePost: Decodable {
    struct Problem: Error { let message: String }

    /// SPEC §9's keys and their Spanish names (as drafts accept them).
    enum Key: String, CodingKey {
        case id, id_str, text, texto, full_text, created_at, fecha, account, cuenta, network, red, reply_to, respuesta_a, media, multimedia
    }

    /// A number or `true`, as a string (ids, dates, replies that are not text: `scalar` reads text
    /// itself).
    struct Scalar: Decodable {
        let value: String?

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int64.self) {
                value = String(number)
            } else if let flag = try? container.decode(Bool.self) {
                value = flag ? "true" : nil
            } else {
                throw Problem(message: "«\(decoder.codingPath.last?.stringValue ?? "")» debe ser un texto o un número")
            }
        }
    }

    /// One path or URL, or how many there are (a list of them `init` reads itself).
    struct Media: Decodable {
        let items: [String]

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let single = try? container.decode(String.self) {
                items = single.isEmpty ? [] : [single]
            } else if let count = try? container.decode(Int.self), count >= 0 {
                items = (0..<min(count, 100)).map { "multimedia-\($0 + 1)" }
            } else {
                throw Problem(message: "«\(decoder.codingPath.last?.stringValue ?? "media")» debe ser una lista de rutas o URL, una ruta o un número de archivos")
            }
        }
    }

    var id: String?
    var text: String?
    var createdAt: String?
    var media: [String] = []
    var account: String?
    var network: String?
    var replyTo: String?

    init(from decoder: Decoder) throws {
        guard let container = try? decoder.container(keyedBy: Key.self) else { throw Problem(message: "no es un objeto JSON") }
        id = try Self.scalar(container, .id, .id_str)
        text = try Self.string(container, .text, .texto, .full_text)
        createdAt = try Self.scalar(container, .created_at, .fecha)
        account = try Self.string(container, .account, .cuenta)
        network = try Self.string(container, .network, .red)
        replyTo = try Self.scalar(container, .reply_to, .respuesta_a)
        for key in [Key.media, .multimedia] {
            // The usual list is read directly; `Media` (a nested decoder) only for the other shapes.
            if let list = try? container.decodeIfPresent([String].self, forKey: key) {
                media = list
                break
            }
            if let found = try container.decodeIfPresent(Media.self, forKey: key) {
                media = found.items
                break
            }
        }
    }

    /// The first of `keys` present, as a string.
    static func string(_ container: KeyedDecodingContainer<Key>, _ keys: Key...) throws -> String? {
        for key in keys {
            do {
                if let value = try container.decodeIfPresent(String.self, forKey: key) { return value }
            } catch {
                throw Problem(message: "«\(key.rawValue)» debe ser un texto")
            }
        }
        return nil
    }

    /// The first of `keys` present, as a string: text as it is, a number or a flag through `Scalar`.
    /// Text, what archives usually write, is read directly: a nested decoder for every id and date
    /// was a sixth of decoding a line.
    static func scalar(_ container: KeyedDecodingContainer<Key>, _ keys: Key...) throws -> String? {
        for key in keys {
            if let text = try? container.decodeIfPresent(String.self, forKey: key) { return text }
            if let value = try container.decodeIfPresent(Scalar.self, forKey: key) { return value.value }
        }
        return nil
    }

    func post(archive: String, record: Int) -> Result<ArchivedPost, Problem> {
        guard let text, !text.isBlank else { return .failure(Problem(message: "la publicación no tiene texto («text»)")) }
        let network = network.flatMap { Network(name: $0) }
        return .success(ArchivedPost(
            archive: archive, record: record, id: id, account: account, network: network, createdAt: createdAt,
            date: createdAt.flatMap { PublicationDate.parse($0, assumingOffset: ArchiveClock.assumedOffset) },
            text: text, media: media, replyTo: replyTo))
    }
}
