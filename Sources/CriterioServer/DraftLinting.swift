import CriterioCore
import CriterioDrafts
import CriterioRunner

/// A draft pasted in a page or sent to the API, linted as `criterio lint` lints a `.md` file of the
/// same text: front matter, comments and suppressions included; `network`, `reply_to` and `media`
/// given beside the text take precedence over its front matter. The server reads no file: media
/// are judged by their names.
struct DraftLinting: Sendable {
    let setup: LintSetup
    static let draftName = "borrador.md"

    func lint(text: String, network: String?, replyTo: String?, media: [String]?) throws -> FileReport {
        var draft: Draft
        do {
            draft = try DraftParser.parse(text, path: Self.draftName)
        } catch {
            throw ServerError(.unprocessableContent, error.description)
        }
        if let network = network?.trimmingSpaces, !network.isEmpty {
            guard let parsed = Network(name: network) else {
                let known = Network.allCases.map(\.rawValue).joined(separator: ", ")
                throw ServerError(.unprocessableContent, "red desconocida «\(network)»; las redes son: \(known)")
            }
            draft.metadata.network = parsed
        }
        if let replyTo = replyTo?.trimmingSpaces, !replyTo.isEmpty { draft.metadata.replyTo = replyTo }
        if let media {
            let listed = media.map(\.trimmingSpaces).filter { !$0.isEmpty }
            if !listed.isEmpty { draft.metadata.media = listed.map { MediaReference(value: $0) } }
        }
        return setup.runner().lint(draft)
    }
}
