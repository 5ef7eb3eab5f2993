import CriterioFoundation
import Foundation

/// Reads a new password: from the terminal, twice and without echo; from standard input (one line)
/// when it is not a terminal, so that scripts can pipe it in.
enum PasswordPrompt {
    /// Reads on a thread of its own: waiting for a person to type must not hold a thread of the pool.
    static func read(for name: String) async throws(CommandFailure) -> String {
        try await DedicatedThread.run { () throws(CommandFailure) -> String in try readNow(for: name) }
    }

    private static func readNow(for name: String) throws(CommandFailure) -> String {
        guard isatty(STDIN_FILENO) == 1 else {
            guard let line = readLine(strippingNewline: true) else {
                throw CommandFailure(message: "no llegó ninguna contraseña por la entrada estándar")
            }
            return line.hasSuffix("\r") ? String(line.dropLast()) : line
        }
        let first = try silently("Contraseña nueva para \(name): ")
        let second = try silently("Repítela: ")
        guard first == second else { throw CommandFailure(message: "las dos contraseñas no coinciden; no se cambió nada") }
        return first
    }

    /// One line typed at the terminal with its echo off (turned off before the prompt shows, so
    /// nothing typed after it is echoed); the prompt and the line break go to standard error, so
    /// that standard output stays the command's own.
    private static func silently(_ prompt: String) throws(CommandFailure) -> String {
        var original = termios()
        guard tcgetattr(STDIN_FILENO, &original) == 0 else { throw CommandFailure(message: "no se pudo leer la terminal") }
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        silent.c_lflag |= tcflag_t(ECHONL)
        Echo.saved = original
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        let previous = signal(SIGINT) { _ in
            // Ctrl-C while typing: give the terminal its echo back before leaving.
            if var saved = Echo.saved { tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved) }
            _exit(130)
        }
        Terminal.writeError(prompt)
        let line = readLine(strippingNewline: true)
        tcsetattr(STDIN_FILENO, TCSANOW, &original)
        signal(SIGINT, previous)
        Echo.saved = nil
        guard let line else { throw CommandFailure(message: "no se escribió ninguna contraseña") }
        return line
    }

    /// The terminal's settings while its echo is off, for the interrupt handler.
    private enum Echo {
        nonisolated(unsafe) static var saved: termios?
    }
}
