import CriterioCore
import CriterioDrafts
import CriterioQueue

/// What a `.criterio.yml` (and the files it extends) says, validated.
///
///     extends: ../base.criterio.yml        # another configuration, read first
///     fail_level: error                    # error | warning | consult
///     max_warnings: 20
///     ignore: ["archivo/**", "**/*.borrador.md"]
///     rules:
///       mayusculas: false                  # off
///       spam: error                        # only the severity
///       datos-personales:                  # severity, enabled and the rule's options
///         severity: error
///         omitir: [correo]
///     wordlists:                           # added to the built-in lists of the same name
///       mayusculas/siglas: [siglas-del-area.txt]
///       datos-personales/telefonos-institucionales:
///         entries: ["33 3615 0000"]
///     queue: …                             # the consultation queue (`QueueConfiguration`)
public struct Configuration: Sendable {
    /// The files read, the extended ones first.
    public var files: [String] = []
    public var rules: [String: RuleSettings] = [:]
    /// Paths to leave out, as absolute patterns.
    public var ignore: [GlobPattern] = []
    /// Extra entries for built-in word lists, by list name.
    public var wordlists: [String: [Wordlist]] = [:]
    public var failLevel: Severity?
    public var maxWarnings: Int?
    /// The `queue:` section, validated; nil when no file has one (the queue's defaults apply).
    public var queue: QueueConfiguration?
    /// The folder of the configuration that was named or found (its `ignore` patterns are relative to it).
    public var directory: String?

    public init() {}

    /// Whether an absolute path matches an `ignore` pattern.
    public func isIgnored(absolutePath path: String) -> Bool {
        ignore.contains { $0.matches(path) }
    }

    /// Overlays `other` (read later, so it wins) on this configuration.
    mutating func merge(_ other: Configuration) {
        files += other.files
        for (id, settings) in other.rules {
            guard var merged = rules[id] else {
                rules[id] = settings
                continue
            }
            merged.enabled = settings.enabled
            if let severity = settings.severity { merged.severity = severity }
            merged.options.merge(settings.options) { $1 }
            rules[id] = merged
        }
        ignore += other.ignore
        wordlists.merge(other.wordlists) { $0 + $1 }
        failLevel = other.failLevel ?? failLevel
        maxWarnings = other.maxWarnings ?? maxWarnings
        queue = other.queue ?? queue
        directory = other.directory ?? directory
    }
}
