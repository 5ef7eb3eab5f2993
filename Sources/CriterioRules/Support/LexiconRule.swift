import CriterioCore

/// What a rule made of a lexicon declares: its description and `LexiconDeclaration`. The rule
/// itself is `LexiconRule<Declaration>`, whose building and checking every lexicon rule shares
/// (`discurso-odio`, `cortesia`, `opinion-personal`, `deliberacion-interna`,
/// `informacion-reservada`).
public protocol LexiconRuleDeclaration: Sendable {
    /// The rule's description. Its kinds, word lists and options are the lexicon's
    /// (`lexicon.kinds`, `lexicon.wordlists`, `lexicon.options`).
    static var description: RuleDescription { get }
    static var lexicon: LexiconDeclaration { get }
}

/// The lexicon a rule matches and how its matches become findings.
public struct LexiconDeclaration: Sendable {
    /// The posts the rule looks at.
    public enum Scope: Sendable {
        case everyPost
        /// Drafts with `reply_to` (`respuesta_a`): answers to a person.
        case repliesOnly
    }

    /// A category of the lexicon file, which is the `kind` of its findings.
    public struct Category: Sendable {
        public let id: String
        /// How messages name it ("un insulto"); also the kind's description.
        public let label: String
        /// The criterion its findings cite; nil for the rule's first.
        public let criterion: Criterion?

        public init(_ id: String, _ label: String, criterion: Criterion? = nil) {
            self.id = id
            self.label = label
            self.criterion = criterion
        }
    }

    /// A finding's message, given its category's label.
    public struct Messages: Sendable {
        let alta: @Sendable (String) -> String
        let contexto: @Sendable (String) -> String

        /// One message for every finding.
        public init(_ message: @escaping @Sendable (_ label: String) -> String) {
            alta = message
            contexto = message
        }

        /// One message for findings of `alta` entries (at the rule's severity) and one for those of
        /// `contexto` entries (a consultation with CNCS).
        public init(
            alta: @escaping @Sendable (_ label: String) -> String, contexto: @escaping @Sendable (_ label: String) -> String
        ) {
            self.alta = alta
            self.contexto = contexto
        }
    }

    /// The lexicon file under `Wordlists/data/` ("cortesia/lexico"; format in `LexiconFile`).
    public let file: String
    /// A list of phrases in which nothing is reported, if the rule has one.
    public let allowList: String?
    public let scope: Scope
    public let categories: [Category]
    public let messages: Messages
    /// Entries added from other lists when an option asks for them.
    public let supplements: [LexiconSupplement]

    public init(
        file: String, allowList: String? = nil, scope: Scope = .everyPost, categories: [Category], messages: Messages,
        supplements: [LexiconSupplement] = []
    ) {
        self.file = file
        self.allowList = allowList
        self.scope = scope
        self.categories = categories
        self.messages = messages
        self.supplements = supplements
    }

    /// The kinds the rule reports: one per category.
    public var kinds: [RuleKind] { categories.map { RuleKind($0.id, $0.label) } }

    /// Every list the rule reads.
    public var wordlists: [String] { [file] + (allowList.map { [$0] } ?? []) + supplements.map(\.list) }

    /// The options that turn the supplements on.
    public var options: [RuleOption] { supplements.map(\.option) }
}

/// Entries a lexicon rule adds to its file's from another list, when a boolean option turns them on:
/// the place for lists that are not in the lexicon format (`discurso-odio`'s `voces_misoginas`,
/// read from the CentroGeo list as published).
public struct LexiconSupplement: Sendable {
    /// The option, off by default, that turns the supplement on.
    public let option: RuleOption
    /// The list it reads, under `Wordlists/data/`.
    public let list: String
    /// The entries for the list, given the lexicon's own entries and allowed phrases.
    let entries: @Sendable (_ lists: [Wordlist], _ own: [LexiconEntry], _ allowed: [PhrasePattern]) throws -> [LexiconEntry]

    public init(
        option: RuleOption, list: String,
        entries: @escaping @Sendable (_ lists: [Wordlist], _ own: [LexiconEntry], _ allowed: [PhrasePattern]) throws -> [LexiconEntry]
    ) {
        self.option = option
        self.list = list
        self.entries = entries
    }
}

/// A rule that reports the entries of its declared lexicon found in a post: each finding's kind is
/// the entry's category, its severity the rule's for `alta` entries and `consult` for `contexto`
/// ones, its message and criterion the declaration's.
public struct LexiconRule<Declaration: LexiconRuleDeclaration>: Rule {
    public static var description: RuleDescription { Declaration.description }

    private let lexicon: CategorizedLexicon
    private let repliesOnly: Bool
    private let categories: [String: LexiconDeclaration.Category]
    private let messages: LexiconDeclaration.Messages
    private let ruleSeverity: Severity

    public var phraseLexicons: [PhraseLexicon] { [lexicon.phraseLexicon] }

    public init(configuration: RuleConfiguration) throws {
        let declaration = Declaration.lexicon
        ruleSeverity = Declaration.description.defaultSeverity
        lexicon = try CategorizedLexicon(configuration: configuration, declaration: declaration, ruleDefault: ruleSeverity)
        repliesOnly = declaration.scope == .repliesOnly
        categories = Dictionary(declaration.categories.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        messages = declaration.messages
    }

    public func check(_ post: AnalyzedPost) -> [Finding] {
        if repliesOnly && !post.metadata.isReply { return [] }
        return lexicon.matches(in: post).map { match in
            let category = categories[match.entry.category]
            let label = category?.label ?? match.entry.category
            let message = match.entry.severity == ruleSeverity ? messages.alta(label) : messages.contexto(label)
            return finding(
                in: post, range: match.range, message: message, kind: match.entry.category, severity: match.entry.severity,
                criterion: category?.criterion)
        }
    }
}
