import CriterioCore
import CriterioDrafts
import CriterioFoundation
import CriterioQueue
import Foundation
import Yams

/// Finds and reads `.criterio.yml`, validating every key and value against the rules it configures.
public struct ConfigurationLoader {
    public static let fileNames = [".criterio.yml", ".criterio.yaml"]
    static let topLevelKeys = ["extends", "fail_level", "max_warnings", "ignore", "rules", "wordlists", "queue"]

    /// The rules a configuration may name, with their options.
    public let rules: [RuleDescription]
    /// Whether a built-in word list of that name exists.
    public let wordlistExists: (String) -> Bool

    public init(rules: [RuleDescription], wordlistExists: @escaping (String) -> Bool) {
        self.rules = rules
        self.wordlistExists = wordlistExists
    }

    /// The configuration file in `directory` or the nearest folder above it, if any.
    public static func find(from directory: String) -> String? {
        var folder = URL(fileURLWithPath: directory).standardizedFileURL
        while true {
            for name in fileNames {
                let candidate = folder.appendingPathComponent(name).path
                if FileSystem.kind(of: candidate) == .file { return candidate }
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return nil }
            folder = parent
        }
    }

    /// Reads `path` and everything it extends.
    public func load(_ path: String) throws(ConfigurationError) -> Configuration {
        var configuration = try load(path, chain: [])
        configuration.directory = Self.folder(of: Self.absolute(path))
        return configuration
    }

    private func load(_ path: String, chain: [String]) throws(ConfigurationError) -> Configuration {
        let absolute = Self.absolute(path)
        if chain.contains(absolute) {
            throw ConfigurationError(file: path, message: "«extends» forma un ciclo: " + (chain + [absolute]).joined(separator: " → "))
        }
        let text = try Self.read(path)
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw Self.describe(error, file: path)
        } catch {
            throw ConfigurationError(file: path, message: "YAML ilegible")
        }
        guard let root else { return Configuration.empty(path) }
        guard let mapping = root.mapping else {
            throw ConfigurationError(file: path, line: root.mark?.line, message: "la configuración debe ser un mapa de «clave: valor»")
        }
        var result = Configuration()
        var own = Configuration.empty(path)
        let folder = Self.folder(of: absolute)
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            let line = keyNode.mark?.line
            switch key {
            case "extends":
                guard let relative = value.string, !relative.isEmpty else {
                    throw ConfigurationError(file: path, line: line, message: "«extends» espera la ruta de otro archivo de configuración")
                }
                let base = relative.hasPrefix("/") ? relative : folder + "/" + relative
                guard FileSystem.kind(of: base) == .file else {
                    throw ConfigurationError(file: path, line: line, message: "«extends»: no existe «\(relative)»")
                }
                result = try load(base, chain: chain + [absolute])
            case "fail_level":
                own.failLevel = try severity(value, key: key, file: path)
            case "max_warnings":
                guard let number = value.int, number >= 0 else {
                    throw ConfigurationError(file: path, line: value.mark?.line ?? line, message: "«max_warnings» espera un número entero (0 o más)")
                }
                own.maxWarnings = number
            case "ignore":
                own.ignore = try globs(value, folder: folder, file: path)
            case "rules":
                own.rules = try ruleSettings(value, file: path)
            case "wordlists":
                own.wordlists = try wordlistAdditions(value, folder: folder, file: path)
            case "queue":
                own.queue = try queueSettings(value, file: path)
            default:
                throw ConfigurationError(
                    file: path, line: line,
                    message: "clave desconocida «\(key)»\(Self.suggestion(for: key, among: Self.topLevelKeys)); las claves son: \(Self.topLevelKeys.joined(separator: ", "))")
            }
        }
        result.merge(own)
        return result
    }

    // MARK: - Sections

    private func ruleSettings(_ node: Node, file: String) throws(ConfigurationError) -> [String: RuleSettings] {
        guard let mapping = node.mapping else {
            throw ConfigurationError(file: file, line: node.mark?.line, message: "«rules» espera un mapa de reglas («mayusculas: …»)")
        }
        var settings: [String: RuleSettings] = [:]
        for (keyNode, value) in mapping {
            let id = keyNode.string ?? ""
            let line = keyNode.mark?.line
            guard let rule = rules.first(where: { $0.id == id }) else {
                throw ConfigurationError(
                    file: file, line: line,
                    message: "regla desconocida «\(id)»\(Self.suggestion(for: id, among: rules.map(\.id))); `criterio rules` las lista")
            }
            var setting = RuleSettings()
            if case .scalar = value {
                // Shorthand: `regla: false` turns it off, `regla: warning` sets its severity.
                if let enabled = value.bool {
                    setting.enabled = enabled
                } else {
                    setting.severity = try severity(value, key: id, file: file)
                }
                settings[id] = setting
                continue
            }
            guard let options = value.mapping else {
                throw ConfigurationError(file: file, line: value.mark?.line ?? line, message: "«\(id)» espera true/false, una severidad o un mapa de opciones")
            }
            for (optionNode, optionValue) in options {
                let name = optionNode.string ?? ""
                let optionLine = optionNode.mark?.line
                switch name {
                case "enabled":
                    guard let enabled = optionValue.bool else {
                        throw ConfigurationError(file: file, line: optionLine, message: "«enabled» de «\(id)» espera true o false")
                    }
                    setting.enabled = enabled
                case "severity":
                    setting.severity = try severity(optionValue, key: "severity", file: file)
                default:
                    guard let declared = rule.options.first(where: { $0.name == name }) else {
                        let known = (["enabled", "severity"] + rule.options.map(\.name)).joined(separator: ", ")
                        throw ConfigurationError(
                            file: file, line: optionLine,
                            message: "la regla «\(id)» no tiene la opción «\(name)»\(Self.suggestion(for: name, among: rule.options.map(\.name))); sus opciones son: \(known)")
                    }
                    setting.options[name] = try convert(optionValue, like: declared.defaultValue, name: name, rule: id, file: file)
                }
            }
            settings[id] = setting
        }
        return settings
    }

    private func convert(_ node: Node, like model: OptionValue, name: String, rule: String, file: String) throws(ConfigurationError) -> OptionValue {
        let failure = ConfigurationError(
            file: file, line: node.mark?.line, message: "la opción «\(name)» de «\(rule)» espera un \(model.typeName)")
        switch model {
        case .bool:
            guard case .scalar = node, let value = node.bool else { throw failure }
            return .bool(value)
        case .integer:
            guard case .scalar = node, let value = node.int else { throw failure }
            return .integer(value)
        case .number:
            guard case .scalar = node, let value = node.float else { throw failure }
            return .number(value)
        case .string:
            guard case .scalar = node, let value = node.string else { throw failure }
            return .string(value)
        case .strings:
            if case .scalar = node, let value = node.string { return .strings([value]) }
            guard let sequence = node.sequence else { throw failure }
            var values: [String] = []
            for item in sequence {
                guard case .scalar = item, let value = item.string else { throw failure }
                values.append(value)
            }
            return .strings(values)
        }
    }

    private func severity(_ node: Node, key: String, file: String) throws(ConfigurationError) -> Severity {
        guard let name = node.string, let severity = Severity(name: name) else {
            throw ConfigurationError(
                file: file, line: node.mark?.line, message: "«\(key)» espera una severidad: error, warning o consult")
        }
        return severity
    }

    private func globs(_ node: Node, folder: String, file: String) throws(ConfigurationError) -> [GlobPattern] {
        let items: [Node]
        if case .scalar = node { items = [node] } else if let sequence = node.sequence { items = Array(sequence) } else {
            throw ConfigurationError(file: file, line: node.mark?.line, message: "«ignore» espera una lista de patrones de rutas")
        }
        var patterns: [GlobPattern] = []
        for item in items {
            guard let pattern = item.string, !pattern.isEmpty else {
                throw ConfigurationError(file: file, line: item.mark?.line, message: "«ignore» espera patrones de rutas como \"archivo/**\"")
            }
            do {
                patterns.append(try GlobPattern(pattern.hasPrefix("/") ? pattern : folder + "/" + pattern))
            } catch {
                throw ConfigurationError(file: file, line: item.mark?.line, message: "patrón de rutas inválido «\(pattern)»")
            }
        }
        return patterns
    }

    private func wordlistAdditions(_ node: Node, folder: String, file: String) throws(ConfigurationError) -> [String: [Wordlist]] {
        guard let mapping = node.mapping else {
            throw ConfigurationError(file: file, line: node.mark?.line, message: "«wordlists» espera un mapa «lista: [archivos]»")
        }
        var additions: [String: [Wordlist]] = [:]
        for (keyNode, value) in mapping {
            let name = keyNode.string ?? ""
            guard wordlistExists(name) else {
                throw ConfigurationError(
                    file: file, line: keyNode.mark?.line,
                    message: "no existe la lista de palabras «\(name)»; las listas están en Wordlists/data/ (por ejemplo «mayusculas/siglas»)")
            }
            var files: [Node] = []
            var entries: [Node] = []
            if let sequence = value.sequence {
                files = Array(sequence)
            } else if let detail = value.mapping {
                for (detailKey, detailValue) in detail {
                    let items = detailValue.sequence.map(Array.init) ?? [detailValue]
                    switch detailKey.string {
                    case "files": files += items
                    case "entries": entries += items
                    default:
                        throw ConfigurationError(file: file, line: detailKey.mark?.line, message: "«\(name)» admite «files» y «entries»")
                    }
                }
            } else {
                throw ConfigurationError(file: file, line: value.mark?.line, message: "«\(name)» espera una lista de archivos, o «files» y «entries»")
            }
            for item in files {
                guard let relative = item.string else {
                    throw ConfigurationError(file: file, line: item.mark?.line, message: "«\(name)» espera rutas de archivos")
                }
                let listPath = relative.hasPrefix("/") ? relative : folder + "/" + relative
                guard let text = try Self.text(of: listPath, limit: 4 << 20, named: "lista «\(relative)»", file: file, line: item.mark?.line) else {
                    continue
                }
                additions[name, default: []].append(Wordlist(origin: relative, contents: text))
            }
            if !entries.isEmpty {
                let lines = entries.compactMap(\.string).joined(separator: "\n")
                additions[name, default: []].append(Wordlist(origin: "\(file) (wordlists.\(name).entries)", contents: lines))
            }
        }
        return additions
    }

    /// The `queue:` section, decoded by the queue's own `Decodable` rules; a problem is reported at
    /// the line of the key it concerns (`queue.lease_minutes: debe ser mayor que cero`).
    private func queueSettings(_ node: Node, file: String) throws(ConfigurationError) -> QueueConfiguration {
        if case .scalar(let scalar) = node, ["", "~", "null"].contains(scalar.string) { return QueueConfiguration() }
        guard node.mapping != nil else {
            throw ConfigurationError(file: file, line: node.mark?.line, message: "«queue» espera un mapa de opciones («clock: calendar», …)")
        }
        try Self.checkKeys(node, path: "", file: file)
        do {
            return try YAMLDecoder().decode(QueueConfiguration.self, from: node)
        } catch let error as DecodingError {
            let (codingPath, problem) = FoundationErrors.explain(error)
            let line = Self.line(of: codingPath.map(\.stringValue), in: node) ?? node.mark?.line
            throw ConfigurationError(file: file, line: line, message: "\(FoundationErrors.codingPath(codingPath, root: "queue")): \(problem)")
        } catch {
            throw ConfigurationError(file: file, line: node.mark?.line, message: "la sección «queue» no es válida")
        }
    }

    /// Every key of the `queue:` maps is one the queue knows (`QueueConfiguration.keys`).
    private static func checkKeys(_ node: Node, path: String, file: String) throws(ConfigurationError) {
        if let sequence = node.sequence {
            for item in sequence { try checkKeys(item, path: path + "[]", file: file) }
            return
        }
        guard let mapping = node.mapping, let known = QueueConfiguration.keys[path] else { return }
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            let section = "queue" + (path.isEmpty ? "" : "." + path.replacingOccurrences(of: "[]", with: "[…]"))
            guard known.contains(key) else {
                throw ConfigurationError(
                    file: file, line: keyNode.mark?.line,
                    message: "clave desconocida «\(key)» en «\(section)»\(suggestion(for: key, among: known)); las claves son: \(known.joined(separator: ", "))")
            }
            try checkKeys(value, path: path.isEmpty ? key : path + "." + key, file: file)
        }
    }

    /// The line of the deepest node on `path` (mapping keys and sequence indices) that exists.
    static func line(of path: [String], in root: Node) -> Int? {
        var node = root
        var line = root.mark?.line
        for component in path {
            if let mapping = node.mapping, let pair = mapping.first(where: { $0.key.string == component }) {
                line = pair.key.mark?.line ?? line
                node = pair.value
            } else if let sequence = node.sequence.map(Array.init), let index = Int(component.replacingOccurrences(of: "Index ", with: "")),
                sequence.indices.contains(index)
            {
                node = sequence[index]
                line = node.mark?.line ?? line
            } else {
                break
            }
        }
        return line
    }

    // MARK: - Helpers

    static func read(_ path: String) throws(ConfigurationError) -> String {
        try text(of: path, limit: 1 << 20, named: nil, file: path, line: nil) ?? ""
    }

    /// The UTF-8 text of `path`; problems are reported against `file:line` (the configuration that
    /// names it), prefixed with `named` when given.
    private static func text(of path: String, limit: Int, named: String?, file: String, line: Int?) throws(ConfigurationError) -> String? {
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.read(path, limit: limit)
        } catch {
            throw ConfigurationError(file: file, line: line, message: (named.map { "\($0): " } ?? "") + error.message)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ConfigurationError(file: file, line: line, message: (named ?? "el archivo") + " no es UTF-8 válido")
        }
        return text
    }

    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    static func folder(of path: String) -> String {
        URL(fileURLWithPath: path).deletingLastPathComponent().standardizedFileURL.path
    }

    static func describe(_ error: YamlError, file: String) -> ConfigurationError {
        let problem = YAMLMessages.describe(error)
        return ConfigurationError(file: file, line: problem.line, message: "YAML inválido: " + problem.message)
    }

    /// " (¿quisiste decir «x»?)" for a near miss, or "".
    static func suggestion(for word: String, among candidates: [String]) -> String {
        let best = candidates.map { ($0, editDistance(word, $0)) }.min { $0.1 < $1.1 }
        guard let best, best.1 <= max(2, word.count / 4) else { return "" }
        return " (¿quisiste decir «\(best.0)»?)"
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}

extension Configuration {
    static func empty(_ path: String) -> Configuration {
        var configuration = Configuration()
        configuration.files = [path]
        return configuration
    }
}
