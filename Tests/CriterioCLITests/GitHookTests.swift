import Foundation
import Testing

/// A throwaway git repository in a temporary folder.
final class Repository {
    let scratch: Scratch
    var url: URL { scratch.url }

    init() throws {
        scratch = try Scratch()
        try git("init", "-q", "-b", "main")
    }

    @discardableResult
    func git(_ arguments: String...) throws -> CLIResult {
        try run(["git"] + arguments)
    }

    /// `git commit`, through whatever hook is installed.
    func commit(_ message: String) throws -> CLIResult {
        try run(["git", "commit", "-q", "-m", message])
    }

    func write(_ name: String, _ text: String) throws { try scratch.write(name, text) }

    var commitCount: Int {
        let result = try? run(["git", "rev-list", "--count", "HEAD"])
        return Int(result?.stdout.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 0
    }

    private func run(_ arguments: [String]) throws -> CLIResult {
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_AUTHOR_NAME"] = "Administración de cuenta"
        environment["GIT_AUTHOR_EMAIL"] = "redes@ine.mx"
        environment["GIT_COMMITTER_NAME"] = "Administración de cuenta"
        environment["GIT_COMMITTER_EMAIL"] = "redes@ine.mx"
        environment["NO_COLOR"] = "1"
        environment["CRITERIO_CACHE_DIR"] = CLI.cacheDirectory
        return try ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/env"), arguments, in: url, environment: environment)
    }
}

@Suite("Hook pre-commit de git")
struct GitHookTests {
    let media = "---\nmedia: [https://www.ine.mx/a.png]\n---\n"
    var bad: String { media + "Felicidades; su CURP es HEGG560427MVZRRL04.\n" }
    var good: String { media + "Felicidades a la ganadora del concurso.\n" }

    @Test func aBadStagedDraftBlocksTheCommitAndAFixLetsItThrough() throws {
        let repository = try Repository()
        #expect(try CLI.run(["hook", "install"], in: repository.url).status == 0)
        try repository.write("borradores/concurso.md", bad)
        try repository.git("add", ".")
        let blocked = try repository.commit("concurso")
        #expect(blocked.status != 0)
        #expect(repository.commitCount == 0)
        #expect(blocked.output.hasPrefix("borradores/concurso.md\n  4:25"), "rutas como en el repositorio: \(blocked.output)")
        #expect(blocked.output.contains("el commit se detuvo"))
        #expect(blocked.output.contains("criterio-disable-next-line") && blocked.output.contains("criterio consult submit"))
        #expect(!blocked.output.contains("HEGG560427MVZRRL04"))

        try repository.write("borradores/concurso.md", good)
        try repository.git("add", ".")
        #expect(try repository.commit("concurso").status == 0)
        #expect(repository.commitCount == 1)
    }

    @Test func aReasonedSuppressionLetsTheCommitThrough() throws {
        let repository = try Repository()
        try CLI.run(["hook", "install"], in: repository.url)
        try repository.write(
            "a.md", media + "<!-- criterio-disable-next-line datos-personales/curp -- CURP ficticia de la capacitación -->\nCURP HEGG560427MVZRRL04\n")
        try repository.git("add", ".")
        #expect(try repository.commit("con motivo").status == 0)
        try repository.write("b.md", media + "<!-- criterio-disable-next-line datos-personales/curp -->\nCURP HEGG560427MVZRRL04\n")
        try repository.git("add", ".")
        #expect(try repository.commit("sin motivo").status != 0)
    }

    @Test func onlyTheStagedContentDecides() throws {
        let repository = try Repository()
        try CLI.run(["hook", "install"], in: repository.url)
        // Bad in the index, fixed only in the working tree: still blocked.
        try repository.write("a.md", bad)
        try repository.git("add", "a.md")
        try repository.write("a.md", good)
        #expect(try repository.commit("uno").status != 0)
        // Good in the index, broken only in the working tree: goes through.
        try repository.git("add", "a.md")
        try repository.write("a.md", bad)
        #expect(try repository.commit("dos").status == 0)
        let staged = try CLI.run(["lint", "--staged"], in: repository.url)
        #expect(staged.status == 0, "nada preparado: \(staged.output)")
    }

    @Test func mediaMustBeInTheIndex() throws {
        let repository = try Repository()
        try repository.write("a.md", "---\nmedia: [img/foto.png]\n---\nTexto con foto.\n")
        try repository.write("img/foto.png", "png")
        try repository.git("add", "a.md")
        let missing = try CLI.run(["lint", "--staged", "--fail-level", "warning", "--format", "line"], in: repository.url)
        #expect(missing.status == 1)
        #expect(missing.stdout.contains("a.md:2:9: warning sin-multimedia"))
        try repository.git("add", "img/foto.png")
        #expect(try CLI.run(["lint", "--staged", "--fail-level", "warning"], in: repository.url).status == 0)
    }

    @Test func pathsAreRepositoryRelativeFromASubfolder() throws {
        let repository = try Repository()
        try repository.write("borradores/x/a.md", bad)
        try repository.git("add", ".")
        let result = try CLI.run(["lint", "--staged", "--format", "line"], in: repository.url.appendingPathComponent("borradores/x"))
        #expect(result.stdout.hasPrefix("borradores/x/a.md:4:"), "\(result.output)")
    }

    @Test func theHookGoesWhereCoreHooksPathSays() throws {
        let repository = try Repository()
        try repository.git("config", "core.hooksPath", ".githooks")
        #expect(try CLI.run(["hook", "install"], in: repository.url).status == 0)
        #expect(FileManager.default.isExecutableFile(atPath: repository.url.appendingPathComponent(".githooks/pre-commit").path))
        try repository.write("a.md", bad)
        try repository.git("add", "a.md")
        #expect(try repository.commit("uno").status != 0)
    }

    @Test func aForeignHookIsKeptChainedOnlyWithForceAndRestoredOnUninstall() throws {
        let repository = try Repository()
        let hook = repository.url.appendingPathComponent(".git/hooks/pre-commit")
        let foreign = "#!/bin/sh\necho corrio > \"$(git rev-parse --show-toplevel)/ajeno.txt\"\n"
        try foreign.write(to: hook, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook.path)

        let refused = try CLI.run(["hook", "install"], in: repository.url)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("no es de Criterio") && refused.stderr.contains("--force"))
        #expect(try String(contentsOf: hook, encoding: .utf8) == foreign)

        #expect(try CLI.run(["hook", "install", "--force"], in: repository.url).status == 0)
        try repository.write("a.md", good)
        try repository.git("add", "a.md")
        #expect(try repository.commit("uno").status == 0)
        #expect(FileManager.default.fileExists(atPath: repository.url.appendingPathComponent("ajeno.txt").path), "el hook anterior se ejecutó")

        #expect(try CLI.run(["hook", "uninstall"], in: repository.url).status == 0)
        #expect(try String(contentsOf: hook, encoding: .utf8) == foreign)
        let notOurs = try CLI.run(["hook", "uninstall"], in: repository.url)
        #expect(notOurs.status == 2 && notOurs.stderr.contains("no es de Criterio"))
        #expect(try String(contentsOf: hook, encoding: .utf8) == foreign)
    }

    @Test func outsideARepositoryTheErrorIsClear() throws {
        let scratch = try Scratch()
        let result = try CLI.run(["lint", "--staged"], in: scratch.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("no está dentro de un repositorio de git"))
    }
}
