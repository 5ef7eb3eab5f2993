import CriterioRunner
import Foundation

/// What `lint --fix` prints. With `-` among the inputs, standard output carries the draft and only
/// the draft (so `criterio lint --fix - < a.md > b.md` never loses it): corrected when a fix
/// applied, as it was read otherwise, and as it was read when anything fails, from a bad
/// configuration to a draft that cannot be parsed. The report goes to standard error then;
/// otherwise to standard output as usual. A one-line summary goes to standard error.
enum FixOutput {
    /// Set while `lint --fix -` has not yet written the draft: an error must still send standard
    /// input out unchanged (`passThroughStandardInput`). The command line runs on one thread.
    nonisolated(unsafe) static var owesStandardInput = false

    /// Whether raw command-line arguments ask for `lint --fix -` (for errors raised while they are
    /// parsed, before the command runs).
    static func requested(in arguments: [String]) -> Bool {
        let rest = Array(arguments.dropFirst())
        guard rest.first == "lint", rest.contains("--fix") else { return false }
        return rest.contains("-")
    }

    /// Standard input, from where it stands, to standard output unchanged.
    static func passThroughStandardInput() {
        owesStandardInput = false
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return }
            FileHandle.standardOutput.write(Data(chunk[..<count]))
        }
    }

    /// The draft of standard input, corrected or as it was read, then whatever of it was not read.
    static func writeStandardInput(_ run: FixRun) {
        guard let text = run.standardInput else { return }
        owesStandardInput = false
        FileHandle.standardOutput.write(Data(text))
        if run.standardInputIsPartial { passThroughStandardInput() }
    }

    /// The report (on standard error when standard output carries the draft) and the summary.
    static func writeReport(_ run: FixRun, report: String) {
        if run.standardInput != nil {
            FileHandle.standardError.write(Data(report.utf8))
        } else {
            Terminal.write(report)
        }
        let files = run.fixed.count
        let summary = run.fixedCount == 0
            ? "Correcciones: ninguna aplicable."
            : "Correcciones: \(run.fixedCount) \(run.fixedCount == 1 ? "hallazgo corregido" : "hallazgos corregidos") en "
                + "\(files) \(files == 1 ? "borrador" : "borradores"); el informe muestra lo que queda."
        FileHandle.standardError.write(Data((summary + "\n").utf8))
    }
}
