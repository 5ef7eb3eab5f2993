import CriterioCore
import CriterioDrafts
import Foundation
import Testing

@Suite("Lectura de borradores")
struct DraftParsingTests {
    @Test("Una ruta absoluta se escribe como la escribe URL.standardizedFileURL (las bases y los ignore: dependen de ella)")
    func absolutePathsAreWrittenAsFoundationWritesThem() {
        let paths = [
            "a.md", "./a.md", "b/../a.md", "b/./c//a.md", "../a.md", "../../../../../../a.md", "b/", ".", "..",
            "/a.md", "/b/../a.md", "//b///c/./a.md", "/..", "/", "/b/c/..", "niñas/acción.md", "b/.oculto/a.md", "b/...", "b/.../a.md", "/a/b.", "/a/.b/..c", "/a/b/.",
        ]
        for path in paths {
            #expect(DraftLoader.absolute(path) == URL(fileURLWithPath: path).standardizedFileURL.path, "\(path)")
        }
    }

    @Test func readsFrontMatterKeysAndTheirSpanishAliases() throws {
        let draft = try DraftParser.parse(
            "---\nred: Twitter\ncuenta: \"@INEMexico\"\nmultimedia:\n  - foto.png\n  - https://ine.mx/v.mp4\nrespuesta_a: \"123\"\nautor: Ana\ntitle: ignorado\n---\nTexto\n",
            path: "a.md") { $0 == "foto.png" ? MediaInspection(.audiovisual("imagen PNG")) : nil }
        #expect(draft.metadata.network == .x)
        #expect(draft.metadata.account == "@INEMexico")
        #expect(draft.metadata.media.map(\.value) == ["foto.png", "https://ine.mx/v.mp4"])
        #expect(draft.metadata.media.map(\.inspection) == [MediaInspection(.audiovisual("imagen PNG")), nil])
        #expect(draft.metadata.isReply)
        #expect(draft.metadata.author == "Ana")
        // The media entry points at where it is written.
        let range = try #require(draft.metadata.media[0].range)
        #expect(draft.text.string(range) == "foto.png")
        #expect(draft.position(of: range.lowerBound) == SourcePosition(line: 5, column: 5))
    }

    @Test func frontMatterErrorsNameTheLine() {
        #expect(throws: DraftInputError(path: "a.md", line: 3, column: 1, message: "front matter: «media» repite «multimedia»: usa solo uno de los dos")) {
            try DraftParser.parse("---\nmultimedia: a.png\nmedia: b.png\n---\nx", path: "a.md")
        }
        do {
            _ = try DraftParser.parse("---\nnetwork: x\n---x\nsin cierre", path: "a.md")
            Issue.record("debió fallar")
        } catch {
            #expect(error.message.contains("no tiene una línea «---» que lo cierre"))
        }
        do {
            _ = try DraftParser.parse("---\nnetwork: [x\n---\n", path: "a.md")
            Issue.record("debió fallar")
        } catch {
            #expect(error.line == 3)
        }
    }

    @Test func frontMatterAndCommentsAreNeverProseAndCodeOnlyForRulesThatReadIt() throws {
        let text = "---\nnetwork: x\n---\nUsa `CURP` y\n```\nHEGG560427MVZRRL04\n```\n<!-- nota interna -->fin"
        let draft = try DraftParser.parse(text, path: "a.md")
        let post = AnalyzedPost(draft)
        let published = String(decoding: post.prose, as: UTF8.self)
        #expect(!published.contains("network") && !published.contains("nota"))
        #expect(published.contains("CURP") && published.contains("HEGG560427MVZRRL04") && published.contains("Usa") && published.contains("fin"))
        let prose = String(decoding: post.view(skipping: .code).prose, as: UTF8.self)
        #expect(!prose.contains("CURP") && !prose.contains("HEGG") && prose.contains("Usa") && prose.contains("fin"))
        #expect(prose.utf8.count == text.utf8.count)
    }

    @Test func anUnclosedCommentFenceOrCodeSpanIsProse() throws {
        for text in ["<!-- sin cierre\nMi CURP", "```\nMi CURP\n", "Usa `Mi CURP\n\notro párrafo`", "~~~~\nMi CURP\n~~~\n"] {
            let draft = try DraftParser.parse(text, path: "a.md")
            #expect(draft.regions.isEmpty, "\(text.debugDescription): \(draft.regions)")
            #expect(String(decoding: AnalyzedPost(draft).view(skipping: [.code, .links]).prose, as: UTF8.self).contains("Mi CURP"))
        }
        // Closed ones are what they are.
        let closed = try DraftParser.parse("<!-- x -->\n```\ncódigo\n```\nUsa `esto`.", path: "a.md")
        #expect(closed.regions.map(\.kind) == [.comment, .code, .code])
    }

    @Test func jsonDraftPositionsPointIntoTheFileThroughEscapes() throws {
        let file = "{\n  \"network\": \"x\",\n  \"text\": \"L\\u00ednea \\\"uno\\\"\\nCURP HEGG560427MVZRRL04\"\n}"
        let draft = try DraftParser.parse(file, path: "a.json", format: .json)
        #expect(draft.text.string(0..<draft.text.bytes.count) == "Línea \"uno\"\nCURP HEGG560427MVZRRL04")
        let curp = Array("Línea \"uno\"\nCURP ".utf8).count
        // In the file, the CURP is on line 3 after `  "text": "L\u00ednea \"uno\"\nCURP `.
        #expect(draft.position(of: curp) == SourcePosition(line: 3, column: 37))
    }

    @Test func jsonDraftsNeedTextAndValidTypes() {
        #expect(throws: DraftInputError.self) { try DraftParser.parse("{\"network\": \"x\"}", path: "a.json", format: .json) }
        #expect(throws: DraftInputError.self) { try DraftParser.parse("{\"text\": 5}", path: "a.json", format: .json) }
        #expect(throws: DraftInputError.self) { try DraftParser.parse("[\"text\"]", path: "a.json", format: .json) }
    }

    @Test func aByteOrderMarkIsNotProse() throws {
        let draft = try DraftParser.parse([0xEF, 0xBB, 0xBF] + Array("---\nred: x\n---\nHola".utf8), path: "a.md", format: .markdown)
        #expect(draft.metadata.network == .x)
    }

    @Test func globsMatchLikeShells() throws {
        let glob = try GlobPattern("borradores/**/*.{md,txt}")
        #expect(glob.matches("borradores/a.md"))
        #expect(glob.matches("./borradores/x/y/b.txt"))
        #expect(!glob.matches("borradores/a.json"))
        #expect(!glob.matches("otros/a.md"))
        #expect(glob.baseDirectory == "borradores")
        #expect(!(try GlobPattern("*.md")).matches("dir/a.md"))
        #expect(try GlobPattern("archivo-[0-9].md").matches("archivo-7.md"))
    }
}
