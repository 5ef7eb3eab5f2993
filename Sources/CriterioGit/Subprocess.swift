import CriterioFoundation
import Foundation

/// Runs a program and collects its output. Spawns with `posix_spawnp` and waits with `waitpid`
/// (Foundation's `Process.waitUntilExit` polls its run loop every 50 ms on Linux, too slow for a
/// pre-commit hook), feeding standard input from a second thread so neither side can block the other.
public enum Subprocess {
    public struct Result: Sendable {
        public let status: Int32
        public let output: [UInt8]
        public let errorOutput: [UInt8]

        public var errorText: String { String(decoding: errorOutput, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    public static func run(_ program: String, _ arguments: [String], input: [UInt8] = []) throws(SubprocessError) -> Result {
        var stdinPipe: [Int32] = [0, 0]
        var stdoutPipe: [Int32] = [0, 0]
        var stderrPipe: [Int32] = [0, 0]
        guard pipe(&stdinPipe) == 0, pipe(&stdoutPipe) == 0, pipe(&stderrPipe) == 0 else {
            throw SubprocessError("no se pudo crear una tubería para ejecutar \(program)")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdinPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, stdoutPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, stderrPipe[1], 2)
        for descriptor in stdinPipe + stdoutPipe + stderrPipe { posix_spawn_file_actions_addclose(&actions, descriptor) }

        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, program, &actions, nil, argv, environ)
        close(stdinPipe[0])
        close(stdoutPipe[1])
        close(stderrPipe[1])
        guard spawned == 0 else {
            close(stdinPipe[1])
            close(stdoutPipe[0])
            close(stderrPipe[0])
            throw SubprocessError(spawned == ENOENT ? "no se encontró el programa «\(program)»" : "no se pudo ejecutar «\(program)» (\(FoundationErrors.posix(spawned)))")
        }

        let writer = Thread { [input, stdinPipe] in
            input.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = write(stdinPipe[1], buffer.baseAddress! + offset, buffer.count - offset)
                    if written < 0 { if errno == EINTR { continue } else { break } }
                    offset += written
                }
            }
            close(stdinPipe[1])
        }
        writer.start()

        var output: [UInt8] = []
        var errorOutput: [UInt8] = []
        var descriptors = [pollfd(fd: stdoutPipe[0], events: Int16(POLLIN), revents: 0), pollfd(fd: stderrPipe[0], events: Int16(POLLIN), revents: 0)]
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var open = 2
        while open > 0 {
            if poll(&descriptors, nfds_t(descriptors.count), -1) < 0 {
                if errno == EINTR { continue }
                break
            }
            for index in descriptors.indices where descriptors[index].fd >= 0 && descriptors[index].revents != 0 {
                let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptors[index].fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    if index == 0 { output.append(contentsOf: buffer[..<count]) } else { errorOutput.append(contentsOf: buffer[..<count]) }
                } else if count == 0 || errno != EINTR {
                    close(descriptors[index].fd)
                    descriptors[index].fd = -1
                    open -= 1
                }
            }
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // WIFEXITED / WEXITSTATUS
        let exitCode: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Result(status: exitCode, output: output, errorOutput: errorOutput)
    }
}

public struct SubprocessError: ExplainedError, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
