import CriterioCore
import CriterioScan
import Foundation
import Testing

@Suite("Informe HTML de una revisión")
struct ReportTests {
    static let hostile = #"<script>alert("x")</script> "><img src=x onerror=alert(1)> & 'comillas' https://malicioso.example/pixel.png"#

    static func report() throws -> String {
        let folder = try TemporaryFolder()
        let path = try ScanTests.archive(folder, [
            ScanTests.line("1", Self.hostile + " Su CURP es HEGG560427MVZRRL04", account: "<b>cuenta</b>"),
            ScanTests.line("2", ScanTests.reminder, account: "<b>cuenta</b>"),
            ScanTests.line("3", ScanTests.reminder + " " + Self.hostile, account: "<b>cuenta</b>"),
            ScanTests.line("4", ScanTests.clean, account: "INEMexico", date: "2023-11-02T10:00:00-06:00"),
        ], name: "<archivo>.jsonl")
        let (run, _) = try ScanTests.scan([path]) { $0.format = .text }
        return ScanHTMLReport.render(run.summary, rules: ScanTests.linter.rules.map { type(of: $0).description })
    }

    @Test("Todo lo que viene de una publicación se escapa")
    func escapes() throws {
        let html = try Self.report()
        #expect(!html.contains("<script"), "ningún script, ni del informe ni de una publicación")
        #expect(!html.contains("<img"))
        #expect(!html.contains("<b>cuenta</b>"))
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"))
        #expect(html.contains("@&lt;b&gt;cuenta&lt;/b&gt;"))
        #expect(html.contains("&lt;archivo&gt;.jsonl"))
        #expect(!html.contains("HEGG560427MVZRRL04") && html.contains("HEGG••••••MVZ•••0•"), "los datos personales se ocultan")
    }

    @Test("Un solo archivo que no pide nada de fuera: sin hojas de estilo, scripts, fuentes ni imágenes externas")
    func selfContained() throws {
        let html = try Self.report()
        // The tags (text from posts is escaped, so every `<` starts one) and the style sheet.
        let tags = html.split(separator: "<").dropFirst().map { "<" + ($0.split(separator: ">", maxSplits: 1).first ?? "") }
        let names = Set(tags.map { $0.dropFirst().prefix { $0.isLetter || $0 == "/" || $0 == "!" }.lowercased() })
        #expect(names.isDisjoint(with: ["link", "script", "iframe", "object", "embed", "img", "image", "use", "base", "meta http-equiv"]), "\(names)")
        for tag in tags {
            for attribute in ["src=", "href=", "srcset=", "xlink:", "url(", "http:", "https:"] {
                #expect(!tag.lowercased().contains(attribute), "la etiqueta «\(tag)» pide algo de fuera")
            }
        }
        let style = try #require(html.components(separatedBy: "<style>").last?.components(separatedBy: "</style>").first)
        for forbidden in ["@import", "url(", "@font-face"] { #expect(!style.contains(forbidden)) }
        #expect(html.contains("<svg"))
    }

    @Test("En español: totales, gráficas por regla y severidad, por cuenta y por mes, las más graves y los grupos")
    func sections() throws {
        let html = try Self.report()
        for section in [
            "lang=\"es-MX\"", "Revisión de publicaciones", "publicaciones revisadas", "Hallazgos por regla y severidad",
            "Hallazgos por cuenta", "Hallazgos por mes", "Publicaciones con hallazgos más graves", "Grupos de casi duplicados",
            "datos-personales", "2023-11", "2024-05", "<mark class=\"error\"",
        ] {
            #expect(html.contains(section), "falta «\(section)»")
        }
        #expect(html.components(separatedBy: "<svg").count - 1 == 3, "tres gráficas")
    }
}
