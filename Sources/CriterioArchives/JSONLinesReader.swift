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

/// One JSON line, read leniently: an id may be a number, a date a Unix time, `media` a list, one
/// path or a count. As with JSONDecoder before it, the first of duplicate keys counts and `null` is
/// as if the key were not there.
struct JSONLinePost {
    struct Problem: Error { let message: String }

    /// SPEC §9's keys and their Spanish names (as drafts accept them).
    enum Key: Int, CaseIterable {
        case id, id_str, text, texto, full_text, created_at, fecha, account, cuenta, network, red, reply_to, respuesta_a, media, multimedia

        var name: String { Self.names[rawValue] }

        private static let names = allCases.map { String(describing: $0) }
        private static let utf8Names = names.map { Array($0.utf8) }

        /// The key these bytes name, compared byte by byte (no string is made for every key of
        /// every line).
        init?(utf8 bytes: UnsafeBufferPointer<UInt8>) {
            guard let index = Self.utf8Names.firstIndex(where: { $0.elementsEqual(bytes) }) else { return nil }
            self.init(rawValue: index)
        }
    }

    var id: String?
    var text: String?
    var createdAt: String?
    var media: [String] = []
    var account: String?
    var network: String?
    var replyTo: String?

    init(_ line: JSONValue) throws(Problem) {
        guard line.kind == .object else { throw Problem(message: "no es un objeto JSON") }
        var values = [JSONValue?](repeating: nil, count: Key.allCases.count)
        line.forEachField { name, value in
            guard let key = Key(utf8: name), values[key.rawValue] == nil else { return }
            values[key.rawValue] = value
        }
        /// The value of the first of `keys` present and not `null`.
        func first(_ keys: Key...) -> (Key, JSONValue)? {
            for key in keys {
                if let value = values[key.rawValue], !value.isNull { return (key, value) }
            }
            return nil
        }
        id = try Self.scalar(first(.id, .id_str))
        text = try Self.string(first(.text, .texto, .full_text))
        createdAt = try Self.scalar(first(.created_at, .fecha))
        account = try Self.string(first(.account, .cuenta))
        network = try Self.string(first(.network, .red))
        replyTo = try Self.scalar(first(.reply_to, .respuesta_a))
        media = try Self.media(first(.media, .multimedia))
    }

    /// Text as it is.
    static func string(_ found: (Key, JSONValue)?) throws(Problem) -> String? {
        guard let (key, value) = found else { return nil }
        guard let text = value.string else { throw Problem(message: "«\(key.name)» debe ser un texto") }
        return text
    }

    /// Text as it is, an integer as its digits, `true` as "true" (`false` is no value).
    static func scalar(_ found: (Key, JSONValue)?) throws(Problem) -> String? {
        guard let (key, value) = found else { return nil }
        if let text = value.string { return text }
        if let number = value.integer { return String(number) }
        if let flag = value.bool { return flag ? "true" : nil }
        throw Problem(message: "«\(key.name)» debe ser un texto o un número")
    }

    /// A list of paths or URLs, one of them, or how many there are (up to 100 placeholders).
    static func media(_ found: (Key, JSONValue)?) throws(Problem) -> [String] {
        guard let (key, value) = found else { return [] }
        if value.kind == .array {
            let items = value.items.map(\.string)
            if !items.contains(nil) { return items.compactMap { $0 } }
        } else if let single = value.string {
            return single.isEmpty ? [] : [single]
        } else if let count = value.integer, count >= 0 {
            return (0..<min(Int(count), 100)).map { "multimedia-\($0 + 1)" }
        }
        throw Problem(message: "«\(key.name)» debe ser una lista de rutas o URL, una ruta o un número de archivos")
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
