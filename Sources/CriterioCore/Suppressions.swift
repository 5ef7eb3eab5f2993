/// An inline suppression written in a draft (SPEC §5), inside a Markdown comment or on a line of
/// its own:
///
///     <!-- criterio-disable-next-line mayusculas -- siglas de un programa -->
///     criterio-disable datos-personales/telefono -- número de atención publicado por la junta
///     criterio-enable datos-personales/telefono
///
/// A rule may be narrowed to one kind (`datos-personales/telefono`); with no rule, the directive
/// covers every rule. The reason after `--` is mandatory for `disable` and `disable-next-line`.
public struct SuppressionDirective: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case disableNextLine = "criterio-disable-next-line"
        case disable = "criterio-disable"
        case enable = "criterio-enable"
    }

    public let kind: Kind
    /// `rule` or `rule/kind`; empty means every rule.
    public let targets: [String]
    public let reason: String?
    /// Where the directive is written in the draft text.
    public let range: Range<Int>

    public init(kind: Kind, targets: [String], reason: String?, range: Range<Int>) {
        self.kind = kind
        self.targets = targets
        self.reason = reason
        self.range = range
    }

    /// Parses the text of one directive (`criterio-disable regla -- motivo`), or nil if it is not one.
    public static func parse(_ text: Substring, range: Range<Int>) -> SuppressionDirective? {
        let trimmed = text.drop(while: { $0 == " " || $0 == "\t" })
        // Longest keyword first: "criterio-disable" is a prefix of "criterio-disable-next-line".
        for kind in [Kind.disableNextLine, .disable, .enable] where trimmed.hasPrefix(kind.rawValue) {
            var rest = trimmed.dropFirst(kind.rawValue.count)
            guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
            var reason: String?
            if let separator = rest.firstRange(of: "--") {
                let explanation = rest[separator.upperBound...].trimmingSpaces
                reason = explanation.isEmpty ? nil : explanation
                rest = rest[..<separator.lowerBound]
            }
            let targets = rest.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }).map(String.init)
            return SuppressionDirective(kind: kind, targets: targets, reason: reason, range: range)
        }
        return nil
    }

    func covers(_ finding: Finding) -> Bool {
        targets.isEmpty || targets.contains { target in
            target == finding.ruleID || (finding.kind.map { target == "\(finding.ruleID)/\($0)" } ?? false)
        }
    }
}

/// Applies a draft's suppression directives to its findings, and reports the directives that are
/// wrong (no reason, unknown rule or kind) or that suppress nothing.
public enum Suppressions {
    /// The identifier of findings about suppressions themselves.
    public static let ruleID = "supresion"

    /// - Parameters:
    ///   - knownRules: every rule a suppression may name, with the kinds its findings may have.
    ///   - enabledRules: the rules that ran; a directive only for others is not reported as unused.
    public static func apply(
        _ findings: [Finding], in draft: Draft, knownRules: [String: Set<String>], enabledRules: Set<String>
    ) -> [Finding] {
        let directives = draft.suppressions
        guard !directives.isEmpty else { return findings }
        var problems: [Finding] = []
        var active: [(directive: SuppressionDirective, covers: Range<Int>)] = []

        for (index, directive) in directives.enumerated() {
            if let problem = targetProblem(directive, in: draft, knownRules: knownRules) {
                problems.append(problem)
                continue
            }
            switch directive.kind {
            case .enable:
                continue
            case .disable, .disableNextLine:
                guard directive.reason != nil else {
                    problems.append(problem(
                        directive, in: draft, kind: "sin-motivo", severity: .error,
                        message: "La supresión no dice por qué: escribe el motivo después de «--» (por ejemplo «-- siglas de un programa»)."))
                    continue
                }
                let covered: Range<Int>
                if directive.kind == .disableNextLine {
                    covered = nextLine(after: directive.range, in: draft.text)
                } else {
                    let end = directives[(index + 1)...].first { later in
                        later.kind == .enable && (later.targets.isEmpty || Set(later.targets).isSuperset(of: directive.targets))
                    }?.range.lowerBound ?? draft.text.bytes.count
                    covered = directive.range.upperBound..<end
                }
                active.append((directive, covered))
            }
        }

        var used = Array(repeating: false, count: active.count)
        var kept: [Finding] = []
        for finding in findings {
            var suppressed = false
            for (index, item) in active.enumerated() where item.covers.contains(finding.range.lowerBound) && item.directive.covers(finding) {
                used[index] = true
                suppressed = true
            }
            if !suppressed { kept.append(finding) }
        }
        for (index, item) in active.enumerated() where !used[index] {
            // A directive for a rule the configuration turned off is moot, not unused.
            let targetsEnabledRule = item.directive.targets.isEmpty
                || item.directive.targets.contains { enabledRules.contains(String($0.split(separator: "/").first ?? "")) }
            guard targetsEnabledRule else { continue }
            let what = item.directive.targets.isEmpty ? "ninguna regla" : item.directive.targets.map { "«\($0)»" }.joined(separator: ", ")
            problems.append(problem(
                item.directive, in: draft, kind: "sin-uso", severity: .warning,
                message: "La supresión de \(what) no suprime nada; quítala."))
        }
        return (kept + problems).sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// An error for the first target of a directive that names no rule, or a kind its rule does
    /// not report (`datos-personales/telefonos`); nil when every target exists.
    private static func targetProblem(
        _ directive: SuppressionDirective, in draft: Draft, knownRules: [String: Set<String>]
    ) -> Finding? {
        for target in directive.targets {
            let slash = target.firstIndex(of: "/")
            let rule = String(target[..<(slash ?? target.endIndex)])
            guard let kinds = knownRules[rule] else {
                return problem(
                    directive, in: draft, kind: "regla-desconocida", severity: .error,
                    message: "La supresión nombra «\(target)», que no es una regla; `criterio rules` las lista.")
            }
            guard let slash else { continue }
            let kind = String(target[target.index(after: slash)...])
            if kinds.contains(kind) { continue }
            let message = kinds.isEmpty
                ? "La supresión nombra «\(target)», pero los hallazgos de «\(rule)» no tienen tipo: nombra solo la regla."
                : "La supresión nombra «\(target)», pero «\(rule)» no reporta el tipo «\(kind)»; sus tipos son: "
                    + kinds.sorted().joined(separator: ", ") + " (`criterio rules \(rule)`)."
            return problem(directive, in: draft, kind: "tipo-desconocido", severity: .error, message: message)
        }
        return nil
    }

    /// The byte range of the line after the one where `range` ends.
    private static func nextLine(after range: Range<Int>, in text: SourceText) -> Range<Int> {
        let line = text.position(of: max(range.upperBound - 1, range.lowerBound)).line
        guard line < text.lineStarts.count else { return text.bytes.count..<text.bytes.count }
        let start = text.lineStarts[line]
        let end = line + 1 < text.lineStarts.count ? text.lineStarts[line + 1] : text.bytes.count
        return start..<end
    }

    private static func problem(
        _ directive: SuppressionDirective, in draft: Draft, kind: String, severity: Severity, message: String
    ) -> Finding {
        Finding(
            ruleID: ruleID, kind: kind, severity: severity, criterion: .xv, message: message, range: directive.range,
            excerpt: draft.text.string(directive.range))
    }
}

extension SuppressionDirective {
    /// Finds the directives of a text: inside the comment ranges given, or on lines of their own,
    /// but not inside `ignoring` (code, front matter). Returns them and the ranges of the own-line
    /// ones, which are not prose.
    public static func find(
        in text: SourceText, comments: [Range<Int>], ignoring ignored: [Range<Int>] = []
    ) -> (directives: [SuppressionDirective], lines: [Range<Int>]) {
        let marker = Array("criterio-".utf8)
        let bytes = text.bytes
        var directives: [SuppressionDirective] = []
        var ownLines: [Range<Int>] = []
        var index = 0
        while index + marker.count <= bytes.count {
            guard bytes[index] == marker[0], bytes[index..<(index + marker.count)].elementsEqual(marker) else {
                index += 1
                continue
            }
            if let skipped = ignored.first(where: { $0.contains(index) }) {
                index = skipped.upperBound
                continue
            }
            let lineStart = text.lineStarts[text.position(of: index).line - 1]
            var lineEnd = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            if let comment = comments.first(where: { $0.contains(index) }) {
                // Inside <!-- … -->: the directive runs to the comment's end.
                var end = min(comment.upperBound, lineEnd)
                if end >= 3, bytes[(end - 3)..<end].elementsEqual("-->".utf8) { end -= 3 }
                if let directive = parse(Substring(text.string(index..<end)), range: comment) { directives.append(directive) }
                index = comment.upperBound
                continue
            }
            let before = bytes[lineStart..<index]
            if before.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) {
                if lineEnd > index, bytes[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
                if let directive = parse(Substring(text.string(index..<lineEnd)), range: lineStart..<lineEnd) {
                    directives.append(directive)
                    ownLines.append(lineStart..<lineEnd)
                }
            }
            index = lineEnd
        }
        return (directives, ownLines)
    }
}
