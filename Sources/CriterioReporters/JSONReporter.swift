import CriterioCore
import CriterioFoundation
import CriterioRunner

/// `--format json`: the stable machine format of SPEC §4.
public struct JSONReporter: Reporter {
    public static let identifier = "json"

    public init() {}

    struct Document: Encodable {
        let version = 1
        let files: [File]
        let summary: Summary
        let errors: [InputError]
    }

    struct File: Encodable {
        let path: String
        let findings: [Item]
    }

    struct Item: Encodable {
        let rule: String
        let kind: String?
        let severity: String
        let criterion: String
        let message: String
        let line: Int
        let column: Int
        let endLine: Int
        let endColumn: Int
        let excerpt: String
        let fix: String?

        enum CodingKeys: String, CodingKey {
            case rule, kind, severity, criterion, message, line, column, endLine, endColumn, excerpt, fix
        }

        // `kind` and `fix` are always present (null when there is none): a stable schema for scripts.
        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(rule, forKey: .rule)
            try container.encode(kind, forKey: .kind)
            try container.encode(severity, forKey: .severity)
            try container.encode(criterion, forKey: .criterion)
            try container.encode(message, forKey: .message)
            try container.encode(line, forKey: .line)
            try container.encode(column, forKey: .column)
            try container.encode(endLine, forKey: .endLine)
            try container.encode(endColumn, forKey: .endColumn)
            try container.encode(excerpt, forKey: .excerpt)
            try container.encode(fix, forKey: .fix)
        }
    }

    struct Summary: Encodable {
        let error: Int
        let warning: Int
        let consult: Int
    }

    struct InputError: Encodable {
        let path: String
        let line: Int?
        let message: String
    }

    /// One draft's object of the document (`files[0]`) with the summary of its own findings: what
    /// the server's `POST /api/v1/lint` answers.
    public struct SingleFile: Encodable, Sendable {
        let path: String
        let findings: [Item]
        let summary: Summary
    }

    public static func singleFile(_ file: FileReport, options: ReportOptions) -> SingleFile {
        let entry = self.file(file, options: options)
        return SingleFile(path: entry.path, findings: entry.findings, summary: summary(LintReport(files: [file])))
    }

    static func file(_ file: FileReport, options: ReportOptions) -> File {
        File(
            path: file.path,
            findings: file.presented(redact: options.redact).map { item in
                Item(
                    rule: item.ruleID, kind: item.finding.kind, severity: item.severity.rawValue,
                    criterion: item.finding.criterion.description, message: item.message,
                    line: item.start.line, column: item.start.column, endLine: item.end.line,
                    endColumn: item.end.column, excerpt: item.excerpt, fix: item.fix)
            })
    }

    static func summary(_ report: LintReport) -> Summary {
        let summary = report.summary
        return Summary(error: summary[.error] ?? 0, warning: summary[.warning] ?? 0, consult: summary[.consult] ?? 0)
    }

    public func render(_ report: LintReport, options: ReportOptions) -> String {
        var pieces = JSONPieces()
        Self.write(report, options: options, into: &pieces)
        return pieces.string()
    }

    public func write(_ report: LintReport, options: ReportOptions, to output: inout BufferedOutput) {
        Self.write(report, options: options, into: &output)
    }

    private static func write<Sink: JSONSink>(_ report: LintReport, options: ReportOptions, into sink: inout Sink) {
        // Each draft's object is presented and written on every core, then put in order: that is
        // the part of the report that grows with a folder of thousands of drafts.
        let objects = ParallelWork.map(report.files) { object(file($0, options: options)) }
        write(document(report, files: []), fileObjects: objects, into: &sink)
        // The objects are in the document now; the thousands of buffers are freed meanwhile.
        ParallelWork.release(consume objects)
    }

    static func document(_ report: LintReport, options: ReportOptions) -> Document {
        document(report, files: report.files.map { Self.file($0, options: options) })
    }

    private static func document(_ report: LintReport, files: [File]) -> Document {
        Document(
            files: files, summary: Self.summary(report),
            errors: report.errors.map { InputError(path: $0.path, line: $0.line, message: $0.message) })
    }

    /// The document as `JSONOutput.document` writes it (pretty, keys sorted, slashes unescaped, a
    /// final line break), byte for byte, without Foundation's encoder: for a folder of thousands of
    /// drafts the encoder cost more than linting them. A test checks that the two agree.
    static func write(_ document: Document) -> String {
        var pieces = JSONPieces()
        write(document, fileObjects: document.files.map(object), into: &pieces)
        return pieces.string()
    }

    /// `document` with `fileObjects` (each made by `object(_:)`) as its files.
    private static func write<Sink: JSONSink>(_ document: Document, fileObjects: [[UInt8]], into sink: inout Sink) {
        var json = JSONWriter(capacity: 4096)
        json.raw("{\n  \"errors\" : ")
        array(document.errors, indent: 1, into: &json) { error, json in
            json.raw("{\n")
            if let line = error.line {
                json.raw("      \"line\" : ")
                json.integer(line)
                json.raw(",\n")
            }
            json.raw("      \"message\" : ")
            json.string(error.message)
            json.raw(",\n      \"path\" : ")
            json.string(error.path)
            json.raw("\n    }")
        }
        json.raw(",\n  \"files\" : ")
        // The files' objects (megabytes, for a folder of thousands of drafts) are not copied into
        // `json` first: they go to the sink as they are.
        sink.raw(json.bytes)
        array(fileObjects, indent: 1, into: &sink) { object, sink in sink.raw(object) }
        var tail = JSONWriter(capacity: 256)
        tail.raw(",\n  \"summary\" : {\n    \"consult\" : ")
        tail.integer(document.summary.consult)
        tail.raw(",\n    \"error\" : ")
        tail.integer(document.summary.error)
        tail.raw(",\n    \"warning\" : ")
        tail.integer(document.summary.warning)
        tail.raw("\n  },\n  \"version\" : ")
        tail.integer(document.version)
        tail.raw("\n}\n")
        sink.raw(tail.bytes)
    }

    /// One draft's object, written by `write(_:into:)`.
    private static func object(_ file: File) -> [UInt8] {
        var json = JSONWriter(capacity: 512)
        write(file, into: &json)
        return json.bytes
    }

    /// One draft's object, as it stands in `files` (its brackets at two levels of indentation).
    static func write(_ file: File, into json: inout JSONWriter) {
        json.raw("{\n      \"findings\" : ")
        array(file.findings, indent: 3, into: &json) { item, json in
            func field(_ name: StaticString, _ value: String?, last: Bool = false) {
                json.raw("          \"")
                json.raw(name)
                json.raw("\" : ")
                json.string(value)
                if !last { json.raw(",\n") }
            }
            func field(_ name: StaticString, _ value: Int) {
                json.raw("          \"")
                json.raw(name)
                json.raw("\" : ")
                json.integer(value)
                json.raw(",\n")
            }
            json.raw("{\n")
            field("column", item.column)
            field("criterion", item.criterion)
            field("endColumn", item.endColumn)
            field("endLine", item.endLine)
            field("excerpt", item.excerpt)
            field("fix", item.fix)
            field("kind", item.kind)
            field("line", item.line)
            field("message", item.message)
            field("rule", item.rule)
            field("severity", item.severity, last: true)
            json.raw("\n        }")
        }
        json.raw(",\n      \"path\" : ")
        json.string(file.path)
        json.raw("\n    }")
    }

    /// A pretty array whose brackets are at `indent` levels (two spaces each), its elements one deeper.
    private static func array<Element, Sink: JSONSink>(
        _ elements: [Element], indent: Int, into json: inout Sink, _ element: (Element, inout Sink) -> Void
    ) {
        let outer = [UInt8](repeating: UInt8(ascii: " "), count: indent * 2)
        let inner = outer + [UInt8(ascii: " "), UInt8(ascii: " ")]
        json.raw("[\n")
        if elements.isEmpty { json.raw("\n") }
        for (index, value) in elements.enumerated() {
            if index > 0 { json.raw(",\n") }
            json.raw(inner)
            element(value, &json)
        }
        if !elements.isEmpty { json.raw("\n") }
        json.raw(outer)
        json.raw("]")
    }
}

/// Where `JSONReporter` writes: a `JSONWriter`, the pieces of a whole document, or an output.
private protocol JSONSink {
    mutating func raw(_ text: StaticString)
    mutating func raw(_ bytes: [UInt8])
}

extension JSONWriter: JSONSink {}

extension BufferedOutput: JSONSink {
    mutating func raw(_ text: StaticString) { append(text) }
    mutating func raw(_ bytes: [UInt8]) { append(bytes) }
}

/// A document as the byte arrays it is made of, shared rather than copied, until `string()` copies
/// them once into the String's own storage.
private struct JSONPieces: JSONSink {
    private var pieces: [[UInt8]] = []
    private var count = 0

    mutating func raw(_ text: StaticString) {
        raw(text.withUTF8Buffer { Array($0) })
    }

    mutating func raw(_ bytes: [UInt8]) {
        pieces.append(bytes)
        count += bytes.count
    }

    /// The pieces one after another (every piece is whole UTF-8, so the String is as written).
    func string() -> String {
        String(unsafeUninitializedCapacity: count) { buffer in
            var offset = 0
            for piece in pieces {
                piece.withUnsafeBufferPointer { source in
                    guard let start = source.baseAddress else { return }
                    (buffer.baseAddress! + offset).initialize(from: start, count: source.count)
                }
                offset += piece.count
            }
            return offset
        }
    }
}
