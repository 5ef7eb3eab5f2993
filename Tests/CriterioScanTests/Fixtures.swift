import CriterioArchives
import Foundation
import ZIPFoundation

/// A temporary folder for a test's archives, removed at the end.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("criterio-scan-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    var path: String { url.path }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, Data(text.utf8))
    }

    @discardableResult
    func write(_ name: String, _ data: Data) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
        return file.path
    }

    /// A zip of `entries` (path → contents), compressed.
    @discardableResult
    func zip(_ name: String, _ entries: [(String, Data)]) throws -> String {
        let file = url.appendingPathComponent(name)
        let archive = try Archive(url: file, accessMode: .create)
        for (path, data) in entries {
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
                provider: { position, size in data.subdata(in: Int(position)..<(Int(position) + size)) })
        }
        return file.path
    }
}

/// Everything a reader hands over.
struct ReadArchive {
    var format: ArchiveFormat
    var posts: [ArchivedPost] = []
    var bad: [BadRecord] = []
    var problems: [ArchiveError] = []

    init(_ path: String, options: ArchiveOptions = ArchiveOptions()) throws {
        let (format, reader) = try Archives.open(path, options: options)
        self.format = format
        let decoder = ArchiveRecordDecoder()
        var posts: [ArchivedPost] = []
        var bad: [BadRecord] = []
        var problems: [ArchiveError] = []
        try reader.read(problem: { problems.append($0) }) { record in
            switch decoder.decode(record) {
            case .success(let post): posts.append(post)
            case .failure(let record): bad.append(record)
            }
        }
        self.posts = posts
        self.bad = bad
        self.problems = problems
    }
}

/// Parts of an X archive, written as X writes them.
enum XArchiveFixture {
    static func script(_ name: String, _ json: String) -> Data {
        Data("window.YTD.\(name) = \(json)".utf8)
    }

    static func tweet(
        id: String, text: String, date: String = "Wed Oct 10 20:19:24 +0000 2018", reply: String? = nil, urls: [(String, String)] = [],
        media: [(String, String)] = [], display: (Int, Int)? = nil
    ) -> String {
        var fields = [
            "\"id_str\": \"\(id)\"", "\"id\": \"\(id)\"", "\"created_at\": \"\(date)\"", "\"full_text\": \(quoted(text))",
            "\"lang\": \"es\"", "\"favorite_count\": \"3\"", "\"retweeted\": false",
        ]
        let range = display ?? (0, text.unicodeScalars.count)
        fields.append("\"display_text_range\": [\"\(range.0)\", \"\(range.1)\"]")
        let urlEntities = urls.map { "{\"url\": \"\($0.0)\", \"expanded_url\": \"\($0.1)\", \"display_url\": \"x\", \"indices\": [\"0\", \"1\"]}" }
        let mediaEntities = media.map { "{\"url\": \"\($0.0)\", \"media_url_https\": \"\($0.1)\", \"type\": \"photo\", \"expanded_url\": \"https://x.com/a/status/1/photo/1\"}" }
        fields.append("\"entities\": {\"hashtags\": [], \"urls\": [\(urlEntities.joined(separator: ","))], \"media\": [\(mediaEntities.joined(separator: ","))]}")
        if !media.isEmpty { fields.append("\"extended_entities\": {\"media\": [\(mediaEntities.joined(separator: ","))]}") }
        if let reply { fields.append("\"in_reply_to_status_id_str\": \"\(reply)\"") }
        return "{\"tweet\": {\(fields.joined(separator: ", "))}}"
    }

    static func manifest(user: String, parts: [String], notes: [String] = []) -> Data {
        let files = parts.enumerated().map { "{\"fileName\": \"data/\($0.element)\", \"globalName\": \"YTD.tweets.part\($0.offset)\", \"count\": \"1\"}" }
        let noteFiles = notes.map { "{\"fileName\": \"data/\($0)\", \"globalName\": \"YTD.note_tweet.part0\", \"count\": \"1\"}" }
        return Data("""
            window.__THAR_CONFIG = {
              "userInfo": {"accountId": "1", "userName": "\(user)", "displayName": "INE"},
              "dataTypes": {
                "tweets": {"mediaDirectory": "data/tweets_media", "files": [\(files.joined(separator: ","))]},
                "noteTweet": {"files": [\(noteFiles.joined(separator: ","))]}
              }
            }
            """.utf8)
    }

    static func quoted(_ text: String) -> String {
        String(decoding: try! JSONEncoder().encode(text), as: UTF8.self)
    }
}
