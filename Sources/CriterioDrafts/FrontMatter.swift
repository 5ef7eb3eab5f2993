import CriterioCore
import Yams

/// YAML front matter between `---` lines at the top of a Markdown or text draft.
enum FrontMatter {
    struct Located {
        /// From the opening `---` to the end of the closing line.
        let whole: Range<Int>
        /// The YAML between the fences.
        let yaml: Range<Int>
        /// 1-based line of the first YAML line.
        let firstLine: Int
    }

    /// Finds the front matter that starts at `start` (after a byte-order mark, if any).
    static func locate(in bytes: [UInt8], from start: Int, path: String) throws(DraftInputError) -> Located? {
        guard let firstEnd = lineEnd(bytes, from: start), isFence(bytes, start..<firstEnd, "---") else { return nil }
        var lineStart = min(firstEnd + 1, bytes.count)
        let yamlStart = lineStart
        while lineStart < bytes.count {
            let end = lineEnd(bytes, from: lineStart) ?? bytes.count
            if isFence(bytes, lineStart..<end, "---") || isFence(bytes, lineStart..<end, "...") {
                return Located(whole: start..<min(end + 1, bytes.count), yaml: yamlStart..<lineStart, firstLine: 2)
            }
            lineStart = end + 1
        }
        throw DraftInputError(
            path: path, line: 1, message: "el front matter abre con «---» pero no tiene una línea «---» que lo cierre")
    }

    /// `Parser.Encoding.default` (UTF-8, unless `YAMS_DEFAULT_ENCODING` says otherwise), read once.
    nonisolated(unsafe) static let yamlEncoding = Parser.Encoding.default
    /// Made once: `Constructor.default` builds a new one, with its three tables, on every call.
    /// (The parser only reads its tables, which never change; it is not `Sendable` by declaration.)
    nonisolated(unsafe) static let yamlConstructor = Constructor.default

    /// Reads the metadata keys of the front matter.
    static func parse(
        _ located: Located, text: SourceText, path: String, inspectMedia: @escaping (String) -> MediaInspection?
    ) throws(DraftInputError) -> PostMetadata {
        let yaml = text.string(located.yaml)
        let node: Node?
        do {
            // Every metadata value is text or a list of texts, so no YAML type resolution is needed:
            // the default resolver compiles its regular expressions on first use, a few
            // milliseconds of every `criterio lint`.
            // The encoding is looked up once: Yams' default reads the whole environment on every
            // parse, a sixth of `criterio lint` of a folder of drafts.
            node = try Yams.compose(yaml: yaml, Resolver.basic, yamlConstructor, yamlEncoding)
        } catch let error as YamlError {
            throw describe(error, path: path, firstLine: located.firstLine)
        } catch {
            throw DraftInputError(path: path, line: located.firstLine, message: "front matter ilegible")
        }
        guard let node else { return PostMetadata() }
        guard let mapping = node.mapping else {
            throw DraftInputError(
                path: path, line: located.firstLine + (node.mark?.line ?? 1) - 1,
                message: "el front matter debe ser una lista de «clave: valor»")
        }
        var collector = MetadataCollector(allowsText: false, inspectMedia: inspectMedia)
        for (key, value) in mapping {
            guard let name = key.string else { continue }
            do {
                try collector.set(name, metadataValue(value, located: located, text: text))
            } catch {
                throw DraftInputError(
                    path: path, line: located.firstLine + (key.mark?.line ?? 1) - 1, column: key.mark?.column,
                    message: "front matter: " + error.message)
            }
        }
        return collector.metadata
    }

    private static func metadataValue(_ node: Node, located: Located, text: SourceText) -> MetadataValue {
        switch node {
        case .scalar(let scalar):
            if scalar.tag.description.hasSuffix("null") || (scalar.style == .plain && ["", "~", "null"].contains(scalar.string)) {
                return .null
            }
            return .string(scalar.string, range: range(of: scalar, located: located, text: text))
        case .sequence(let sequence):
            var items: [(String, Range<Int>?)] = []
            for item in sequence {
                guard case .scalar(let scalar) = item else { return .unsupported("una lista anidada") }
                items.append((scalar.string, range(of: scalar, located: located, text: text)))
            }
            return .list(items)
        case .mapping:
            return .unsupported("un mapa")
        case .alias:
            return .unsupported("un alias de YAML")
        }
    }

    /// The byte range where a scalar is written, from its YAML mark.
    private static func range(of scalar: Node.Scalar, located: Located, text: SourceText) -> Range<Int>? {
        guard let mark = scalar.mark else { return nil }
        let lineIndex = located.firstLine + mark.line - 2
        guard lineIndex < text.lineStarts.count else { return nil }
        var offset = text.lineStarts[lineIndex]
        var column = 1
        while column < mark.column, offset < text.bytes.count {
            offset += 1
            while offset < text.bytes.count, text.bytes[offset] & 0xC0 == 0x80 { offset += 1 }
            column += 1
        }
        let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
        let length = scalar.string.utf8.count + (quoted ? 2 : 0)
        return offset..<min(offset + length, text.bytes.count)
    }

    private static func describe(_ error: YamlError, path: String, firstLine: Int) -> DraftInputError {
        let problem = YAMLMessages.describe(error)
        return DraftInputError(
            path: path, line: problem.line.map { firstLine + $0 - 1 } ?? firstLine, column: problem.column,
            message: "front matter inválido: " + problem.message)
    }

    private static func lineEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        guard start < bytes.count else { return nil }
        var index = start
        while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
        return index
    }

    private static func isFence(_ bytes: [UInt8], _ line: Range<Int>, _ fence: String) -> Bool {
        var end = line.upperBound
        while end > line.lowerBound, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return bytes[line.lowerBound..<end].elementsEqual(fence.utf8)
    }
}
