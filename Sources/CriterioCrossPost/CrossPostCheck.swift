import CriterioCore

/// The cross-post check over drafts held in memory (`criterio lint` of a folder or a repository):
/// near-duplicates among the drafts of one account (drafts without `account` are one account) and
/// bursts among those with a `created_at`/`fecha`.
public enum CrossPostCheck {
    /// The linter's cross-post rule, when it runs one that is switched on.
    public static func rule(of linter: Linter) -> (any CrossPostRule)? {
        for rule in linter.rules {
            if let crossPost = rule as? any CrossPostRule, crossPost.crossPostOptions.isEnabled { return crossPost }
        }
        return nil
    }

    /// The cross-post findings of each draft, in the drafts' order (each at the rule's own severity;
    /// `Linter.lint(_:adding:)` applies the configured one and the draft's suppressions). Empty lists
    /// when there are fewer than two drafts or no cross-post rule.
    public static func findings(in drafts: [Draft], linter: Linter) -> [[Finding]] {
        guard drafts.count > 1, let rule = rule(of: linter) else { return Array(repeating: [], count: drafts.count) }
        let sketcher = NearDuplicateSketcher()
        return findings(in: drafts.map { draft in
            let post = AnalyzedPost(draft)
            return Prepared(draft: draft, sketch: sketch(post, rule: rule, sketcher: sketcher), anchor: post.firstProseOffset)
        }, linter: linter)
    }

    /// What the check needs of one draft, worked out beforehand (on any thread, with `sketch`).
    /// A class: a draft is many strings and arrays, and the drafts of a folder are handed from pass
    /// to pass, each copy of a struct retaining every one of them.
    public final class Prepared: Sendable {
        public let draft: Draft
        public let sketch: PostSketch?
        /// Where its prose starts (`AnalyzedPost.firstProseOffset`).
        public let anchor: Int
        /// Its `created_at`, read here, on the thread that prepares it, rather than in the check's
        /// one pass over every draft.
        let date: PublicationDate?

        public init(draft: Draft, sketch: PostSketch?, anchor: Int) {
            self.draft = draft
            self.sketch = sketch
            self.anchor = anchor
            date = draft.metadata.createdAt.flatMap { PublicationDate.parse($0) }
        }
    }

    /// The sketch of a post for the near-duplicate check of `rule` (nil when it does not run).
    public static func sketch(_ post: AnalyzedPost, rule: any CrossPostRule, sketcher: NearDuplicateSketcher) -> PostSketch? {
        rule.crossPostOptions.nearDuplicates
            ? sketcher.sketch(post, owner: NearDuplicateSketcher.ownerKey(post.draft.metadata.account ?? "")) : nil
    }

    /// `findings(in:linter:)` of drafts already sketched.
    public static func findings(in prepared: [Prepared], linter: Linter) -> [[Finding]] {
        let outcome = run(prepared, linter: linter)
        return prepared.indices.map { outcome.findings(of: $0) }
    }

    /// The check over drafts already sketched; each draft's findings are made when asked for, on
    /// any thread (a folder of near-duplicates has thousands, each naming others by path).
    public static func run(_ prepared: [Prepared], linter: Linter) -> Outcome {
        guard prepared.count > 1, let rule = rule(of: linter) else { return Outcome(rule: nil, result: CrossPostResult(), paths: [], anchors: []) }
        let store = MemoryCrossPostStore(capacity: prepared.count)
        var owners: [String: UInt32] = [:]
        for (index, item) in prepared.enumerated() {
            let account = item.draft.metadata.account ?? ""
            let owner = owners[account] ?? {
                let next = UInt32(owners.count)
                owners[account] = next
                return next
            }()
            store.add(UInt32(index), sketch: item.sketch, owner: owner, date: item.date)
        }
        return Outcome(
            rule: rule, result: CrossPostAnalysis.run(store, options: rule.crossPostOptions),
            paths: prepared.map(\.draft.path), anchors: prepared.map(\.anchor))
    }

    /// What the check found among drafts, by draft number (their order in `run`).
    public struct Outcome: Sendable {
        let rule: (any CrossPostRule)?
        let result: CrossPostResult
        let paths: [String]
        let anchors: [Int]

        /// The cross-post findings of draft `index`, at the rule's own severity, anchored where its prose starts.
        public func findings(of index: Int) -> [Finding] {
            guard let rule, let marks = result.marks[UInt32(index)] else { return [] }
            let anchor = anchors[index]..<anchors[index]
            return marks.map { rule.finding(for: $0, in: result, anchor: anchor, naming: { paths[Int($0)] }) }
        }
    }
}
