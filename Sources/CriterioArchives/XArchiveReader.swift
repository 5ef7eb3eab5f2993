import CriterioCore
import CriterioFoundation
import Foundation

/// An X (Twitter) account archive: the `.zip` X sends, the folder it unpacks to, its `data/` folder,
/// or one `tweets.js`. `data/manifest.js` names the account and the parts (`tweets.js`,
/// `tweets-part1.js`…, older archives `tweet.js`); each part is JavaScript, `window.YTD.tweets.part0 = [...]`,
/// and is decoded at once with Foundation's JSON decoder. Long posts, which `tweets.js` cuts, are
/// taken whole from `note-tweet.js` when it is there.
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
        for part in parts {
            let size = container.size(of: part)
            let elements: [Lenient<XTweetEnvelope>]
            switch decodePart(part) {
            case .success(let decoded): elements = decoded
            case .failure(let error):
                problem(error)
                consumed += size
                continue
            }
            for (index, element) in elements.enumerated() {
                number += 1
                let progress = consumed + (size * Int64(index + 1)) / Int64(max(elements.count, 1))
                switch element.value {
                case .failure(let failure):
                    try body(ArchiveRecord(archive: name, number: number, bytesRead: progress, content: .bad(failure.message)))
                case .success(let envelope):
                    let content: ArchiveRecord.Content
                    if let post = envelope.tweet.post(archive: name, record: number, account: account, notes: notes) {
                        content = .post(post)
                    } else {
                        content = .bad("el tweet no tiene texto («full_text»)")
                    }
                    try body(ArchiveRecord(archive: name, number: number, bytesRead: progress, content: content))
                }
            }
            consumed += size
        }
    }

    private func decodePart(_ part: String) -> Result<[Lenient<XTweetEnvelope>], ArchiveError> {
        Result { () throws(ArchiveError) in
            try Self.decode([Lenient<XTweetEnvelope>].self, fromScript: try container.contents(of: part), part: "\(name)/\(part)")
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
        let prefixLimit = min(data.count, 4_096)
        guard let equals = data.prefix(prefixLimit).firstIndex(of: UInt8(ascii: "=")),
            let start = data[equals...].firstIndex(where: { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "{") })
        else {
            throw ArchiveError(archive: part, message: "no empieza con «window.YTD.… = »: no es una parte de un archivo de X")
        }
        do {
            return try JSONDecoder().decode(Value.self, from: data[start...])
        } catch {
            throw ArchiveError(archive: part, message: FoundationErrors.message(for: error) + "; se omitió esta parte")
        }
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

/// `{"tweet": {...}}`, or the tweet itself in the oldest archives.
struct XTweetEnvelope: Decodable {
    let tweet: XTweet

    enum CodingKeys: String, CodingKey { case tweet }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        tweet = try container.decodeIfPresent(XTweet.self, forKey: .tweet) ?? XTweet(from: decoder)
    }
}

struct XTweet: Decodable {
    struct Entities: Decodable {
        let urls: [URLEntity]?
        let media: [MediaEntity]?
    }
    struct URLEntity: Decodable {
        let url: String?
        let expanded_url: String?
    }
    struct MediaEntity: Decodable {
        let url: String?
        let media_url_https: String?
        let expanded_url: String?
    }
    struct ExtendedEntities: Decodable { let media: [MediaEntity]? }

    let id_str: String?
    let full_text: String?
    let text: String?
    let created_at: String?
    let in_reply_to_status_id_str: String?
    let display_text_range: [LenientInt]?
    let entities: Entities?
    let extended_entities: ExtendedEntities?

    func post(archive: String, record: Int, account: String?, notes: XNoteIndex) -> ArchivedPost? {
        guard var text = full_text ?? text else { return nil }
        // The display range starts after the @mentions X adds to a reply. (Its end only drops the
        // media link, removed below, so a range that disagrees with the text loses nothing.)
        if let range = display_text_range, let start = range.first?.value, start > 0 {
            let scalars = text.unicodeScalars
            if start < scalars.count { text = String(String.UnicodeScalarView(scalars.dropFirst(start))) }
        }
        for link in entities?.urls ?? [] {
            guard let short = link.url, !short.isEmpty else { continue }
            text = text.replacingOccurrences(of: short, with: link.expanded_url ?? short)
        }
        let media = extended_entities?.media ?? entities?.media ?? []
        for item in media {
            guard let short = item.url, !short.isEmpty else { continue }
            text = text.replacingOccurrences(of: short, with: "")
        }
        text = Self.decodingEntities(text)
        let date = created_at.flatMap { PublicationDate.parse($0) }
        if let date, let note = notes.note(near: date, startingLike: text) { text = note }
        text = text.trimmingSpaces
        guard !text.isEmpty else { return nil }
        return ArchivedPost(
            archive: archive, record: record, id: id_str, account: account, network: .x, createdAt: created_at, date: date,
            text: text, media: media.map { $0.media_url_https ?? $0.expanded_url ?? "multimedia" },
            replyTo: in_reply_to_status_id_str)
    }

    /// X writes `&`, `<` and `>` as HTML entities in `full_text`.
    static func decodingEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}

/// An integer X may write as a string (`"140"`).
struct LenientInt: Decodable {
    let value: Int

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            value = number
        } else {
            value = Int(try container.decode(String.self)) ?? 0
        }
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
    private var bySecond: [Int64: [String]] = [:]

    mutating func add(_ note: XNote) {
        guard let text = note.core?.text, let date = note.createdAt.flatMap({ PublicationDate.parse($0) }) else { return }
        bySecond[date.secondsSince1970, default: []].append(text)
    }

    func note(near date: PublicationDate, startingLike text: String) -> String? {
        let start = Self.signature(text)
        guard !bySecond.isEmpty, start.count >= 10 else { return nil }
        for delta: Int64 in [0, -1, 1, -2, 2] {
            for note in bySecond[date.secondsSince1970 + delta] ?? [] where Self.signature(note).hasPrefix(start) || start.hasPrefix(Self.signature(note)) {
                return note
            }
        }
        return nil
    }

    /// The first 30 letters and digits, to compare a cut text with the whole one.
    static func signature(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }.prefix(30).map(Character.init))
    }
}
