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
    /// The published parts of a post the rule does not read. Front matter, comments and suppression
    /// lines are never read (they are not published); code spans and links are, unless skipped:
    /// a social network publishes them verbatim. By default a rule reads code and skips the text of
    /// links (which it still gets in `AnalyzedPost.links`).
    public let skips: TextParts

    public init(
        id: String, name: String, criteria: [Criterion], defaultSeverity: Severity, summary: String,
        rationale: String, options: [RuleOption] = [], kinds: [RuleKind] = [], wordlists: [String] = [],
        skips: TextParts = .links, triggeringExamples: [RuleExample], nonTriggeringExamples: [RuleExample]
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
        self.skips = skips
        self.triggeringExamples = triggeringExamples
        self.nonTriggeringExamples = nonTriggeringExamples
    }
}

/// Published parts of a post that are not plain prose, which a rule may choose not to read.
public struct TextParts: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Markdown code spans and fenced code blocks (closed ones: an unclosed fence is prose).
    public static let code = TextParts(rawValue: 1)
    /// Links (`https://…`, `www.…`, `ine.mx/…`).
    public static let links = TextParts(rawValue: 2)
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

    /// What a media path holds in this example, as the draft loader would say it (examples touch no
    /// disk): a listed file is audiovisual when its extension is of an image, video or audio, and
    /// lies outside the example's folder when its path leaves it (absolute, or `..`); a path not
    /// listed does not exist.
    public func inspection(of path: String) -> MediaInspection {
        guard existingFiles.contains(path) else { return MediaInspection(.missing) }
        let audiovisual = ["png", "jpg", "jpeg", "gif", "webp", "mp4", "mov", "webm", "mp3", "wav", "ogg"]
        let content: MediaInspection.Content =
            audiovisual.contains(MediaReference(value: path).fileExtension) ? .audiovisual("ejemplo") : .notAudiovisual
        let leaves = path.hasPrefix("/") || path.split(separator: "/").contains("..")
        return MediaInspection(content, outside: leaves ? "la carpeta del ejemplo" : nil)
    }

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

/// An option a rule accepts, with its default value (which also fixes its type) and, for a
/// number, the values it accepts.
public struct RuleOption: Sendable {
    /// The values a numeric option accepts, bounds included.
    public enum ValueRange: Sendable, Equatable {
        case integer(ClosedRange<Int>)
        case number(ClosedRange<Double>)
    }

    public let name: String
    public let summary: String
    public let defaultValue: OptionValue
    /// Set for every numeric option (the initialisers require it).
    public let range: ValueRange?

    /// A flag, a text or a list of texts. A number declares its range with the initialisers below.
    public init(_ name: String, default defaultValue: OptionValue, _ summary: String) {
        switch defaultValue {
        case .integer, .number:
            preconditionFailure("la opción numérica «\(name)» declara su rango: RuleOption(\"\(name)\", default: …, in: mínimo...máximo, …)")
        case .bool, .string, .strings:
            break
        }
        self.name = name
        self.summary = summary
        self.defaultValue = defaultValue
        self.range = nil
    }

    /// A whole number between the bounds of `range`.
    public init(_ name: String, default defaultValue: Int, in range: ClosedRange<Int>, _ summary: String) {
        precondition(range.contains(defaultValue), "el valor predeterminado de «\(name)» está fuera de su rango")
        self.name = name
        self.summary = summary
        self.defaultValue = .integer(defaultValue)
        self.range = .integer(range)
    }

    /// A number between the bounds of `range`.
    public init(_ name: String, default defaultValue: Double, in range: ClosedRange<Double>, _ summary: String) {
        precondition(range.contains(defaultValue), "el valor predeterminado de «\(name)» está fuera de su rango")
        self.name = name
        self.summary = summary
        self.defaultValue = .number(defaultValue)
        self.range = .number(range)
    }

    /// "de 0 a 500", for help, `criterio rules` and `criterio init`; nil for an option that is not a number.
    public var rangeDescription: String? {
        switch range {
        case .integer(let range): "de \(range.lowerBound) a \(range.upperBound)"
        case .number(let range): "de \(Self.format(range.lowerBound)) a \(Self.format(range.upperBound))"
        case nil: nil
        }
    }

    /// Why `value` is not acceptable ("debe estar entre 0 y 500; se dio -100"), or nil when it is.
    /// `value` already has the option's type.
    public func problem(with value: OptionValue) -> String? {
        switch (range, value) {
        case (.integer(let range), .integer(let number)) where !range.contains(number):
            return "debe estar entre \(range.lowerBound) y \(range.upperBound); se dio \(number)"
        case (.number(let range), .number(let number)) where !range.contains(number):
            return "debe estar entre \(Self.format(range.lowerBound)) y \(Self.format(range.upperBound)); se dio \(Self.format(number))"
        default:
            return nil
        }
    }

    private static func format(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
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
            let coerced = try Self.coerce(value, like: declaredValue, name: name)
            if let problem = declared.first(where: { $0.name == name })?.problem(with: coerced) {
                throw RuleConfigurationError("la opción «\(name)» \(problem)")
            }
            values[name] = coerced
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

/// What a rule is built from: its options, access to word lists and, for rules that check
/// spelling, to spelling dictionaries.
public struct RuleConfiguration: Sendable {
    public let options: RuleOptions
    public let wordlists: any WordlistSource
    /// Nil when the linter was built without dictionaries: a rule that needs one says so.
    public let spellers: (any SpellerSource)?

    public init(options: RuleOptions, wordlists: any WordlistSource, spellers: (any SpellerSource)? = nil) {
        self.options = options
        self.wordlists = wordlists
        self.spellers = spellers
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
