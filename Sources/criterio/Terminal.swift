import CriterioFoundation
import CriterioRunner
import Foundation

/// Standard output and error, and what the terminal supports.
enum Terminal {
    static func write(_ text: String) {
        write(text, to: .standardOutput)
    }

    /// The text's UTF-8 handed to the file as it is stored, without a copy into a `Data` first (the
    /// report of a folder of drafts is megabytes).
    private static func write(_ text: String, to file: FileHandle) {
        var text = text
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
            file.write(Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: bytes.count, deallocator: .none))
        }
    }

    /// Text for people made of what others typed (names, areas, questions, comments, drafts): none
    /// of it can send the terminal an escape sequence (`TerminalText`). JSON goes out with `write`.
    static func show(_ text: String) {
        write(TerminalText.sanitized(text))
    }

    /// One message on standard error, as "criterio: mensaje"; what it quotes from drafts and file
    /// names cannot send the terminal escape sequences (`TerminalText`).
    static func error(_ message: String) {
        errors(CollectionOfOne(message))
    }

    /// Several messages as `error` says each, in one write: a folder of drafts can have hundreds
    /// (one line per draft waiting on CNCS), and a write apiece cost more than saying them.
    static func errors(_ messages: some Sequence<String>) {
        var text = ""
        for message in messages { text += "criterio: " + TerminalText.sanitized(message) + "\n" }
        if !text.isEmpty { writeError(text) }
    }

    static func writeError(_ text: String) {
        write(text, to: .standardError)
    }

    /// Colour when standard output is a terminal, unless NO_COLOR is set (https://no-color.org).
    static var supportsColor: Bool {
        let environment = ProcessInfo.processInfo.environment
        if environment["NO_COLOR"].map({ !$0.isEmpty }) ?? false { return false }
        if environment["FORCE_COLOR"].map({ !$0.isEmpty }) ?? false { return true }
        return isatty(STDOUT_FILENO) == 1 && environment["TERM"] != "dumb"
    }

    /// The width help is wrapped to: the terminal's, or 80 columns when output is not a terminal.
    static var width: Int {
        var size = winsize()
        guard isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }
}

/// An error that ends the command with a Spanish message and a given exit status.
struct CommandFailure: ExplainedError {
    let message: String
    var status: ExitStatus = .inputError

    var description: String { message }
}
