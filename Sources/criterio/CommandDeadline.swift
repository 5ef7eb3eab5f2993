import CriterioRunner
import Dispatch
import Foundation

/// The last resort of a one-shot command on a PostgreSQL queue. With a server that restarts while
/// a command runs, postgres-nio can leave the command waiting for ever: `PostgresFaultTests` caught a
/// `criterio queue comment` still waiting after twenty minutes, with no connection open and none
/// being attempted (where inside postgres-nio it waits is not known). Past the deadline
/// the command says so in Spanish and ends with status 2, as any other PostgreSQL failure does.
enum CommandDeadline {
    /// Far beyond a command's normal second: the server's lock wait (`busy_timeout`) and a
    /// connection attempt (ten seconds) included.
    static let seconds = 60

    nonisolated(unsafe) private static var timer: DispatchSourceTimer?

    /// Starts the count; called once, when the command opens its queue.
    static func arm() {
        guard timer == nil else { return }
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + .seconds(seconds))
        timer.setEventHandler {
            Terminal.error(
                "el servidor PostgreSQL de la cola no respondió en \(seconds) s y la orden se detuvo; "
                    + "puede que se haya guardado o no: revísalo con criterio audit log antes de repetirla")
            exit(ExitStatus.inputError.rawValue)
        }
        timer.resume()
        self.timer = timer
    }

    /// Stops the count: what the command does next is not the queue's transaction.
    static func disarm() {
        timer?.cancel()
    }
}
