import CSV
import CriterioCore
import Foundation

/// A CSV with a header row, read as a stream with CSV.swift, one row at a time (quoted fields may
/// hold line breaks). The text is in the column `--text-column` names, or the first of `text`,
/// `texto`, `full_text`, `mensaje`, `message`, `post`, `contenido`; the other columns are found by
/// their names (`id`, `account`/`cuenta`, `created_at`/`fecha`/`date`, `network`/`red`,
/// `media`/`multimedia` — paths separated by spaces, `;` or `|`, or a count —, `reply_to`/`respuesta_a`).
/// The separator is the one the header uses: `,`, `;` or a tab.
struct CSVArchiveReader: ArchiveReader {
    let name: String
    let path: String
    let textColumn: String?
    let totalBytes: Int64

    static let textColumns = ["text", "texto", "full_text", "mensaje", "message", "post", "contenido"]

    init(path: String, name: String, textColumn: String?) throws(ArchiveError) {
        self.path = path
        self.name = name
        self.textColumn = textColumn
        totalBytes = try ArchiveFiles.size(of: path, name: name)
    }

    /// The separator the header line uses most.
    static func delimiter(ofHeader head: [UInt8]) -> UnicodeScalar {
        let line = head.prefix { $0 != 0x0A }
        let counts: [(UnicodeScalar, Int)] = [(",", 0x2C), (";", 0x3B), ("\t", 0x09)].map { scalar, byte in
            (scalar, line.filter { $0 == byte }.count)
        }
        return counts.max { $0.1 < $1.1 }.flatMap { $0.1 > 0 ? $0.0 : nil } ?? ","
    }

    func read(problem: (ArchiveError) -> Void, _ body: (ArchiveRecord) throws -> Void) throws {
        let head = try ArchiveFiles.head(path, count: 64 * 1024, name: name)
        guard let stream = InputStream(fileAtPath: path) else { throw ArchiveError(archive: name, message: "no se pudo abrir") }
        let reader: CSVReader
        do {
            reader = try CSVReader(stream: stream, hasHeaderRow: true, delimiter: Self.delimiter(ofHeader: head))
        } catch {
            throw ArchiveError(archive: name, message: "no tiene una fila de encabezado legible")
        }
        let header = (reader.headerRow ?? []).map { $0.trimmingSpaces.lowercased() }
        let columns = try Columns(header: header, textColumn: textColumn, archive: name)
        var number = 0
        var consumed = Int64(header.joined(separator: ",").utf8.count + 1)
        while let row = reader.next() {
            number += 1
            consumed += Int64(row.reduce(row.count) { $0 + $1.utf8.count })
            if row.count == 1 && row[0].isEmpty {
                number -= 1  // a blank line
                continue
            }
            // CSV.swift stops a field at the first byte that is not UTF-8 and says so in `error`; it
            // cannot find its way back, so the rest of the file is not read.
            if case CSVError.unicodeDecoding? = reader.error {
                try body(ArchiveRecord(archive: name, number: number, bytesRead: min(consumed, totalBytes), content: .bad("no es UTF-8 válido")))
                throw ArchiveError(
                    archive: name, message: "deja de ser UTF-8 válido en el registro \(number); no se leyó el resto (guárdalo como UTF-8)")
            }
            let content: ArchiveRecord.Content
            if row.count != header.count {
                content = .bad("tiene \(row.count) \(row.count == 1 ? "campo" : "campos") y el encabezado \(header.count)")
            } else if let post = columns.post(row, archive: name, record: number) {
                content = .post(post)
            } else {
                content = .bad("la publicación no tiene texto (columna «\(header[columns.text])»)")
            }
            try body(ArchiveRecord(archive: name, number: number, bytesRead: min(consumed, totalBytes), content: content))
        }
        if case CSVError.streamErrorHasOccurred? = reader.error {
            throw ArchiveError(archive: name, message: "no se pudo leer después del registro \(number)")
        }
    }

    /// Which field holds what.
    struct Columns {
        let text: Int
        let id: Int?
        let account: Int?
        let createdAt: Int?
        let network: Int?
        let media: Int?
        let replyTo: Int?

        init(header: [String], textColumn: String?, archive: String) throws(ArchiveError) {
            func index(_ names: [String]) -> Int? { names.lazy.compactMap { header.firstIndex(of: $0) }.first }
            if let textColumn {
                guard let found = header.firstIndex(of: textColumn.trimmingSpaces.lowercased()) else {
                    throw ArchiveError(
                        archive: archive,
                        message: "no hay columna «\(textColumn)»; las columnas son: \(header.joined(separator: ", "))")
                }
                text = found
            } else {
                guard let found = index(CSVArchiveReader.textColumns) else {
                    throw ArchiveError(
                        archive: archive,
                        message: "no se encontró la columna del texto; indícala con --text-column (las columnas son: \(header.joined(separator: ", ")))")
                }
                text = found
            }
            id = index(["id", "id_str", "tweet_id", "post_id"])
            account = index(["account", "cuenta", "usuario", "username"])
            createdAt = index(["created_at", "fecha", "date", "timestamp"])
            network = index(["network", "red"])
            media = index(["media", "multimedia"])
            replyTo = index(["reply_to", "respuesta_a", "in_reply_to_status_id_str"])
        }

        func post(_ row: [String], archive: String, record: Int) -> ArchivedPost? {
            func field(_ index: Int?) -> String? {
                guard let index else { return nil }
                let value = row[index].trimmingSpaces
                return value.isEmpty ? nil : value
            }
            let text = row[self.text]
            guard !text.isBlank else { return nil }
            let createdAt = field(createdAt)
            return ArchivedPost(
                archive: archive, record: record, id: field(id), account: field(account),
                network: field(network).flatMap { Network(name: $0) }, createdAt: createdAt,
                date: createdAt.flatMap { PublicationDate.parse($0, assumingOffset: ArchiveClock.assumedOffset) },
                text: text, media: field(media).map(Self.media) ?? [], replyTo: field(replyTo))
        }

        static func media(_ value: String) -> [String] {
            if let count = Int(value) { return (0..<max(0, min(count, 100))).map { "multimedia-\($0 + 1)" } }
            return value.split(whereSeparator: { $0 == " " || $0 == ";" || $0 == "|" || $0 == "," }).map(String.init)
        }
    }
}
