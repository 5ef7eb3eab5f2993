import Foundation
import Testing

/// Personal data as users see it through the CLI: every kind found, masked in every format unless
/// `--no-redact`, and the institutional seed documents left alone.
@Suite("Datos personales en la línea de comandos")
struct PersonalDataCLITests {
    /// One identifier of each kind, in post sentences (generated values, not real people's).
    static let planted: [(kind: String, value: String, sentence: String)] = [
        ("curp", "HEGG560427MVZRRL04", "Su CURP es HEGG560427MVZRRL04."),
        ("rfc", "GODE561231GR8", "Factura con RFC GODE561231GR8."),
        ("clabe", "012180026050783858", "Deposita a la CLABE 012180026050783858."),
        ("nss", "92919084431", "Su NSS es 92919084431."),
        ("tarjeta", "4111 1111 1111 1111", "Tarjeta 4111 1111 1111 1111."),
        ("clave-elector", "HRGRJN82050602H900", "Clave de elector HRGRJN82050602H900."),
        ("ocr-cic", "3136127785553", "El OCR de la credencial es 3136127785553."),
        ("pasaporte", "G15997557", "Pasaporte G15997557."),
        ("telefono", "55 1234 5678", "Mi celular es 55 1234 5678."),
        ("correo", "maria.lopez85@gmail.com", "Escríbele a maria.lopez85@gmail.com."),
        ("domicilio", "Calle Morelos 45, Col. Centro, C.P. 06000", "Vive en Calle Morelos 45, Col. Centro, C.P. 06000."),
        ("fecha-nacimiento", "27 de abril de 1956", "Nació el 27 de abril de 1956."),
    ]

    static func draft() throws -> (Scratch, String) {
        let scratch = try Scratch()
        let file = try scratch.write("datos.txt", planted.map(\.sentence).joined(separator: "\n"))
        return (scratch, file.path)
    }

    @Test func everyKindIsFoundWithItsName() throws {
        let (scratch, path) = try Self.draft()
        defer { withExtendedLifetime(scratch) {} }
        let result = try CLI.run(["lint", "--format", "json", path])
        #expect(result.status == 1)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let files = json?["files"] as? [[String: Any]] ?? []
        let findings = (files.first?["findings"] as? [[String: Any]] ?? []).filter { $0["rule"] as? String == "datos-personales" }
        let lines = Dictionary(grouping: findings, by: { $0["line"] as? Int ?? 0 })
        for (index, item) in Self.planted.enumerated() {
            let kinds = (lines[index + 1] ?? []).compactMap { $0["kind"] as? String }
            #expect(kinds == [item.kind], "línea \(index + 1): \(item.sentence) → \(kinds)")
        }
    }

    @Test(arguments: ["json", "line", "text"])
    func everyKindIsMaskedUnlessNoRedact(format: String) throws {
        let (scratch, path) = try Self.draft()
        defer { withExtendedLifetime(scratch) {} }
        let masked = try CLI.run(["lint", "--format", format, path])
        let shown = try CLI.run(["lint", "--format", format, "--no-redact", path])
        for item in Self.planted {
            #expect(!masked.output.contains(item.value), "\(format) muestra \(item.kind): \(item.value)")
        }
        if format != "line" {  // the line format shows no excerpt at all
            #expect(masked.output.contains("•"))
            for item in Self.planted {
                #expect(shown.output.contains(item.value), "\(format) --no-redact oculta \(item.kind)")
            }
        }
    }

    /// The INE's own published documents (its criteria and review procedure), kept in the repository.
    static let seeds = CLI.root.appendingPathComponent("Tests/Fixtures/seeds")

    @Test func theInstitutionalSeedsHaveNoPersonalDataError() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.seeds.path).filter { $0.hasSuffix(".txt") }.sorted()
        #expect(files.count == 5)
        let result = try CLI.run(["lint", "--format", "line", "--no-redact"] + files.map { Self.seeds.appendingPathComponent($0).path })
        #expect(result.status != 2, "every seed is read: \(result.stderr)")
        let personal = result.stdout.split(separator: "\n").filter { $0.contains("error datos-personales") }
        #expect(personal.isEmpty, "\(personal)")
    }
}
