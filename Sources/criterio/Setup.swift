import CriterioConfig
import CriterioRunner
import Foundation

/// How a command finds its configuration: `--config FILE`, or the `.criterio.yml` found from the
/// working directory upwards, or the defaults. Every command that lints or opens the queue goes
/// through here, so they all read the same file the same way.
enum CommandSetup {
    /// The configured linter (`consult submit|status`, `scan`, `serve`).
    static func lint(config: String?) throws(CommandFailure) -> LintSetup {
        try lint(configuration(config: config))
    }

    /// The linter of a configuration already read.
    static func lint(_ configuration: Configuration) throws(CommandFailure) -> LintSetup {
        do {
            return try LintSetup(configuration: configuration)
        } catch {
            throw CommandFailure(message: error.description)
        }
    }

    /// The configuration alone (the queue commands).
    static func configuration(config: String?) throws(CommandFailure) -> Configuration {
        do {
            return try LintSetup.configuration(explicit: config, workingDirectory: workingDirectory)
        } catch {
            throw CommandFailure(message: error.description)
        }
    }

    /// The working directory, from `getcwd` (cheaper at start-up than `FileManager.default`).
    static var workingDirectory: String {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
