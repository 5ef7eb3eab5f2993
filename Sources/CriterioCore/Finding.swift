/// One problem a rule found in a draft.
public struct Finding: Hashable, Sendable {
    /// The rule's stable identifier ("datos-personales").
    public var ruleID: String
    /// What exactly was found, for rules that detect several things ("curp", "telefono").
    public var kind: String?
    public var severity: Severity
    /// The numeral of the criteria the finding cites.
    public var criterion: Criterion
    /// Spanish, for people. Never contains the personal data itself.
    public var message: String
    /// Byte range in `Draft.text`.
    public var range: Range<Int>
    /// The text found, as written.
    public var excerpt: String
    /// For personal data: the excerpt with most characters masked. Reports show this unless told not to.
    public var redactedExcerpt: String?
    /// The replacement text for `range` that would fix the finding, when the rule knows one.
    public var fix: String?
    /// How many more findings of the same rule and severity this post has after this one, which are
    /// folded into it and not listed (`Linter.listedPerRule`); they count in summaries and exit codes.
    public var omitted = 0

    public init(
        ruleID: String, kind: String? = nil, severity: Severity, criterion: Criterion, message: String,
        range: Range<Int>, excerpt: String, redactedExcerpt: String? = nil, fix: String? = nil
    ) {
        self.ruleID = ruleID
        self.kind = kind
        self.severity = severity
        self.criterion = criterion
        self.message = message
        self.range = range
        self.excerpt = excerpt
        self.redactedExcerpt = redactedExcerpt
        self.fix = fix
    }

    /// How many findings this one stands for: itself and the ones folded into it.
    public var weight: Int { 1 + omitted }

    /// Whether the excerpt is personal data that reports must mask by default.
    public var isPersonalData: Bool { redactedExcerpt != nil }

    /// The excerpt to show: masked when it is personal data, unless `redact` is false.
    public func shownExcerpt(redact: Bool) -> String {
        redact ? (redactedExcerpt ?? excerpt) : excerpt
    }
}
