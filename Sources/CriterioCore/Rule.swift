/// A check of one criterion. Each rule is one file that says what it is (`description`) and
/// how it looks at a post (`check`). Rules never do I/O: what they need from disk (word lists)
/// comes through `RuleConfiguration` when they are built.
public protocol Rule: Sendable {
    static var description: RuleDescription { get }
    /// Builds the rule with its options and word lists. Throws a `RuleConfigurationError` in Spanish.
    init(configuration: RuleConfiguration) throws
    /// The findings in one post, at the rule's own severities.
    func check(_ post: AnalyzedPost) -> [Finding]
    /// The phrase lexicons the rule matches, so the `Linter` can look every word of a post up in all
    /// of them at once (`LexiconUnion`). None by default.
    var phraseLexicons: [PhraseLexicon] { get }
}

extension Rule {
    public var description: RuleDescription { Self.description }

    public var phraseLexicons: [PhraseLexicon] { [] }

    /// A finding of this rule, with its id, criterion and severity filled in unless given.
    public func finding(
        in post: AnalyzedPost, range: Range<Int>, message: String, kind: String? = nil,
        severity: Severity? = nil, criterion: Criterion? = nil, redactedExcerpt: String? = nil,
        fix: String? = nil
    ) -> Finding {
        Finding(
            ruleID: Self.description.id, kind: kind, severity: severity ?? Self.description.defaultSeverity,
            criterion: criterion ?? Self.description.criteria[0], message: message, range: range,
            excerpt: post.text.string(range), redactedExcerpt: redactedExcerpt, fix: fix)
    }
}

/// Everything a user or a test needs to know about a rule.
public struct RuleDescription: Sendable {
    /// Stable Spanish identifier used in configs and suppressions ("mayusculas").
    public let id: String
    /// Short Spanish title ("Texto en mayúsculas").
    public let name: String
    /// The numerals of criterion 6 it enforces; the first is the one findings cite by default.
    public let criteria: [Criterion]
    public let defaultSeverity: Severity
    /// One sentence: what the rule detects.
    public let summary: String
    /// Why, and how it decides, for `criterio rules ID`.
    public let rationale: String
    /// The options a configuration may set.
    public let options: [RuleOption]
    /// Every kind its findings may have (`datos-personales/curp`), which a suppression may name; a
    /// rule whose findings have no kind declares none.
    public let kinds: [RuleKind]
    /// The word lists it reads, by name under `Wordlists/data/` ("mayusculas/siglas"); a
    /// configuration may add entries to each.
    public let wordlists: [String]
    /// Drafts that must produce at least one finding of this rule (at the `↓` markers, if any).
    public let triggeringExamples: [RuleExample]
    /// Drafts that must produce none.
    public let nonTriggeringExamples: [RuleExample]

    public init(
        id: String, name: String, criteria: [Criterion], defaultSeverity: Severity, summary: String,
        rationale: String, options: [RuleOption] = [], kinds: [RuleKind] = [], wordlists: [String] = [],
        triggeringExamples: [RuleExample], nonTriggeringExamples: [RuleExample]
    ) {
        precondition(!criteria.isEmpty, "la regla \(id) debe citar al menos un criterio")
        precondition(Set(kinds.map(\.id)).count == kinds.count, "la regla \(id) declara un tipo dos veces")
        self.id = id
        self.name = name
        self.criteria = criteria
        self.defaultSeverity = defaultSeverity
        self.summary = summary
        self.rationale = rationale
        self.options = options
        self.kinds = kinds
        self.wordlists = wordlists
        self.triggeringExamples = triggeringExamples
        self.nonTriggeringExamples = nonTriggeringExamples
    }
}

/// One kind of finding a rule reports: the `kind` of its findings ("curp") and what it means.
public struct RuleKind: Sendable, Equatable {
    /// Stable Spanish identifier, written after the rule's in suppressions (`datos-personales/curp`).
    public let id: String
    /// Short Spanish description ("Clave Única de Registro de Población").
    public let summary: String

    public init(_ id: String, _ summary: String) {
        self.id = id
        self.summary = summary
    }
}

/// A draft used as a rule example, written as the file would be (front matter allowed).
/// `↓` marks where a finding must start; it is removed before linting.
public struct RuleExample: Sendable, CustomStringConvertible {
    public static let marker: Character = "↓"

    /// The draft as written, markers included.
    public let source: String
    /// Local media files that exist beside the draft (examples touch no disk).
    public let existingFiles: Set<String>
    /// When set, every finding of the rule must be of this kind.
    public let kind: String?
    /// When set, every finding of the rule must have this severity.
    public let severity: Severity?
    /// Rule options for this example, over the defaults.
    public let options: [String: OptionValue]
    /// For rules that offer a fix: the draft after applying every fix.
    public let fixed: String?
    /// The file extension the example is read as ("md", "txt" or "json").
    public let format: String

    public init(
        _ source: String, files: Set<String> = [], kind: String? = nil, severity: Severity? = nil,
        options: [String: OptionValue] = [:], fixed: String? = nil, format: String = "md"
    ) {
        self.source = source
        self.existingFiles = files
        self.kind = kind
        self.severity = severity
        self.options = options
        self.fixed = fixed
        self.format = format
    }

    /// The draft without markers.
    public var text: String { source.filter { $0 != Self.marker } }

    /// Byte offsets in `text` where the markers were.
    public var markerOffsets: [Int] {
        var offsets: [Int] = []
        var offset = 0
        for character in source {
            if character == Self.marker {
                offsets.append(offset)
            } else {
                offset += character.utf8.count
            }
        }
        return offsets
    }

    public var description: String { source }
}

/// A value a configuration gives to a rule option.
public enum OptionValue: Hashable, Sendable, CustomStringConvertible {
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case strings([String])

    public var description: String {
        switch self {
        case .bool(let value): value ? "true" : "false"
        case .integer(let value): String(value)
        case .number(let value): String(value)
        case .string(let value): value
        case .strings(let values): "[" + values.joined(separator: ", ") + "]"
        }
    }

    /// The type's name in Spanish, for error messages.
    public var typeName: String {
        switch self {
        case .bool: "booleano (true/false)"
        case .integer: "número entero"
        case .number: "número"
        case .string: "texto"
        case .strings: "lista de textos"
        }
    }
}

/// An option a rule accepts, with its default value (which also fixes its type).
public struct RuleOption: Sendable {
    public let name: String
    public let summary: String
    public let defaultValue: OptionValue

    public init(_ name: String, default defaultValue: OptionValue, _ summary: String) {
        self.name = name
        self.summary = summary
        self.defaultValue = defaultValue
    }
}

/// The options of one rule: defaults overridden by configuration.
public struct RuleOptions: Sendable {
    private let values: [String: OptionValue]

    public init(declared: [RuleOption], overrides: [String: OptionValue] = [:]) throws(RuleConfigurationError) {
        var values: [String: OptionValue] = [:]
        for option in declared { values[option.name] = option.defaultValue }
        for (name, value) in overrides {
            guard let declaredValue = values[name] else {
                let known = declared.map(\.name).sorted().joined(separator: ", ")
                throw RuleConfigurationError("opción desconocida «\(name)»" + (known.isEmpty ? "" : "; las opciones son: \(known)"))
            }
            values[name] = try Self.coerce(value, like: declaredValue, name: name)
        }
        self.values = values
    }

    private static func coerce(_ value: OptionValue, like model: OptionValue, name: String) throws(RuleConfigurationError) -> OptionValue {
        switch (model, value) {
        case (.bool, .bool), (.integer, .integer), (.number, .number), (.string, .string), (.strings, .strings):
            return value
        case (.number, .integer(let integer)):
            return .number(Double(integer))
        case (.strings, .string(let single)):
            return .strings([single])
        default:
            throw RuleConfigurationError("la opción «\(name)» espera un \(model.typeName), no «\(value)»")
        }
    }

    public func bool(_ name: String) -> Bool {
        if case .bool(let value) = values[name] { return value }
        preconditionFailure("opción booleana no declarada: \(name)")
    }

    public func integer(_ name: String) -> Int {
        if case .integer(let value) = values[name] { return value }
        preconditionFailure("opción entera no declarada: \(name)")
    }

    public func number(_ name: String) -> Double {
        if case .number(let value) = values[name] { return value }
        preconditionFailure("opción numérica no declarada: \(name)")
    }

    public func string(_ name: String) -> String {
        if case .string(let value) = values[name] { return value }
        preconditionFailure("opción de texto no declarada: \(name)")
    }

    public func strings(_ name: String) -> [String] {
        if case .strings(let value) = values[name] { return value }
        preconditionFailure("opción de lista no declarada: \(name)")
    }
}

/// What a rule is built from: its options and access to word lists.
public struct RuleConfiguration: Sendable {
    public let options: RuleOptions
    public let wordlists: any WordlistSource

    public init(options: RuleOptions, wordlists: any WordlistSource) {
        self.options = options
        self.wordlists = wordlists
    }
}

/// A configuration problem, in Spanish, with the file and line when known.
public struct RuleConfigurationError: Error, Sendable, CustomStringConvertible, Equatable {
    public var message: String
    public var file: String?
    public var line: Int?

    public init(_ message: String, file: String? = nil, line: Int? = nil) {
        self.message = message
        self.file = file
        self.line = line
    }

    public var description: String {
        switch (file, line) {
        case let (file?, line?): "\(file):\(line): \(message)"
        case let (file?, nil): "\(file): \(message)"
        default: message
        }
    }
}
