import CriterioFoundation
import CriterioQueue
import Foundation
import Testing

/// The server writes lists of consultations without Foundation's encoder (`QueueJSON.items`); the
/// command line's `--format json` and every other answer use `Encodable`. Both must say the same.
@Suite("JSON de las consultas")
struct QueueJSONTests {
    @Test func theFastListSaysExactlyWhatTheEncoderSays() async throws {
        let fixture = try await Fixture(.sqliteMemory)
        var items: [Consultation] = []
        for state in ConsultationState.allCases { items.append(try await fixture.consultation(in: state)) }
        // Text that needs escaping, and an item whose clock ran out while claimed.
        let tricky = try await fixture.service.submit(
            fixture.submission("«Comillas» \"dobles\", barra \\ y /ruta/\n", question: "¿Línea\nnueva,\ttabulador, \u{8}, \u{c} y \u{1}?"), by: "ana",
            at: Fixture.start
        ).consultation
        _ = try await fixture.service.perform(.claim, on: tricky.id, by: "rosa", expectedVersion: nil, at: Fixture.start)
        items.append(try await fixture.item(tricky.id))

        for now in [Fixture.start, fixture.hours(100)] {
            let fast = QueueJSON.items(items, now: now)
            let encoded = Array(JSONOutput.data(items.map { QueueJSON.item($0, now: now) }, .compact))
            #expect(String(decoding: fast, as: UTF8.self) == String(decoding: encoded, as: UTF8.self))
            let parsed = try #require(try JSONSerialization.jsonObject(with: Data(fast)) as? [[String: Any]])
            #expect(parsed.count == items.count)
        }
        #expect(QueueJSON.items([], now: Fixture.start) == Array("[]".utf8))
    }
}
