import CriterioCore

/// The settings of the cross-post checks of `spam` (criteria 6.xxix and 6.xxviii), declared with the
/// rule's options in `.criterio.yml` (`rules: spam:`).
public struct CrossPostOptions: Sendable, Equatable {
    /// Look for near-duplicate posts (`casi_duplicados`).
    public var nearDuplicates: Bool
    /// The word-shingle similarity (Jaccard) from which two posts are near-duplicates (`similitud`).
    public var similarity: Double
    /// A burst is more than this many posts of one account (`rafaga_publicaciones`; 0 turns bursts off)…
    public var burstPosts: Int
    /// …within this many minutes (`rafaga_minutos`).
    public var burstMinutes: Int

    public static let similarityRange = 0.5...1.0
    public static let burstPostsRange = 0...10_000
    public static let burstMinutesRange = 1...10_080

    public init(nearDuplicates: Bool = true, similarity: Double = 0.8, burstPosts: Int = 5, burstMinutes: Int = 60) {
        self.nearDuplicates = nearDuplicates
        self.similarity = similarity
        self.burstPosts = burstPosts
        self.burstMinutes = burstMinutes
    }

    public var bursts: Bool { burstPosts > 0 }
    public var isEnabled: Bool { nearDuplicates || bursts }

    /// The rule options that set these, with their defaults (the `spam` rule declares them).
    public static let declaredOptions: [RuleOption] = [
        RuleOption("casi_duplicados", default: .bool(true), "Entre varias publicaciones (una carpeta, un archivo de publicaciones): reporta las casi idénticas."),
        RuleOption("similitud", default: 0.8, in: similarityRange, "Similitud de palabras (0.5 a 1.0) a partir de la cual dos publicaciones son casi idénticas."),
        RuleOption("rafaga_publicaciones", default: 5, in: burstPostsRange, "Una ráfaga es más de este número de publicaciones de una cuenta (0 la apaga)…"),
        RuleOption("rafaga_minutos", default: 60, in: burstMinutesRange, "…en estos minutos (1 a 10080)."),
    ]

    /// The kinds of the findings of the cross-post checks.
    public static let declaredKinds: [RuleKind] = [
        RuleKind("casi-duplicado", "casi igual a otras publicaciones de la misma cuenta (entre varias publicaciones, 6.xxix)"),
        RuleKind("rafaga", "una de demasiadas publicaciones de una cuenta en pocos minutos (6.xxviii)"),
    ]

    /// Reads the options above (`RuleOptions` has already refused values out of their ranges).
    public init(options: RuleOptions) {
        self.init(
            nearDuplicates: options.bool("casi_duplicados"), similarity: options.number("similitud"),
            burstPosts: options.integer("rafaga_publicaciones"), burstMinutes: options.integer("rafaga_minutos"))
    }
}

/// A rule that also looks across posts (`spam`): it says how, and builds the findings of a mark.
public protocol CrossPostRule: Rule {
    var crossPostOptions: CrossPostOptions { get }
}

extension CrossPostRule {
    /// The finding of `mark`, at `anchor` (an empty range where the post's prose starts), with the
    /// rule's own severity (a configured one is the linter's business).
    public func finding(for mark: CrossPostMark, in result: CrossPostResult, anchor: Range<Int>, naming: (UInt32) -> String? = { _ in nil }) -> Finding {
        let message: String
        let criterion: Criterion
        switch mark {
        case .nearDuplicate(let clusterIndex, let similarity, let post):
            let cluster = result.clusters[clusterIndex]
            let others = cluster.members.count - 1
            let percent = Int((similarity * 100).rounded(.down))
            var text = "Casi igual (similitud \(percent) %) a \(others == 1 ? "otra publicación" : "otras \(others) publicaciones")"
            text += " (grupo de casi duplicados \(cluster.number)): repetir un mensaje satura a quienes lo reciben."
            let names = cluster.members.lazy.filter { $0 != post }.prefix(3).compactMap(naming)
            if !names.isEmpty {
                text += " Ver " + names.map { "«\($0)»" }.joined(separator: ", ") + (others > names.count ? " y \(others - names.count) más." : ".")
            }
            message = text
            criterion = .xxix
        case .burst(let burstIndex):
            let burst = result.bursts[burstIndex]
            let minutes = max(1, Int((Double(burst.end - burst.start) / 60).rounded(.up)))
            message = """
                Una de \(burst.members.count) publicaciones de la misma cuenta en \(minutes) \(minutes == 1 ? "minuto" : "minutos") \
                (más de \(crossPostOptions.burstPosts) en \(crossPostOptions.burstMinutes) minutos): una ráfaga satura la información.
                """
            criterion = .xxviii
        }
        // Asked once: the description is built (or copied whole) on every call, and a folder of
        // repeated drafts has thousands of these findings.
        let description = Self.description
        return Finding(
            ruleID: description.id, kind: mark.kind, severity: description.defaultSeverity, criterion: criterion,
            message: message, range: anchor, excerpt: "")
    }
}
