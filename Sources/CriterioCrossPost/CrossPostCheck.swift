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
        var found = Array(repeating: [Finding](), count: drafts.count)
        guard drafts.count > 1, let rule = rule(of: linter) else { return found }
        let store = MemoryCrossPostStore()
        let sketcher = NearDuplicateSketcher()
        var owners: [String: UInt32] = [:]
        var anchors: [Int] = []
        for (index, draft) in drafts.enumerated() {
            let post = AnalyzedPost(draft)
            let account = draft.metadata.account ?? ""
            let owner = owners[account] ?? {
                let next = UInt32(owners.count)
                owners[account] = next
                return next
            }()
            let sketch = rule.crossPostOptions.nearDuplicates ? sketcher.sketch(post, owner: NearDuplicateSketcher.ownerKey(account)) : nil
            let date = draft.metadata.createdAt.flatMap { PublicationDate.parse($0) }
            store.add(UInt32(index), sketch: sketch, owner: owner, date: date)
            anchors.append(post.firstProseOffset)
        }
        let result = CrossPostAnalysis.run(store, options: rule.crossPostOptions)
        for (post, marks) in result.marks {
            let index = Int(post)
            let anchor = anchors[index]..<anchors[index]
            found[index] = marks.map { rule.finding(for: $0, in: result, anchor: anchor, naming: { drafts[Int($0)].path }) }
        }
        return found
    }
}
