import Foundation

/// Runs the built `criterio` binary as a user would, and captures what it prints.
struct CLIResult {
    let status: Int32
    let stdout: String
    let stderr: String
    var output: String { stdout + stderr }
}

enum CLI {
    /// The package root (for Samples/).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `criterio` is built next to the test bundle.
    static let binary: URL = {
        if let path = ProcessInfo.processInfo.environment["CRITERIO_BIN"] { return URL(fileURLWithPath: path) }
        let directory = Bundle.main.executableURL?.deletingLastPathComponent()
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return directory.appendingPathComponent("criterio")
    }()

    /// Compiled lexicons go to one temporary folder for the whole test run, not the user's ~/.cache.
    static let cacheDirectory = FileManager.default.temporaryDirectory
        .appendingPathComponent("criterio-test-cache-\(ProcessInfo.processInfo.processIdentifier)").path

    @discardableResult
    static func run(
        _ arguments: [String], stdin: String? = nil, in directory: URL? = nil, environment: [String: String] = [:]
    ) throws -> CLIResult {
        try ProcessRunner.run(binary, arguments, in: directory ?? root, environment: processEnvironment(environment), stdin: stdin)
    }

    /// Starts `criterio` and returns at once, to run several at the same time.
    static func start(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws -> RunningProcess {
        try ProcessRunner.start(binary, arguments, in: directory ?? root, environment: processEnvironment(environment))
    }

    /// The test's environment, without colours and with the test run's lexicon cache, plus `extra`.
    static func processEnvironment(_ extra: [String: String]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["CRITERIO_CACHE_DIR"] = cacheDirectory
        for (key, value) in extra { environment[key] = value }
        return environment
    }
}

/// Starts programs for the tests and captures what they print: the one way tests start processes.
/// Standard output and standard error are read at the same time, each on its own thread, and
/// standard input is written from a third, so a child that fills one pipe (64 KiB) while the test
/// waits on another never deadlocks.
enum ProcessRunner {
    /// Runs a program to the end.
    static func run(
        _ executable: URL, _ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil,
        stdin: String? = nil, mergingErrors: Bool = false
    ) throws -> CLIResult {
        let running = try start(executable, arguments, in: directory, environment: environment, mergingErrors: mergingErrors)
        running.write(stdin ?? "")
        running.closeInput()
        return running.wait()
    }

    /// Starts a program and returns at once; read its lines, feed it and wait for it later.
    static func start(
        _ executable: URL, _ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil,
        mergingErrors: Bool = false
    ) throws -> RunningProcess {
        try RunningProcess(executable, arguments, in: directory, environment: environment, mergingErrors: mergingErrors)
    }
}

/// A program started by `ProcessRunner.start`. Its output is collected as it comes; `readLine`
/// waits for the next line of standard output (a readiness signal), `wait` for the end.
final class RunningProcess: @unchecked Sendable {
    // Safety: the collected output is guarded by `condition`; the rest is set once in `init`.
    private let process = Process()
    private let input = Pipe()
    private let condition = NSCondition()
    private var output = Data()
    private var errors = Data()
    private var openStreams = 0
    private var linesRead = 0
    private var inputClosed = false
    private let writers = DispatchGroup()
    /// A program that exits without reading its input must not kill the tests with SIGPIPE.
    private static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

    fileprivate init(_ executable: URL, _ arguments: [String], in directory: URL?, environment: [String: String]?, mergingErrors: Bool) throws {
        Self.ignoreBrokenPipes
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        let outputPipe = Pipe()
        let errorPipe = mergingErrors ? outputPipe : Pipe()
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        process.standardInput = input
        try process.run()
        collect(outputPipe.fileHandleForReading) { $0.output.append($1) }
        if !mergingErrors { collect(errorPipe.fileHandleForReading) { $0.errors.append($1) } }
    }

    private func collect(_ handle: FileHandle, into append: @escaping @Sendable (RunningProcess, Data) -> Void) {
        condition.lock()
        openStreams += 1
        condition.unlock()
        Thread.detachNewThread { [self] in
            while true {
                let chunk = handle.availableData
                condition.lock()
                if chunk.isEmpty { openStreams -= 1 } else { append(self, chunk) }
                condition.broadcast()
                condition.unlock()
                if chunk.isEmpty { return }
            }
        }
    }

    /// Writes to the program's standard input from another thread, so that a program busy writing
    /// its own output (or not reading at all) cannot block the test.
    func write(_ text: String) {
        guard !text.isEmpty else { return }
        let handle = input.fileHandleForWriting
        let data = Data(text.utf8)
        writers.enter()
        Thread.detachNewThread { [writers] in
            try? handle.write(contentsOf: data)
            writers.leave()
        }
    }

    /// Closes standard input once what was written went through: a program reading it to the end goes on.
    func closeInput() {
        writers.wait()
        condition.lock()
        defer { condition.unlock() }
        guard !inputClosed else { return }
        inputClosed = true
        try? input.fileHandleForWriting.close()
    }

    /// The next line of standard output, waiting for it; nil when the output ended first.
    func readLine() -> String? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            let lines = String(decoding: output, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            if lines.count - 1 > linesRead {
                linesRead += 1
                return String(lines[linesRead - 1])
            }
            if openStreams == 0 { return nil }
            condition.wait()
        }
    }

    /// Ends the program (SIGTERM) if it still runs, and waits for it: a child that is never waited
    /// for stays unreaped, and Foundation's `Process` keeps itself alive until it is.
    func terminate() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    /// Waits for the program to end and for all it printed.
    func wait() -> CLIResult {
        closeInput()
        process.waitUntilExit()
        condition.lock()
        while openStreams > 0 { condition.wait() }
        let result = CLIResult(
            status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self), stderr: String(decoding: errors, as: UTF8.self))
        condition.unlock()
        return result
    }

    deinit {
        terminate()
    }
}

/// A temporary folder with files, removed at the end of the test.
final class Scratch {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("criterio-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> URL {
        try write(name, Data(text.utf8))
    }

    @discardableResult
    func write(_ name: String, _ data: Data) throws -> URL {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
        return file
    }
}

extension CLI {
    /// `setpriv`, which runs a program as another user (util-linux, installed by scripts/install-deps).
    static let setpriv = URL(fileURLWithPath: "/usr/bin/setpriv")

    /// Runs `criterio` as the unprivileged user `nobody`: the tests run as root, who may read every
    /// file, so permission errors are only seen this way. Throws when privileges cannot be dropped,
    /// so a test that needs it fails rather than passing without having looked.
    static func runAsNobody(_ arguments: [String], in directory: URL, stdin: String? = nil) throws -> CLIResult {
        let drop = ["--reuid=65534", "--regid=65534", "--clear-groups"]
        let check = try ProcessRunner.run(setpriv, drop + ["/usr/bin/id", "-u"])
        guard check.status == 0, check.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "65534" else {
            throw CLIError("no se pudo ejecutar como nobody con setpriv: \(check.output)")
        }
        var environment = processEnvironment(["CRITERIO_NO_CACHE": "1", "HOME": directory.path])
        environment.removeValue(forKey: "CRITERIO_CACHE_DIR")
        return try ProcessRunner.run(setpriv, drop + [binary.path] + arguments, in: directory, environment: environment, stdin: stdin)
    }
}

struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
