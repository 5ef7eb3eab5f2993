import CriterioQueue
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import CriterioServer

/// The CNCS queue page and an item's page as a reviewer reads them.
@Suite struct QueuePageTests {
    func submit(_ fixture: ServerFixture, _ text: String, hoursAgo: Double, by name: String = "ana") async throws -> Consultation {
        let file = try DraftLinting(setup: ServerFixture.lint).lint(text: text, network: nil, replyTo: nil, media: nil)
        return try await fixture.service.submit(
            Submission(file, question: "Pregunta de \(text.prefix(12))", area: name == "ana" ? nil : ServerFixture.area), by: name,
            at: ServerFixture.now.addingTimeInterval(-hoursAgo * 3600)
        ).consultation
    }

    @Test func overdueFirstThenByDeadlineColouredByUrgencyAndFiltered() async throws {
        let fixture = try await ServerFixture()
        let fresh = try await submit(fixture, "Texto fresco uno.", hoursAgo: 0)
        let middle = try await submit(fixture, "Texto de en medio dos.", hoursAgo: 30)
        let urgent = try await submit(fixture, "Texto urgente tres.", hoursAgo: 45)
        let overdue = try await submit(fixture, "Texto vencido cuatro.", hoursAgo: 50)
        let paused = try await submit(fixture, "Texto en pausa cinco.", hoursAgo: 10, by: "sara")
        _ = try await fixture.perform(.claim, paused.id, by: "rita")
        _ = try await fixture.perform(.requestChanges, paused.id, by: "rita", comment: "Quita la opinión.")
        _ = try await fixture.perform(.claim, middle.id, by: "rita")
        try await fixture.test { client in
            let browser = Browser(client)
            _ = try await browser.signIn("sara")
            let page = try await browser.get("/cola")
            let text = page.text
            let order = [overdue, urgent, middle, fresh].map { text.range(of: "href=\"/consultas/\($0.id)\"")?.lowerBound }
            #expect(order.allSatisfy { $0 != nil })
            #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted(), "vencidas primero y luego por plazo")
            for urgency in ["vencida", "urgente", "media", "holgada", "detenida"] {
                #expect(text.contains("urgencia-\(urgency)"), "falta la urgencia \(urgency)")
            }
            #expect(text.contains("reloj detenido mientras se hacen los cambios"))
            #expect(text.contains("Enviadas por sara"))
            #expect(text.contains("rita hasta"))
            let claimed = try await browser.get("/cola?reclamante=rita")
            #expect(claimed.text.contains("href=\"/consultas/\(middle.id)\""))
            #expect(!claimed.text.contains("href=\"/consultas/\(fresh.id)\""))
            let pausedOnly = try await browser.get("/cola?estado=changes_requested")
            #expect(pausedOnly.text.contains("href=\"/consultas/\(paused.id)\""))
            #expect(!pausedOnly.text.contains("href=\"/consultas/\(fresh.id)\""))
            let otherArea = try await browser.get("/cola?area=otra")
            #expect(otherArea.text.contains("No hay consultas con estos filtros."))
        }
    }

    @Test func anItemShowsTheDifferenceBetweenRevisions() async throws {
        let fixture = try await ServerFixture()
        let first = try await fixture.submit("Primera línea igual.\nEn mi opinión esto está muy bien.")
        _ = try await fixture.perform(.claim, first.id, by: "rita")
        _ = try await fixture.perform(.requestChanges, first.id, by: "rita", comment: "Sin opiniones.")
        let file = try DraftLinting(setup: ServerFixture.lint).lint(
            text: "Primera línea igual.\nEl Instituto informa los horarios.", network: nil, replyTo: nil, media: nil)
        _ = try await fixture.service.submit(Submission(file, question: "¿Así?", area: nil), by: "ana", resubmitting: first.id, at: ServerFixture.now)
        try await fixture.test { client in
            let browser = Browser(client)
            _ = try await browser.signIn("rita")
            let page = try await browser.get("/consultas/\(first.id)")
            #expect(page.text.contains("Cambios de la revisión 1 a la 2"))
            #expect(page.text.contains("<span class=\"quitada\">− En mi opinión esto está muy bien.</span>"))
            #expect(page.text.contains("<span class=\"agregada\">+ El Instituto informa los horarios.</span>"))
            #expect(page.text.contains("<span class=\"igual\">  Primera línea igual.</span>"))
            #expect(page.text.contains("pidió cambios a"))
        }
    }
}
