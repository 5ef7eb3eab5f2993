import CriterioFoundation
import Foundation

/// The git repository around the working directory, and the few questions Criterio asks it.
/// Every call inherits the environment, so inside a hook `GIT_DIR` and `GIT_INDEX_FILE` (the
/// index of the commit being made) are honoured.
public struct GitRepository: Sendable {
    /// The absolute path of the work tree's top folder.
    public let root: String

    public init(root: String) {
        self.root = root
    }

    /// The repository containing `directory`.
    public static func discover(from directory: String = FileManager.default.currentDirectoryPath) throws(GitError) -> GitRepository {
        let result = try git(["-C", directory, "rev-parse", "--show-toplevel"])
        guard result.status == 0 else {
            throw GitError("«\(directory)» no está dentro de un repositorio de git")
        }
        return GitRepository(root: String(decoding: result.output, as: UTF8.self).trimmingCharacters(in: .newlines))
    }

    /// Files added, copied, modified or renamed in the index (repository-relative paths).
    public func stagedPaths() throws(GitError) -> [String] {
        let result = try run(["diff", "--cached", "--name-only", "-z", "--diff-filter=ACMR", "--no-renames"])
        guard result.status == 0 else { throw GitError("git diff --cached falló: \(result.errorText)") }
        return result.output.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The staged content of each path (its blob in the index), read with one `git cat-file --batch`.
    /// A path missing from the index is absent from the result.
    public func stagedContents(_ paths: [String]) throws(GitError) -> [String: [UInt8]] {
        let names = paths.filter { !$0.contains("\n") }
        guard !names.isEmpty else { return [:] }
        let input = Array(names.map { ":" + $0 + "\n" }.joined().utf8)
        let result = try run(["cat-file", "--batch"], input: input)
        guard result.status == 0 else { throw GitError("git cat-file falló: \(result.errorText)") }
        var contents: [String: [UInt8]] = [:]
        let output = result.output
        var index = 0
        for name in names {
            guard let lineEnd = output[index...].firstIndex(of: UInt8(ascii: "\n")) else { break }
            let header = String(decoding: output[index..<lineEnd], as: UTF8.self)
            index = lineEnd + 1
            let fields = header.split(separator: " ")
            guard fields.count == 3, fields[1] == "blob", let size = Int(fields[2]), index + size <= output.count else { continue }
            contents[name] = Array(output[index..<(index + size)])
            index += size + 1
        }
        return contents
    }

    /// Which of `paths` (repository-relative) are in the index, with one `git cat-file --batch-check`.
    public func indexContains(_ paths: [String]) throws(GitError) -> Set<String> {
        let names = paths.filter { !$0.contains("\n") }
        guard !names.isEmpty else { return [] }
        let result = try run(["cat-file", "--batch-check"], input: Array(names.map { ":" + $0 + "\n" }.joined().utf8))
        guard result.status == 0 else { throw GitError("git cat-file falló: \(result.errorText)") }
        let lines = String(decoding: result.output, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        var present: Set<String> = []
        for (name, line) in zip(names, lines) where !line.hasSuffix(" missing") { present.insert(name) }
        return present
    }

    /// The folder git runs hooks from (`core.hooksPath` if set), absolute.
    public func hooksDirectory() throws(GitError) -> String {
        let result = try run(["rev-parse", "--git-path", "hooks"])
        guard result.status == 0 else { throw GitError("no se pudo saber dónde están los hooks: \(result.errorText)") }
        let path = String(decoding: result.output, as: UTF8.self).trimmingCharacters(in: .newlines)
        return path.hasPrefix("/") ? path : URL(fileURLWithPath: root).appendingPathComponent(path).standardizedFileURL.path
    }

    private func run(_ arguments: [String], input: [UInt8] = []) throws(GitError) -> Subprocess.Result {
        try Self.git(["-C", root] + arguments, input: input)
    }

    private static func git(_ arguments: [String], input: [UInt8] = []) throws(GitError) -> Subprocess.Result {
        do {
            return try Subprocess.run("git", arguments, input: input)
        } catch {
            throw GitError("no se pudo ejecutar git: \(error.description); ¿está instalado?")
        }
    }
}

public struct GitError: ExplainedError, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
