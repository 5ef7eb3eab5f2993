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
    public struct Prepared: Sendable {
        public let draft: Draft
        public let sketch: PostSketch?
        /// Where its prose starts (`AnalyzedPost.firstProseOffset`).
        public let anchor: Int

        public init(draft: Draft, sketch: PostSketch?, anchor: Int) {
            self.draft = draft
            self.sketch = sketch
            self.anchor = anchor
        }
    }

    /// The sketch of a post for the near-duplicate check of `rule` (nil when it does not run).
    public static func sketch(_ post: AnalyzedPost, rule: any CrossPostRule, sketcher: NearDuplicateSketcher) -> PostSketch? {
        rule.crossPostOptions.nearDuplicates
            ? sketcher.sketch(post, owner: NearDuplicateSketcher.ownerKey(post.draft.metadata.account ?? "")) : nil
    }

    /// `findings(in:linter:)` of drafts already sketched.
    public static func findings(in prepared: [Prepared], linter: Linter) -> [[Finding]] {
        var found = Array(repeating: [Finding](), count: prepared.count)
        guard prepared.count > 1, let rule = rule(of: linter) else { return found }
        let drafts = prepared.map(\.draft)
        let store = MemoryCrossPostStore()
        var owners: [String: UInt32] = [:]
        var anchors: [Int] = []
        for (index, item) in prepared.enumerated() {
            let draft = item.draft
            let account = draft.metadata.account ?? ""
            let owner = owners[account] ?? {
                let next = UInt32(owners.count)
                owners[account] = next
                return next
            }()
            let date = draft.metadata.createdAt.flatMap { PublicationDate.parse($0) }
            store.add(UInt32(index), sketch: item.sketch, owner: owner, date: date)
            anchors.append(item.anchor)
        }
        let result = CrossPostAnalysis.run(store, options: rule.crossPostOptions)
        for post in result.marks.posts {
            let index = Int(post)
            let marks = result.marks[post] ?? []
            let anchor = anchors[index]..<anchors[index]
            found[index] = marks.map { rule.finding(for: $0, in: result, anchor: anchor, naming: { drafts[Int($0)].path }) }
        }
        return found
    }
}
