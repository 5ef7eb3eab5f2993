import CriterioCore
import Foundation

/// How to read archives.
public struct ArchiveOptions: Sendable {
    /// The CSV column with the text (`--text-column`); without it, a column named like one.
    public var textColumn: String?
    public var limits: ArchiveLimits
    /// The longest JSON line read.
    public var maximumLineBytes: Int

    public init(textColumn: String? = nil, limits: ArchiveLimits = ArchiveLimits(), maximumLineBytes: Int = 1 << 20) {
        self.textColumn = textColumn
        self.limits = limits
        self.maximumLineBytes = maximumLineBytes
    }
}

/// The formats of SPEC §9.
public enum ArchiveFormat: String, Sendable, CaseIterable {
    case jsonLines = "jsonl"
    case csv
    case xArchive = "x"
    case facebook

    /// How people call it.
    public var displayName: String {
        switch self {
        case .jsonLines: "JSON Lines"
        case .csv: "CSV"
        case .xArchive: "archivo de X"
        case .facebook: "exportación de Facebook"
        }
    }
}

/// Opens an archive with the reader of its format, recognised by its content (not its extension):
/// a zip or a folder by the files it holds, a file by its first bytes.
public enum Archives {
    static let unknownShape = """
        no se reconoce el formato: se esperan JSON Lines (un objeto por línea), un CSV con encabezado, \
        un archivo de X (el .zip, su carpeta o data/tweets.js) o una exportación de Facebook (your_posts_1.json)
        """

    public static func open(_ path: String, options: ArchiveOptions = ArchiveOptions()) throws(ArchiveError) -> (format: ArchiveFormat, reader: any ArchiveReader) {
        let name = path
        if ArchiveFiles.isDirectory(path) {
            let folder = FolderContainer(name: name, root: path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path, limits: options.limits)
            return try container(folder, name: name)
        }
        let head = try ArchiveFiles.head(path, count: 64 * 1024, name: name)
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            return try container(try ZipContainer(name: name, path: path, limits: options.limits), name: name)
        }
        if options.textColumn != nil {
            return (.csv, try CSVArchiveReader(path: path, name: name, textColumn: options.textColumn))
        }
        guard !head.isEmpty else { throw ArchiveError(archive: name, message: "está vacío") }
        if head.contains(0) || !isText(head) {
            throw ArchiveError(archive: name, message: "es un archivo binario o no está en UTF-8; " + unknownShape)
        }
        var body = head[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        body = body.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        if body.starts(with: Array("window.".utf8)) {
            return (.xArchive, XArchiveReader(container: SingleFileContainer(name: name, path: path, limits: options.limits)))
        }
        switch body.first {
        case UInt8(ascii: "["):
            return (.facebook, FacebookExportReader(name: name, container: SingleFileContainer(name: name, path: path, limits: options.limits)))
        case UInt8(ascii: "{"):
            // One object per line is JSON Lines (a first line that ends its object, or a second that
            // starts one, even if broken); an object written over several lines is a Facebook export's wrapper.
            let lines = body.split(separator: 0x0A, maxSplits: 2, omittingEmptySubsequences: true)
            let firstLine = lines[0].reversed().drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
            let secondLine = lines.count > 1 ? lines[1].drop { $0 == 0x20 || $0 == 0x09 } : []
            if firstLine.first == UInt8(ascii: "}") || secondLine.first == UInt8(ascii: "{") {
                return (.jsonLines, try JSONLinesReader(path: path, name: name, maximumLineBytes: options.maximumLineBytes))
            }
            return (.facebook, FacebookExportReader(name: name, container: SingleFileContainer(name: name, path: path, limits: options.limits)))
        default:
            let header = String(decoding: body.prefix { $0 != 0x0A }, as: UTF8.self).lowercased()
            let delimiter = Character(CSVArchiveReader.delimiter(ofHeader: Array(body)))
            let columns = header.split(separator: delimiter).map { $0.trimmingSpaces.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
            guard columns.contains(where: { CSVArchiveReader.textColumns.contains($0) }) || columns.count > 1 else {
                throw ArchiveError(archive: name, message: unknownShape)
            }
            return (.csv, try CSVArchiveReader(path: path, name: name, textColumn: nil))
        }
    }

    /// A zip or a folder: an X archive by its parts, a Facebook export by its posts files.
    static func container(_ container: any ArchiveContainer, name: String) throws(ArchiveError) -> (format: ArchiveFormat, reader: any ArchiveReader) {
        if XArchiveReader.recognizes(container.paths) { return (.xArchive, XArchiveReader(container: container)) }
        if container.paths.contains(where: FacebookExportReader.isPostsFile) {
            return (.facebook, FacebookExportReader(name: name, container: container))
        }
        let kind = container is ZipContainer ? "el zip" : "la carpeta"
        throw ArchiveError(
            archive: name,
            message: "\(kind) no es un archivo de X (data/tweets.js) ni una exportación de Facebook (your_posts_1.json)")
    }

    /// Whether the first line is UTF-8 (later bytes that are not are bad records, found by the reader).
    static func isText(_ head: [UInt8]) -> Bool {
        let firstLine = Array(head.prefix { $0 != 0x0A }.prefix(4_096))
        guard let offset = UTF8Validation.firstInvalidOffset(in: firstLine) else { return true }
        return offset >= firstLine.count - 3 && firstLine.count == 4_096
    }
}
