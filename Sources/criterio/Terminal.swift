import CriterioRunner
import Foundation

/// Standard output and error, and what the terminal supports.
enum Terminal {
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data(("criterio: " + message + "\n").utf8))
    }

    /// Colour when standard output is a terminal, unless NO_COLOR is set (https://no-color.org).
    static var supportsColor: Bool {
        let environment = ProcessInfo.processInfo.environment
        if environment["NO_COLOR"].map({ !$0.isEmpty }) ?? false { return false }
        if environment["FORCE_COLOR"].map({ !$0.isEmpty }) ?? false { return true }
        return isatty(STDOUT_FILENO) == 1 && environment["TERM"] != "dumb"
    }
}

/// An error that ends the command with a Spanish message and a given exit status.
struct CommandFailure: Error {
    let message: String
    var status: ExitStatus = .inputError
}

/// ArgumentParser writes its usage errors in English; the common ones are said again in Spanish.
enum UsageMessages {
    static func spanish(_ message: String) -> String {
        let translations: [(String, String)] = [
            ("Error: Unknown option ", "opción desconocida "),
            ("Error: Missing expected argument ", "falta el argumento "),
            ("Error: Missing value for ", "falta el valor de "),
            ("Error: Unexpected argument ", "argumento inesperado "),
            ("Error: The value ", "el valor "),
            (" is invalid for ", " no es válido para "),
            ("Error: ", ""),
            ("Usage: ", "Uso: "),
            ("See '", "Consulta '"),
            ("' for more details.", "' para más detalles."),
            ("Help:  ", "Ayuda: "),
            ("Did you mean ", "¿Quisiste decir "),
            (" for more information.", " para más información."),
        ]
        var result = message
        for (english, spanish) in translations { result = result.replacingOccurrences(of: english, with: spanish) }
        return result
    }
}
