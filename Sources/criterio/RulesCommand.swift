import ArgumentParser
import CriterioCore
import CriterioFoundation
import CriterioRules
import Foundation

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Lista las reglas, o explica una con su criterio y sus ejemplos.")

    @Argument(help: ArgumentHelp("Identificador de la regla que se explica (por ejemplo, datos-personales).", valueName: "regla"))
    var id: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Formato de salida.", valueName: "formato"))
    var format: RulesFormat = .text

    func run() throws {
        let types: [any Rule.Type]
        if let id {
            guard let type = BuiltInRules.rule(id: id) else {
                let known = BuiltInRules.all.map { $0.description.id }.joined(separator: ", ")
                throw CommandFailure(message: "no existe la regla «\(id)»; las reglas son: \(known)")
            }
            types = [type]
        } else {
            types = BuiltInRules.all
        }
        let descriptions = types.map { $0.description }
        switch (format, id) {
        case (.json, _): Terminal.write(RulesJSON.render(descriptions))
        case (.text, nil): Terminal.write(RulesText.list(descriptions))
        case (.text, _): Terminal.write(RulesText.explain(descriptions[0]))
        }
    }
}

enum RulesFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

enum RulesText {
    static func list(_ rules: [RuleDescription]) -> String {
        let idWidth = rules.map(\.id.count).max() ?? 0
        let severityWidth = rules.map(\.defaultSeverity.label.count).max() ?? 0
        var output = ""
        for rule in rules {
            let criteria = rule.criteria.map(\.description).joined(separator: ", ")
            output += rule.id.padding(toLength: idWidth, withPad: " ", startingAt: 0) + "  "
            output += rule.defaultSeverity.label.padding(toLength: severityWidth, withPad: " ", startingAt: 0) + "  "
            output += "[\(criteria)] \(rule.summary)\n"
        }
        output += "\n`criterio rules ID` explica una regla con su criterio y sus ejemplos.\n"
        return output
    }

    static func explain(_ rule: RuleDescription) -> String {
        var output = "\(rule.id): \(rule.name)\n"
        output += "Severidad predeterminada: \(rule.defaultSeverity.label)\n\n"
        output += rule.summary + "\n\n" + rule.rationale + "\n"
        for criterion in rule.criteria {
            output += "\nCriterio \(criterion):\n  «\(criterion.text)»\n"
        }
        if !rule.options.isEmpty {
            output += "\nOpciones (en .criterio.yml):\n"
            for option in rule.options {
                output += "  \(option.name) (predeterminado: \(option.defaultValue)): \(option.summary)\n"
            }
        }
        if !rule.kinds.isEmpty {
            output += "\nTipos de hallazgo (para suprimir uno: \(rule.id)/TIPO):\n"
            let width = rule.kinds.map(\.id.count).max() ?? 0
            for kind in rule.kinds {
                output += "  \(kind.id.padding(toLength: width, withPad: " ", startingAt: 0))  \(kind.summary)\n"
            }
        }
        if !rule.wordlists.isEmpty {
            output += "\nListas de palabras (Wordlists/data/; .criterio.yml puede agregarles entradas en «wordlists»):\n"
            for list in rule.wordlists { output += "  \(list)\n" }
        }
        output += "\nEjemplos que la activan:\n"
        for example in rule.triggeringExamples { output += indent(example.text) }
        output += "\nEjemplos que no la activan:\n"
        for example in rule.nonTriggeringExamples { output += indent(example.text) }
        return output
    }

    private static func indent(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.enumerated().map { ($0.offset == 0 ? "  • " : "    ") + $0.element }.joined(separator: "\n") + "\n"
    }
}

enum RulesJSON {
    struct Item: Encodable {
        let id: String
        let name: String
        let criteria: [String]
        let severity: String
        let summary: String
        let options: [String: String]
        let kinds: [Kind]
        let wordlists: [String]
        let triggeringExamples: [String]
        let nonTriggeringExamples: [String]
    }

    struct Kind: Encodable {
        let id: String
        let summary: String
    }

    static func render(_ rules: [RuleDescription]) -> String {
        let items = rules.map { rule in
            Item(
                id: rule.id, name: rule.name, criteria: rule.criteria.map(\.description), severity: rule.defaultSeverity.rawValue,
                summary: rule.summary,
                options: Dictionary(uniqueKeysWithValues: rule.options.map { ($0.name, $0.defaultValue.description) }),
                kinds: rule.kinds.map { Kind(id: $0.id, summary: $0.summary) }, wordlists: rule.wordlists,
                triggeringExamples: rule.triggeringExamples.map(\.text), nonTriggeringExamples: rule.nonTriggeringExamples.map(\.text))
        }
        return JSONOutput.document(items, fallback: "")
    }
}
