import CriterioCore
import CriterioDrafts
import Foundation

/// Reads the staged (index) content of the drafts added or modified in a commit, so the hook
/// judges exactly what will be committed, whatever the working tree holds.
public struct StagedDrafts {
    public let repository: GitRepository

    public init(repository: GitRepository) {
        self.repository = repository
    }

    /// Drafts with repository-relative paths; local media count as existing when they are in the index.
    /// `isIgnored` receives absolute paths.
    public func load(maximumBytes: Int = 1 << 20, isIgnored: (String) -> Bool = { _ in false }) throws(GitError) -> (drafts: [Draft], errors: [DraftInputError]) {
        let paths = try repository.stagedPaths().filter { path in
            DraftFormat(path: path) != nil && !isIgnored(repository.root + "/" + path)
        }
        guard !paths.isEmpty else { return ([], []) }
        let contents = try repository.stagedContents(paths)

        var drafts: [Draft] = []
        var errors: [DraftInputError] = []
        for path in paths {
            guard let bytes = contents[path], let format = DraftFormat(path: path) else {
                errors.append(DraftInputError(path: path, message: "no está en el índice de git"))
                continue
            }
            guard bytes.count <= maximumBytes else {
                errors.append(DraftInputError(path: path, message: "mide \(bytes.count) bytes; el límite para un borrador es \(maximumBytes)"))
                continue
            }
            do {
                drafts.append(try DraftParser.parse(bytes, path: path, format: format))
            } catch {
                errors.append(error)
            }
        }
        // Local media count as present when they are in the index (their content is not read):
        // one question for every draft. A path that leaves the repository is outside it.
        let requested = Set(drafts.flatMap { draft in
            draft.metadata.media.filter { !$0.isRemote }.compactMap { Self.resolve($0.value, from: draft.path) }
        })
        let present = requested.isEmpty ? [] : try repository.indexContains(Array(requested))
        for index in drafts.indices {
            for item in drafts[index].metadata.media.indices where !drafts[index].metadata.media[item].isRemote {
                let inspection: MediaInspection
                if let resolved = Self.resolve(drafts[index].metadata.media[item].value, from: drafts[index].path) {
                    inspection = MediaInspection(present.contains(resolved) ? .staged : .missing)
                } else {
                    inspection = MediaInspection(.missing, outside: repository.root)
                }
                drafts[index].metadata.media[item].inspection = inspection
            }
        }
        return (drafts, errors)
    }

    /// A media path as written in a draft, as a repository-relative path; nil when it leaves the
    /// repository (an absolute path, or `..` above its root).
    static func resolve(_ media: String, from draftPath: String) -> String? {
        guard !media.hasPrefix("/") else { return nil }
        let folder = (draftPath as NSString).deletingLastPathComponent
        var components: [Substring] = []
        for part in (folder.isEmpty ? media : folder + "/" + media).split(separator: "/") {
            if part == "." { continue }
            if part == ".." {
                guard !components.isEmpty else { return nil }
                components.removeLast()
                continue
            }
            components.append(part)
        }
        return components.joined(separator: "/")
    }
}
