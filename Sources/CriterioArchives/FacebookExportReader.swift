import CriterioCore
import CriterioFoundation
import Foundation

/// A Facebook "your posts" export: `your_posts_1.json`, `your_posts_2.json`… and the newer
/// `your_posts__check_ins__photos_and_videos_1.json`, alone, in the export's folder or in its `.zip`.
/// Each file is a JSON array of posts (`timestamp`, `data[].post`, `attachments[].data[].media`),
/// decoded at once. Facebook writes every byte of a UTF-8 character as its own `\u00XX` escape
/// ("Votaci\u00c3\u00b3n"); the text is repaired when that is what happened (`FacebookText`).
struct FacebookExportReader: ArchiveReader {
    let name: String
    let container: any ArchiveContainer

    static func isPostsFile(_ path: String) -> Bool {
        let last = path.split(separator: "/").last.map(String.init) ?? path
        return last.hasPrefix("your_posts") && last.hasSuffix(".json")
    }

    /// The posts files, in their numeric order.
    var files: [String] {
        container.paths.filter(Self.isPostsFile).sorted { lhs, rhs in
            (Self.number(lhs), lhs) < (Self.number(rhs), rhs)
        }
    }

    static func number(_ path: String) -> Int {
        let stem = path.dropLast(5)
        return Int(stem.reversed().prefix { $0.isNumber }.reversed().map(String.init).joined()) ?? 0
    }

    var totalBytes: Int64 { files.reduce(0) { $0 + container.size(of: $1) } }

    func read(problem: (ArchiveError) -> Void, _ body: (ArchiveRecord) throws -> Void) throws {
        let files = container is SingleFileContainer ? container.paths : files
        guard !files.isEmpty else {
            throw ArchiveError(archive: name, message: "no tiene your_posts_1.json: no parece una exportación de publicaciones de Facebook")
        }
        var number = 0
        var consumed: Int64 = 0
        for file in files {
            let size = container.size(of: file)
            defer { consumed += size }
            let part = container is SingleFileContainer ? name : "\(name)/\(file)"
            let posts: [Lenient<FacebookPost>]
            switch Result(catching: { () throws(ArchiveError) in try Self.decode(try container.contents(of: file), part: part) }) {
            case .success(let decoded): posts = decoded
            case .failure(let error):
                problem(error)
                continue
            }
            for (index, element) in posts.enumerated() {
                number += 1
                let progress = consumed + (size * Int64(index + 1)) / Int64(max(posts.count, 1))
                let content: ArchiveRecord.Content
                switch element.value {
                case .failure(let failure): content = .bad(failure.message)
                case .success(let post):
                    if let archived = post.archived(archive: name, record: number) {
                        content = .post(archived)
                    } else {
                        content = .bad("la publicación no tiene texto (solo adjuntos o un título)")
                    }
                }
                try body(ArchiveRecord(archive: name, number: number, bytesRead: progress, content: content))
            }
        }
    }

    /// A top-level array of posts, or an object that holds one (older exports: `{"status_updates": [...]}`).
    static func decode(_ data: Data, part: String) throws(ArchiveError) -> [Lenient<FacebookPost>] {
        let posts: [Lenient<FacebookPost>]
        do {
            if let array = try? JSONDecoder().decode([Lenient<FacebookPost>].self, from: data) {
                posts = array
            } else {
                let wrapper = try JSONDecoder().decode([String: [Lenient<FacebookPost>]].self, from: data)
                guard wrapper.count == 1, let only = wrapper.values.first else {
                    throw ArchiveError(archive: part, message: "no es una lista de publicaciones de Facebook")
                }
                posts = only
            }
        } catch let error as ArchiveError {
            throw error
        } catch {
            throw ArchiveError(archive: part, message: FoundationErrors.message(for: error) + "; no es una exportación de Facebook legible")
        }
        let failures = posts.filter { if case .failure = $0.value { true } else { false } }.count
        if !posts.isEmpty && failures == posts.count {
            throw ArchiveError(archive: part, message: "sus elementos no tienen «timestamp» ni «data»: no es una exportación de publicaciones de Facebook")
        }
        return posts
    }
}

struct FacebookPost: Decodable {
    struct Item: Decodable { let post: String? }
    struct Attachment: Decodable { let data: [AttachmentData]? }
    struct AttachmentData: Decodable {
        struct Media: Decodable { let uri: String? }
        let media: Media?
    }

    let timestamp: Int64?
    let data: [Item]?
    let attachments: [Attachment]?
    let title: String?

    init(from decoder: Decoder) throws {
        enum Keys: String, CodingKey { case timestamp, data, attachments, title }
        let container = try decoder.container(keyedBy: Keys.self)
        guard container.contains(.timestamp) || container.contains(.data) else {
            throw LenientFailure(message: "no tiene «timestamp» ni «data»")
        }
        timestamp = try container.decodeIfPresent(Int64.self, forKey: .timestamp)
        data = try container.decodeIfPresent([Item].self, forKey: .data)
        attachments = try container.decodeIfPresent([Attachment].self, forKey: .attachments)
        title = try container.decodeIfPresent(String.self, forKey: .title)
    }

    func archived(archive: String, record: Int) -> ArchivedPost? {
        let text = (data ?? []).compactMap(\.post).map(FacebookText.repaired).joined(separator: "\n").trimmingSpaces
        guard !text.isEmpty else { return nil }
        let media = (attachments ?? []).flatMap { $0.data ?? [] }.compactMap { $0.media?.uri }.map(FacebookText.repaired)
        let date = timestamp.map { PublicationDate(secondsSince1970: $0) }
        return ArchivedPost(
            archive: archive, record: record, network: .facebook, createdAt: timestamp.map(String.init), date: date,
            text: text, media: media)
    }
}

/// Facebook's exports write UTF-8 bytes as Latin-1 characters ("Votaci\u00c3\u00b3n" for "Votación").
public enum FacebookText {
    /// When every scalar is at most U+00FF and, taken as bytes, they are valid UTF-8, those bytes
    /// decoded; otherwise the text as it is.
    public static func repaired(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var changed = false
        for scalar in text.unicodeScalars {
            guard scalar.value <= 0xFF else { return text }
            if scalar.value >= 0x80 { changed = true }
            bytes.append(UInt8(scalar.value))
        }
        guard changed, UTF8Validation.firstInvalidOffset(in: bytes) == nil else { return text }
        return String(decoding: bytes, as: UTF8.self)
    }
}
