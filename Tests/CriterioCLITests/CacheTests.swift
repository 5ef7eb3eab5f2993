import Foundation
import Testing

@Suite("Caché de léxicos compilados")
struct CacheTests {
    @Test func compiledLexiconsAreKeptAndADamagedOneChangesNothing() throws {
        let cache = try Scratch()
        let draft = "Samples/borradores/10-respuesta-ofensiva.md"
        let environment = ["CRITERIO_CACHE_DIR": cache.url.path]
        let first = try CLI.run(["lint", "--format", "line", draft], environment: environment)
        let files = try FileManager.default.contentsOfDirectory(atPath: cache.url.path).filter { $0.hasSuffix(".bin") }
        #expect(files.contains { $0.hasPrefix("discurso-odio-lexico-") }, "\(files)")
        #expect(first.stdout.contains("discurso-odio/deshumanizacion"))

        let second = try CLI.run(["lint", "--format", "line", draft], environment: environment)
        #expect(second.stdout == first.stdout)

        for name in files {
            try Data("basura".utf8).write(to: cache.url.appendingPathComponent(name))
        }
        let damaged = try CLI.run(["lint", "--format", "line", draft], environment: environment)
        #expect(damaged.stdout == first.stdout)
        #expect(damaged.status == first.status)

        let off = try CLI.run(["lint", "--format", "line", draft], environment: ["CRITERIO_NO_CACHE": "1"])
        #expect(off.stdout == first.stdout)
    }
}
