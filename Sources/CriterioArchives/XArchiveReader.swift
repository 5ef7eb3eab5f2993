import CriterioCore
import CriterioFoundation
import Foundation

/// An X (Twitter) account archive: the `.zip` X sends, the folder it unpacks to, its `data/` folder,
/// or one `tweets.js`. `data/manifest.js` names the account and the parts (`tweets.js`,
/// `tweets-part1.js`…, older archives `tweet.js`); each part is JavaScript, `window.YTD.tweets.part0 = [...]`.
/// A part is walked tweet by tweet with simdjson (X writes one part of up to 50 GB): memory holds the
/// part's bytes, simdjson's index of them and one tweet, not the decoded list. Long posts, which
/// `tweets.js` cuts, are taken whole from `note-tweet.js` when it is there. The manifest, the account
/// and the notes are small, and are decoded with Foundation's JSON decoder.
///
/// The text is the post as people saw it: from the start of X's display range (without the automatic
/// @mentions of a reply), `t.co` links replaced by the links they stand for, the link of attached media removed, and
/// `&amp;`, `&lt;`, `&gt;` decoded.
struct XArchiveReader: ArchiveReader {
    let name: String
    let container: any ArchiveContainer
    /// The folder of the parts inside the container ("" or "data/" or "twitter-2024/data/").
    let dataFolder: String

    init(container: any ArchiveContainer) {
        self.name = container.name
        self.container = container
        self.dataFolder = Self.dataFolder(in: container.paths) ?? ""
    }

    /// Where the parts are: the folder of `manifest.js` or of the first tweets part.
    static func dataFolder(in paths: [String]) -> String? {
        let names = ["manifest.js", "tweets.js", "tweet.js", "tweets-part1.js", "tweet-part1.js"]
        for name in names {
            let candidates = paths.filter { $0 == name || $0.hasSuffix("/" + name) }
            if let best = candidates.min(by: { $0.count < $1.count }) { return String(best.dropLast(name.count)) }
        }
        return nil
    }

    /// Whether the paths look like an X archive.
    static func recognizes(_ paths: [String]) -> Bool {
        paths.contains { path in
            let last = path.split(separator: "/").last.map(String.init) ?? path
            return last == "manifest.js" || last == "tweets.js" || last == "tweet.js" || (last.hasPrefix("tweets-part") && last.hasSuffix(".js"))
        }
    }

    var totalBytes: Int64 { partPaths().reduce(0) { $0 + container.size(of: $1) } }

    func read(problem: (ArchiveError) -> Void, _ body: (ArchiveRecord) throws -> Void) throws {
        let manifest = readManifest(problem: problem)
        let parts = partPaths(manifest: manifest)
        guard !parts.isEmpty else {
            throw ArchiveError(archive: name, message: "no tiene tweets.js ni partes tweets-partN.js: no parece un archivo de X")
        }
        let account = manifest?.userInfo?.userName ?? readAccount()
        let notes = readNotes(manifest: manifest, problem: problem)
        var number = 0
        var consumed: Int64 = 0
        let parser = SimdJSONParser()
        for part in parts {
            let size = container.size(of: part)
            defer { consumed += size }
            let partName = "\(name)/\(part)"
            var read = 0
            do {
                var data = try container.contents(of: part)
                let start = try Self.scriptStart(in: data, part: partName)
                let length = max(data.count - start, 1)
                try parser.forEachElement(in: &data, from: start) { element, offset in
                    number += 1
                    read += 1
                    let progress = consumed + size * Int64(offset + element.count) / Int64(length)
                    let content: ArchiveRecord.Content
                    do {
                        let tweet = try parser.parse(element) { (value) throws(XTweet.Problem) in try XTweet(element: value) }
                        if let post = tweet.post(archive: name, record: number, account: account, notes: notes) {
                            content = .post(post)
                        } else {
                            content = .bad("el tweet no tiene texto («full_text»)")
                        }
                    } catch let problem as XTweet.Problem {
                        content = .bad(problem.message)
                    } catch let error as SimdJSONParser.SyntaxError {
                        content = .bad("JSON inválido: " + error.message)
                    }
                    try body(ArchiveRecord(archive: name, number: number, bytesRead: progress, content: content))
                    return true
                }
            } catch let error as ArchiveError {
                problem(error)
            } catch let error as SimdJSONParser.SyntaxError {
                let skipped = read == 0 ? "se omitió esta parte" : "se omitió esta parte desde el tweet \(read + 1)"
                problem(ArchiveError(archive: partName, message: "JSON inválido: \(error.message); \(skipped)"))
            }
        }
    }

    private func readManifest(problem: (ArchiveError) -> Void) -> XManifest? {
        let path = dataFolder + "manifest.js"
        guard container.contains(path) else { return nil }
        do {
            return try Self.decode(XManifest.self, fromScript: try container.contents(of: path), part: "\(name)/\(path)")
        } catch {
            problem(error)
            return nil
        }
    }

    /// The tweet parts in order: as the manifest lists them, or else the files named like parts.
    func partPaths(manifest: XManifest? = nil) -> [String] {
        if let files = (manifest?.dataTypes?["tweets"] ?? manifest?.dataTypes?["tweet"])?.files, !files.isEmpty {
            let resolved = files.compactMap { resolve($0.fileName) }
            if !resolved.isEmpty { return resolved }
        }
        var parts: [(Int, String)] = []
        for path in container.paths where path.hasPrefix(dataFolder) {
            let last = String(path.dropFirst(dataFolder.count))
            for stem in ["tweets", "tweet"] {
                if last == stem + ".js" { parts.append((0, path)) }
                if last.hasPrefix(stem + "-part"), last.hasSuffix(".js"), let number = Int(last.dropFirst(stem.count + 5).dropLast(3)) {
                    parts.append((number, path))
                }
            }
        }
        return parts.sorted { $0 < $1 }.map(\.1)
    }

    /// A manifest's `data/tweets.js` inside this container.
    private func resolve(_ fileName: String?) -> String? {
        guard let fileName else { return nil }
        let last = fileName.split(separator: "/").last.map(String.init) ?? fileName
        let root = dataFolder.hasSuffix("data/") ? String(dataFolder.dropLast(5)) : dataFolder
        for candidate in [root + fileName, dataFolder + last] where container.contains(candidate) {
            return candidate
        }
        return nil
    }

    private func readAccount() -> String? {
        let path = dataFolder + "account.js"
        guard container.contains(path), let data = try? container.contents(of: path),
            let accounts = try? Self.decode([XAccountEnvelope].self, fromScript: data, part: path)
        else { return nil }
        return accounts.first?.account.username
    }

    private func readNotes(manifest: XManifest?, problem: (ArchiveError) -> Void) -> XNoteIndex {
        var paths = (manifest?.dataTypes?["noteTweet"]?.files ?? []).compactMap { resolve($0.fileName) }
        if paths.isEmpty, container.contains(dataFolder + "note-tweet.js") { paths = [dataFolder + "note-tweet.js"] }
        var index = XNoteIndex()
        for path in paths {
            do {
                let notes = try Self.decode([Lenient<XNoteEnvelope>].self, fromScript: try container.contents(of: path), part: "\(name)/\(path)")
                for case .success(let note) in notes.map(\.value) { index.add(note.noteTweet) }
            } catch {
                problem(error)
            }
        }
        return index
    }

    /// Decodes the JSON after `window.YTD.….partN = ` (or `window.__THAR_CONFIG = `).
    static func decode<Value: Decodable>(_ type: Value.Type, fromScript data: Data, part: String) throws(ArchiveError) -> Value {
        let start = try scriptStart(in: data, part: part)
        do {
            return try JSONDecoder().decode(Value.self, from: data[(data.startIndex + start)...])
        } catch {
            throw ArchiveError(archive: part, message: FoundationErrors.message(for: error) + "; se omitió esta parte")
        }
    }

    /// Where the JSON of a part starts (its offset in `data`): after `= `, at its `[` or `{`.
    static func scriptStart(in data: Data, part: String) throws(ArchiveError) -> Int {
        let prefixLimit = min(data.count, 4_096)
        guard let equals = data.prefix(prefixLimit).firstIndex(of: UInt8(ascii: "=")),
            let start = data[equals...].firstIndex(where: { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "{") })
        else {
            throw ArchiveError(archive: part, message: "no empieza con «window.YTD.… = »: no es una parte de un archivo de X")
        }
        return start - data.startIndex
    }
}

/// An element of a JSON array that may fail alone: the rest of the array is still read.
struct Lenient<Value: Decodable>: Decodable {
    let value: Result<Value, LenientFailure>

    init(from decoder: Decoder) throws {
        do {
            value = .success(try Value(from: decoder))
        } catch {
            value = .failure(LenientFailure(message: FoundationErrors.message(for: error)))
        }
    }
}

struct LenientFailure: Error {
    let message: String
}

struct XManifest: Decodable {
    struct UserInfo: Decodable { let userName: String? }
    struct DataType: Decodable { let files: [File]? }
    struct File: Decodable { let fileName: String? }
    let userInfo: UserInfo?
    let dataTypes: [String: DataType]?
}

struct XAccountEnvelope: Decodable {
    struct Account: Decodable { let username: String? }
    let account: Account
}

/// A tweet, read as JSONDecoder read it into optionals: a key that is missing or `null` is nil; a
/// value of another type makes the tweet a bad record, and the part goes on.
struct XTweet {
    struct Problem: Error { let message: String }

    struct Link {
        let url: String?
        let expandedURL: String?
    }

    struct Media {
        let url: String?
        let mediaURLHTTPS: String?
        let expandedURL: String?
    }

    let idStr: String?
    let fullText: String?
    let text: String?
    let createdAt: String?
    let inReplyToStatusIDStr: String?
    /// Where the text people saw starts and ends (X writes the numbers as text or as numbers).
    let displayTextRange: [Int]?
    let links: [Link]
    let entityMedia: [Media]?
    let extendedMedia: [Media]?

    /// `{"tweet": {...}}`, or the tweet itself in the oldest archives.
    init(element: JSONValue) throws(Problem) {
        let envelope = try XFields(element, path: "")
        let tweet = try envelope.object("tweet") ?? envelope
        idStr = try tweet.string("id_str")
        fullText = try tweet.string("full_text")
        text = try tweet.string("text")
        createdAt = try tweet.string("created_at")
        inReplyToStatusIDStr = try tweet.string("in_reply_to_status_id_str")
        displayTextRange = try tweet.list("display_text_range")?.enumerated().map { (index, value) throws(Problem) in
            if let number = value.integer { return Int(truncatingIfNeeded: number) }
            if let text = value.string { return Int(text) ?? 0 }
            throw Problem(message: "\(tweet.path(of: "display_text_range"))[\(index)]: el valor no es un número entero")
        }
        let entities = try tweet.object("entities")
        links = try entities?.objects("urls")?.map { (link) throws(Problem) in
            Link(url: try link.string("url"), expandedURL: try link.string("expanded_url"))
        } ?? []
        entityMedia = try entities?.objects("media")?.map(Self.media)
        extendedMedia = try tweet.object("extended_entities")?.objects("media")?.map(Self.media)
    }

    private static func media(_ item: XFields) throws(Problem) -> Media {
        Media(url: try item.string("url"), mediaURLHTTPS: try item.string("media_url_https"), expandedURL: try item.string("expanded_url"))
    }

    func post(archive: String, record: Int, account: String?, notes: XNoteIndex) -> ArchivedPost? {
        guard var text = fullText ?? text else { return nil }
        // The display range starts after the @mentions X adds to a reply. (Its end only drops the
        // media link, removed below, so a range that disagrees with the text loses nothing.)
        if let start = displayTextRange?.first, start > 0 {
            let scalars = text.unicodeScalars
            if start < scalars.count { text = String(String.UnicodeScalarView(scalars.dropFirst(start))) }
        }
        for link in links {
            guard let short = link.url, !short.isEmpty else { continue }
            text = text.replacingAll(short, with: link.expandedURL ?? short)
        }
        let media = extendedMedia ?? entityMedia ?? []
        for item in media {
            guard let short = item.url, !short.isEmpty else { continue }
            text = text.replacingAll(short, with: "")
        }
        text = Self.decodingEntities(text)
        let date = createdAt.flatMap { PublicationDate.parse($0) }
        if let date, let note = notes.note(near: date, startingLike: text) { text = note }
        text = text.trimmingSpaces
        guard !text.isEmpty else { return nil }
        return ArchivedPost(
            archive: archive, record: record, id: idStr, account: account, network: .x, createdAt: createdAt, date: date,
            text: text, media: media.map { $0.mediaURLHTTPS ?? $0.expandedURL ?? "multimedia" },
            replyTo: inReplyToStatusIDStr)
    }

    /// X writes `&`, `<` and `>` as HTML entities in `full_text`.
    static func decodingEntities(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        return text.replacingAll("&lt;", with: "<").replacingAll("&gt;", with: ">").replacingAll("&amp;", with: "&")
    }
}

/// The fields of one object of an X part, as `XTweet` reads them; `path` names the object in
/// messages (`tweet.entities.urls[0]`).
struct XFields {
    let path: String
    private let fields: [String: JSONValue]

    /// `value` as an object (a bad record if it is something else).
    init(_ value: JSONValue, path: String) throws(XTweet.Problem) {
        guard let fields = value.fields else {
            throw XTweet.Problem(message: path.isEmpty ? "el tweet no es un objeto JSON" : "\(path): el valor no es un objeto")
        }
        self.path = path
        self.fields = fields
    }

    func path(of key: String) -> String { path.isEmpty ? key : path + "." + key }

    /// The value of `key`, nil when it is missing or `null`.
    private func value(_ key: String) -> JSONValue? { fields[key].flatMap { $0.isNull ? nil : $0 } }

    func string(_ key: String) throws(XTweet.Problem) -> String? {
        guard let value = value(key) else { return nil }
        guard let text = value.string else { throw mismatch(key, "un texto") }
        return text
    }

    func object(_ key: String) throws(XTweet.Problem) -> XFields? {
        guard let value = value(key) else { return nil }
        guard value.kind == .object else { throw mismatch(key, "un objeto") }
        return try XFields(value, path: path(of: key))
    }

    func list(_ key: String) throws(XTweet.Problem) -> [JSONValue]? {
        guard let value = value(key) else { return nil }
        guard value.kind == .array else { throw mismatch(key, "una lista") }
        return value.items
    }

    /// A list of objects.
    func objects(_ key: String) throws(XTweet.Problem) -> [XFields]? {
        try list(key)?.enumerated().map { (index, item) throws(XTweet.Problem) in try XFields(item, path: "\(path(of: key))[\(index)]") }
    }

    private func mismatch(_ key: String, _ expected: String) -> XTweet.Problem {
        XTweet.Problem(message: "\(path(of: key)): el valor no es \(expected)")
    }
}

struct XNoteEnvelope: Decodable {
    let noteTweet: XNote
}

struct XNote: Decodable {
    struct Core: Decodable { let text: String? }
    let createdAt: String?
    let core: Core?
}

/// The long posts of `note-tweet.js`, found by time: a note is the tweet published within two
/// seconds of it whose (cut) text starts like the note's.
struct XNoteIndex {
    private var bySecond: [Int64: [(signature: String, text: String)]] = [:]

    mutating func add(_ note: XNote) {
        guard let text = note.core?.text, let date = note.createdAt.flatMap({ PublicationDate.parse($0) }) else { return }
        bySecond[date.secondsSince1970, default: []].append((Self.signature(text), text))
    }

    func note(near date: PublicationDate, startingLike text: String) -> String? {
        // Most tweets have no note near them: the signature of their text is made only when one has.
        guard !bySecond.isEmpty else { return nil }
        let deltas: [Int64] = [0, -1, 1, -2, 2]
        let candidates = deltas.flatMap { bySecond[date.secondsSince1970 + $0] ?? [] }
        guard !candidates.isEmpty else { return nil }
        let start = Self.signature(text)
        guard start.count >= 10 else { return nil }
        return candidates.first { $0.signature.hasPrefix(start) || start.hasPrefix($0.signature) }?.text
    }

    /// The first 30 letters and digits, to compare a cut text with the whole one.
    static func signature(_ text: String) -> String {
        String(text.unicodeScalars.lazy.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }.prefix(30).map(Character.init))
    }
}
