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
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env["CRITERIO_CACHE_DIR"] = cacheDirectory
        for (key, value) in environment { env[key] = value }
        return try ProcessRunner.run(binary, arguments, in: directory ?? root, environment: env, stdin: stdin)
    }
}

/// Runs a program and waits for it, capturing what it prints: the one way tests start processes.
enum ProcessRunner {
    static func run(
        _ executable: URL, _ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil,
        stdin: String? = nil
    ) throws -> CLIResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        let output = Pipe()
        let error = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLIResult(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
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
