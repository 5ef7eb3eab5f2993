import CriterioQueue
import Foundation
import Hummingbird
import Mustache

/// The Spanish pages: Mustache templates shipped with the module (`Templates/`), each rendered
/// into the common layout (navigation by role, the CSRF token of sign-out). Mustache escapes every
/// `{{value}}`; templates use the triple form only for the body the layout wraps, which is itself
/// a rendered template.
struct PageRenderer: Sendable {
    let library: MustacheLibrary
    let timeZone: TimeZone

    init(timeZone: TimeZone) throws {
        self.timeZone = timeZone
        guard let folder = Bundle.module.resourceURL?.appendingPathComponent("Templates") else {
            throw ServerError(.internalServerError, "faltan las plantillas del servidor")
        }
        var templates: [String: MustacheTemplate] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".mustache") {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            templates[String(name.dropLast(".mustache".count))] = try MustacheTemplate(string: text)
        }
        library = MustacheLibrary(templates: templates)
    }

    /// A whole page: `template` rendered with `data`, inside the layout.
    func page(
        _ template: String, title: String, data: [String: Any], identity: Identity?, status: HTTPResponse.Status = .ok
    ) -> Response {
        var data = Self.compact(data)
        if let token = identity?.csrfToken { data["csrf"] = token }
        let body = library.render(data, withTemplate: template) ?? ""
        var layout: [String: Any] = ["titulo": title, "cuerpo": body, "csrf": identity?.csrfToken ?? ""]
        if let identity {
            let user = identity.user
            layout["usuario"] = ["nombre": user.name, "rol": user.role.label]
            layout["revisa"] = user.role.reviews
            layout["supervisa"] = user.role == .supervisor
        }
        return Reply.html(library.render(layout, withTemplate: "layout") ?? "", status: status)
    }

    /// Mustache renders a section for any string, the empty one too: empty values are left out, so
    /// that `{{#motivo}}…{{/motivo}}` shows only when there is one.
    static func compact(_ data: [String: Any]) -> [String: Any] {
        var result: [String: Any] = [:]
        for (key, value) in data {
            switch value {
            case let text as String where text.isEmpty: continue
            case let nested as [String: Any]: result[key] = compact(nested)
            case let list as [[String: Any]]: result[key] = list.map(compact)
            default: result[key] = value
            }
        }
        return result
    }

    func errorPage(status: HTTPResponse.Status, message: String, identity: Identity?) -> Response {
        page("error", title: "Error \(status.code)", data: ["estado": status.code, "mensaje": message], identity: identity, status: status)
    }

    /// "25/11/2026 10:00" in the queue's zone.
    func local(_ date: Date) -> String {
        LocalTime.string(date, in: timeZone, withYear: true)
    }
}
