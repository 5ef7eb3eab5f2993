import CriterioCore
import CriterioDrafts
import CriterioFoundation
import CriterioReporters
import CriterioRunner
import Foundation
import Testing

/// How `criterio lint` writes its report: pieces gathered in a buffer, in a few writes.
@Suite("Salida con búfer")
struct BufferedOutputTests {
    /// What a file descriptor of a temporary file received.
    static func written(capacity: Int, _ body: (inout BufferedOutput) -> Void) throws -> [UInt8] {
        let folder = try TemporaryFolder()
        let path = folder.path + "/salida"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        try #require(descriptor >= 0)
        var output = BufferedOutput(descriptor: descriptor, capacity: capacity)
        body(&output)
        output.flush()
        close(descriptor)
        #expect(output.failure == nil)
        return try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test func piecesOfEverySizeAroundTheBufferArriveWholeAndInOrder() throws {
        let sizes = [0, 1, 15, 16, 17, 3, 32, 40, 0, 15, 1, 2, 100]
        let pieces = sizes.enumerated().map { index, size in [UInt8](repeating: UInt8(ascii: "a") + UInt8(index), count: size) }
        let received = try Self.written(capacity: 16) { output in
            for (index, piece) in pieces.enumerated() {
                if index % 3 == 0 { output.append(String(decoding: piece, as: UTF8.self)) } else { output.append(piece) }
            }
            output.append("¡fin!")
        }
        #expect(received == pieces.flatMap { $0 } + Array("¡fin!".utf8))
    }

    /// `criterio lint … | head`: the reader leaves; the output stops, and nothing crashes.
    @Test func aClosedPipeEndsTheOutput() throws {
        signal(SIGPIPE, SIG_IGN)
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        close(ends[0])
        defer { close(ends[1]) }
        var output = BufferedOutput(descriptor: ends[1], capacity: 64)
        output.append([UInt8](repeating: 1, count: 1_000))
        #expect(output.failure == EPIPE)
        output.append("más")
        output.flush()
        #expect(output.failure == EPIPE)
    }

    /// Every format writes to an output what it renders, through a buffer smaller than its pieces.
    @Test(arguments: ReporterRegistry.identifiers)
    func eachFormatWritesWhatItRenders(identifier: String) throws {
        let report = LintReport(files: (0..<3).map { number in
            let draft = Draft(path: "borrador-\(number).md", text: "TEXTO EN MAYÚSCULAS número \(number)")
            return FileReport(draft: draft, findings: [
                Finding(ruleID: "mayusculas", severity: .warning, criterion: .xxvi, message: "Mayúsculas sostenidas.", range: 0..<5, excerpt: "TEXTO")
            ])
        }, errors: [DraftInputError(path: "roto.md", line: 2, message: "front matter inválido")])
        let reporter = try #require(ReporterRegistry.reporter(named: identifier))
        let options = ReportOptions(rules: [])
        let received = try Self.written(capacity: 7) { reporter.write(report, options: options, to: &$0) }
        #expect(String(decoding: received, as: UTF8.self) == reporter.render(report, options: options))
    }
}
