import CriterioCore
import CriterioQueue
import CriterioRunner

/// A linted draft's text cut into pieces for a page: plain stretches and the stretches findings
/// point at (with the numbers of those findings), personal data masked unless revealed. Pages
/// render each piece escaped; nothing of the draft is ever markup.
struct HighlightedText: Sendable {
    struct Piece: Sendable {
        let text: String
        /// Numbers (1-based, as the reasons panel lists them) of the findings covering the piece.
        let findings: [Int]
        let severity: Severity?
    }

    let pieces: [Piece]

    init(_ file: FileReport, redact: Bool) {
        let bytes = file.draft.text.bytes
        let findings = file.findings
        var cuts = Set([0, bytes.count])
        for finding in findings where !finding.range.isEmpty {
            cuts.insert(min(finding.range.lowerBound, bytes.count))
            cuts.insert(min(finding.range.upperBound, bytes.count))
        }
        let sorted = cuts.sorted()
        var pieces: [Piece] = []
        for (start, end) in zip(sorted, sorted.dropFirst()) where start < end {
            let covering = findings.indices.filter { findings[$0].range.lowerBound <= start && findings[$0].range.upperBound >= end }
            var text = String(decoding: bytes[start..<end], as: UTF8.self)
            if redact, let data = covering.map({ findings[$0] }).first(where: \.isPersonalData) {
                text = data.range == start..<end ? (data.redactedExcerpt ?? "") : String(repeating: "•", count: text.count)
            }
            let severity = covering.map { findings[$0].severity }.max()
            pieces.append(Piece(text: text, findings: covering.map { $0 + 1 }, severity: severity))
        }
        self.pieces = pieces
    }

    /// The whole text as shown.
    var text: String { pieces.map(\.text).joined() }
}

extension DraftLinting {
    /// A stored revision's text with its personal data masked (linted again to find it).
    func redactedText(of revision: CriterioQueue.Revision) -> String {
        guard let file = try? lint(text: revision.draftText, network: nil, replyTo: nil, media: nil) else { return revision.draftText }
        return HighlightedText(file, redact: true).text
    }
}
