import CriterioRunner
import Foundation

/// What `lint --fix` prints. With `-` among the inputs, standard output carries the corrected text
/// (so `criterio lint --fix - < a.md > b.md` works) and the report goes to standard error;
/// otherwise the report goes to standard output as usual. A one-line summary goes to standard error.
enum FixOutput {
    static func write(_ run: FixRun, report: String) {
        if let text = run.standardInput {
            FileHandle.standardOutput.write(Data(text))
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
