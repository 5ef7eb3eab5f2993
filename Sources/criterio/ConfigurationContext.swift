import CriterioConfig
import CriterioCore
import CriterioRules
import CriterioWordlists
import Foundation

/// The configuration a command runs with: `--config FILE`, or the `.criterio.yml` found from the
/// working directory upwards, or none.
struct ConfigurationContext {
    let configuration: Configuration

    static func load(explicit path: String?) throws(CommandFailure) -> ConfigurationContext {
        let loader = ConfigurationLoader(rules: BuiltInRules.all.map { $0.description }, wordlistExists: BundledWordlists.exists)
        let found = path ?? ConfigurationLoader.find(from: Self.workingDirectory)
        guard let found else { return ConfigurationContext(configuration: Configuration()) }
        do {
            return ConfigurationContext(configuration: try loader.load(found))
        } catch {
            throw CommandFailure(message: "configuración inválida: \(error)")
        }
    }

    /// The working directory, from `getcwd` (cheaper at start-up than `FileManager.default`).
    static var workingDirectory: String {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    func makeLinter() throws(CommandFailure) -> Linter {
        try LinterFactory.make(settings: configuration.rules, wordlists: configuration.wordlists)
    }
}
