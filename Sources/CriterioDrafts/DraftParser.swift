import CriterioCore

/// Turns the bytes of a draft file into a `Draft`. Does no I/O: what a listed media path holds is
/// answered by `inspectMedia` (the loader looks at the disk; tests and examples answer themselves).
public enum DraftParser {
    /// - Parameters:
    ///   - path: shown in findings and errors.
    ///   - inspectMedia: what a local media path (as written, relative to the draft) holds; nil when unknown.
    public static func parse(
        _ bytes: [UInt8], path: String, format: DraftFormat, inspectMedia: @escaping (String) -> MediaInspection? = { _ in nil }
    ) throws(DraftInputError) -> Draft {
        if let nul = bytes.firstIndex(of: 0) {
            throw DraftInputError(path: path, message: "parece un archivo binario (byte nulo en la posición \(nul)); Criterio lee texto UTF-8")
        }
        if let invalid = UTF8Validation.firstInvalidOffset(in: bytes) {
            let position = SourceText(validatedBytes: Array(bytes[..<invalid])).position(of: invalid)
            let hex = String(bytes[invalid], radix: 16, uppercase: true)
            throw DraftInputError(
                path: path, line: position.line, column: position.column,
                message: "no es UTF-8 válido (byte 0x\(hex)); guarda el archivo con codificación UTF-8")
        }
        let file = SourceText(validatedBytes: bytes)
        switch format {
        case .json:
            let parsed = try JSONDraft.parse(file, path: path, inspectMedia: inspectMedia)
            let (directives, directiveLines) = SuppressionDirective.find(in: parsed.text, comments: [])
            return Draft(
                path: path, text: parsed.text, regions: directiveLines.map { TextRegion(.directive, $0) }, metadata: parsed.metadata,
                sourceMap: parsed.sourceMap, suppressions: directives)
        case .markdown, .plainText:
            var regions: [TextRegion] = []
            // After a byte-order mark (which normalisation removes).
            var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            var metadata = PostMetadata()
            var frontMatterRange: Range<Int>?
            if let frontMatter = try FrontMatter.locate(in: bytes, from: start, path: path) {
                metadata = try FrontMatter.parse(frontMatter, text: file, path: path, inspectMedia: inspectMedia)
                regions.append(TextRegion(.frontMatter, frontMatter.whole))
                frontMatterRange = frontMatter.whole
                start = frontMatter.whole.upperBound
            }
            let (comments, code) = MarkdownExclusions.ranges(in: bytes, from: start)
            let (directives, directiveLines) = SuppressionDirective.find(
                in: file, comments: comments, ignoring: code + regions.map(\.range))
            regions += comments.map { TextRegion(.comment, $0) } + code.map { TextRegion(.code, $0) }
                + directiveLines.map { TextRegion(.directive, $0) }
            return Draft(
                path: path, text: file, regions: regions, metadata: metadata, frontMatterRange: frontMatterRange,
                suppressions: directives)
        }
    }

    /// Parses a draft given as a String (tests, rule examples, the web form).
    public static func parse(
        _ string: String, path: String, format: DraftFormat = .markdown, inspectMedia: @escaping (String) -> MediaInspection? = { _ in nil }
    ) throws(DraftInputError) -> Draft {
        try parse(Array(string.utf8), path: path, format: format, inspectMedia: inspectMedia)
    }
}
