import CriterioRegex

/// How a configuration sets up one rule.
public struct RuleSettings: Sendable, Equatable {
    public var enabled: Bool
    /// Replaces the severity of every finding of the rule.
    public var severity: Severity?
    public var options: [String: OptionValue]

    public init(enabled: Bool = true, severity: Severity? = nil, options: [String: OptionValue] = [:]) {
        self.enabled = enabled
        self.severity = severity
        self.options = options
    }
}

/// Runs a set of configured rules over drafts. Build it once and share it between threads.
public struct Linter: Sendable {
    public let rules: [any Rule]
    /// The configured severity of each rule's findings, by the rule's index (nil: the rule's own).
    private let overrideByRule: [Severity?]
    /// The same, by rule id, for the rules that have one: asked once per finding found across posts,
    /// where walking the rules copied each one's whole description.
    private let overrideByID: [String: Severity]
    /// The published parts each rule does not read, by the rule's index.
    private let skipsByRule: [TextParts]
    /// Every rule a suppression may name (also the ones turned off) with the kinds it reports, and
    /// the rules that run.
    private let knownRules: [String: Set<String>]
    private let enabledRules: Set<String>
    /// The start words of every rule's phrase lexicons, looked up once per word of a post: the
    /// first pass of every lexicon.
    private let lexiconUnion: LexiconUnion?

    /// - Parameter knownRules: every rule a suppression may name; by default, `rules`.
    public init(rules: [any Rule], severityOverrides: [String: Severity] = [:], knownRules: [RuleDescription]? = nil) {
        self.rules = rules
        self.overrideByRule = rules.map { severityOverrides[type(of: $0).description.id] }
        self.skipsByRule = rules.map { type(of: $0).description.skips }
        let enabledRules = Set(rules.map { type(of: $0).description.id })
        self.enabledRules = enabledRules
        self.overrideByID = severityOverrides.filter { enabledRules.contains($0.key) }
        let known = knownRules ?? rules.map { type(of: $0).description }
        self.knownRules = Dictionary(known.map { ($0.id, Set($0.kinds.map(\.id))) }, uniquingKeysWith: { first, _ in first })
        let lexicons = rules.flatMap(\.phraseLexicons)
        lexiconUnion = lexicons.isEmpty ? nil : LexiconUnion(lexicons)
    }

    /// Builds every enabled rule of `ruleTypes` with its settings (defaults where none are given),
    /// word lists and spelling dictionaries. Throws the first configuration problem, naming the rule.
    public init(
        ruleTypes: [any Rule.Type], settings: [String: RuleSettings] = [:], wordlists: any WordlistSource,
        spellers: (any SpellerSource)? = nil
    ) throws {
        let known = Set(ruleTypes.map { $0.description.id })
        if let unknown = settings.keys.sorted().first(where: { !known.contains($0) }) {
            throw RuleConfigurationError("regla desconocida «\(unknown)»; `criterio rules` las lista")
        }
        var rules: [any Rule] = []
        var overrides: [String: Severity] = [:]
        for type in ruleTypes {
            let id = type.description.id
            let setting = settings[id] ?? RuleSettings()
            guard setting.enabled else { continue }
            do {
                let options = try RuleOptions(declared: type.description.options, overrides: setting.options)
                rules.append(try type.init(configuration: RuleConfiguration(options: options, wordlists: wordlists, spellers: spellers)))
            } catch var error as RuleConfigurationError {
                if error.file == nil { error.message = "regla «\(id)»: " + error.message }
                throw error
            }
            if let severity = setting.severity { overrides[id] = severity }
        }
        self.init(rules: rules, severityOverrides: overrides, knownRules: ruleTypes.map { $0.description })
    }

    /// The severity the configuration gives the rule `id`, when it replaces the rule's own.
    public func severityOverride(forRule id: String) -> Severity? {
        overrideByID[id]
    }

    /// The findings of every rule, in the order they appear in the draft.
    public func lint(_ draft: Draft) -> [Finding] {
        lint(AnalyzedPost(draft))
    }

    /// `extra` are findings about the post found elsewhere (across posts, by `CriterioCrossPost`):
    /// they take the configured severity and the draft's suppressions like the rest.
    public func lint(_ post: AnalyzedPost, adding extra: [Finding] = []) -> [Finding] {
        finish(ownFindings(post), of: post.draft, adding: extra)
    }

    /// The findings of the rules on `post` before the draft's suppressions and folding: what
    /// `finish(_:of:adding:)` completes once the findings across posts are known, so that a run over
    /// many drafts need not keep every analysed post until then.
    public func ownFindings(_ post: AnalyzedPost) -> [Finding] {
        var findings: [Finding] = []
        // Indexing in place calls each rule without copying its existential box.
        for index in rules.indices {
            let view = post.view(skipping: skipsByRule[index])
            if let lexiconUnion { view.mark(lexiconUnion) }
            let found = rules[index].check(view)
            if found.isEmpty { continue }
            if let severity = overrideByRule[index] {
                findings.append(contentsOf: found.map { var finding = $0; finding.severity = severity; return finding })
            } else {
                findings.append(contentsOf: found)
            }
        }
        return findings
    }

    /// `own` (from `ownFindings`) and `extra` (found across posts, which take the configured severity)
    /// in the order they appear in `draft`, with its suppressions applied and long runs folded.
    public func finish(_ own: [Finding], of draft: Draft, adding extra: [Finding] = []) -> [Finding] {
        var findings: [Finding] = extra.map { finding in
            guard let severity = severityOverride(forRule: finding.ruleID) else { return finding }
            var changed = finding
            changed.severity = severity
            return changed
        }
        findings.append(contentsOf: own)
        findings.sort { ($0.range.lowerBound, $0.ruleID, $0.range.upperBound) < ($1.range.lowerBound, $1.ruleID, $1.range.upperBound) }
        if !draft.suppressions.isEmpty {
            findings = Suppressions.apply(findings, in: draft, knownRules: knownRules, enabledRules: enabledRules)
        }
        return Self.fold(findings)
    }

    /// How many findings of one rule and severity a post lists; the rest are folded into the last
    /// one listed (`Finding.omitted`), so that no post, however repetitive, lists thousands.
    public static let listedPerRule = 20

    /// The first `listedPerRule` findings of each rule and severity, in order; the last one listed
    /// counts the others.
    static func fold(_ findings: [Finding]) -> [Finding] {
        guard findings.count > listedPerRule else { return findings }
        struct Key: Hashable {
            let rule: String
            let severity: Severity
        }
        var listed: [Key: Int] = [:]
        var last: [Key: Int] = [:]
        var kept: [Finding] = []
        for finding in findings {
            let key = Key(rule: finding.ruleID, severity: finding.severity)
            let count = listed[key, default: 0]
            if count < listedPerRule {
                listed[key] = count + 1
                last[key] = kept.count
                kept.append(finding)
            } else {
                kept[last[key]!].omitted += finding.weight
            }
        }
        return kept
    }
}
