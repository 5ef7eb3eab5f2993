import CriterioCore
import Foundation

/// What Hunspell answered about words: whether each is correct and, once asked, its suggestions.
/// Kept between runs (`Store`) so that a run over words already seen never loads the dictionary.
struct SpellingAnswers: Sendable {
    private struct Answer: Sendable {
        var correct: Bool?
        var suggestions: [String]?
    }

    private var answers: [String: Answer] = [:]

    /// At most this many answers are saved. Every run reads the file whole before its first word,
    /// so its size is start-up time for every `criterio lint` (about 30 ms at 1.7 MB): a bounded file
    /// keeps the hook fast, and a larger file from an older version is read as damaged and replaced.
    static let savedLimit = 10_000

    var count: Int { answers.count }

    /// Keeps at most `savedLimit` answers, those about `preferred` words first (the words the saving
    /// run looked up), so that what is kept is what recent drafts use.
    mutating func trim(preferring preferred: Set<String>) {
        guard answers.count > Self.savedLimit else { return }
        var kept: [String: Answer] = [:]
        kept.reserveCapacity(Self.savedLimit)
        for word in preferred where kept.count < Self.savedLimit {
            if let answer = answers[word] { kept[word] = answer }
        }
        for (word, answer) in answers where kept.count < Self.savedLimit && kept[word] == nil {
            kept[word] = answer
        }
        answers = kept
    }

    func correct(_ word: String) -> Bool? { answers[word]?.correct }
    func suggestions(_ word: String) -> [String]? { answers[word]?.suggestions }

    mutating func record(_ word: String, correct: Bool) { answers[word, default: Answer()].correct = correct }
    mutating func record(_ word: String, suggestions: [String]) { answers[word, default: Answer()].suggestions = suggestions }

    private static let magic: UInt64 = 0x5357_4E55_4843_5243  // "CRCHUNSW"
    private static let version: UInt64 = 1

    func encoded() -> [UInt8] {
        var writer = BinaryWriter()
        precondition(answers.count <= Self.savedLimit, "trim the answers before saving them")
        writer.write(answers.count)
        for (word, answer) in answers {
            writer.write(word)
            writer.write(answer.correct == nil ? 2 : answer.correct! ? 1 : 0)
            writer.write(answer.suggestions == nil ? -1 : answer.suggestions!.count)
            for suggestion in answer.suggestions ?? [] { writer.write(suggestion) }
        }
        return writer.sealed(magic: Self.magic, version: Self.version)
    }

    init() {}

    init(decoding bytes: [UInt8]) throws(BinaryCodingError) {
        var reader = try BinaryReader(sealed: bytes, magic: Self.magic, version: Self.version)
        let count: Int = try reader.read()
        guard count >= 0, count <= Self.savedLimit else { throw BinaryCodingError() }
        answers.reserveCapacity(count)
        for _ in 0..<count {
            let word: String = try reader.read()
            let correct: Int = try reader.read()
            let suggestionCount: Int = try reader.read()
            guard (0...2).contains(correct), (-1...64).contains(suggestionCount) else { throw BinaryCodingError() }
            var suggestions: [String]? = suggestionCount < 0 ? nil : []
            for _ in 0..<max(suggestionCount, 0) { suggestions!.append(try reader.read()) }
            answers[word] = Answer(correct: correct == 2 ? nil : correct == 1, suggestions: suggestions)
        }
        guard reader.isAtEnd else { throw BinaryCodingError() }
    }

    /// The file that keeps the answers of one dictionary (with its added words) in a cache folder.
    /// Its name holds a hash of the dictionary's paths, sizes and modification times and of the
    /// added words: an updated dictionary or vocabulary starts a new file.
    struct Store: Sendable {
        let file: URL

        init(directory: URL, dictionary: HunspellDictionary, addedWords: [String]) {
            let identity = "\(SpellingAnswers.version)|\(dictionary.fingerprint)|" + addedWords.joined(separator: "\n")
            let hash = String(FoldedHash.hash(identity.utf8), radix: 16)
            file = directory.appendingPathComponent("hunspell-\(dictionary.language)-\(hash).bin")
        }

        /// The saved answers; none when the file is missing, unreadable or damaged.
        func load() -> SpellingAnswers? {
            guard let data = try? Data(contentsOf: file) else { return nil }
            return try? SpellingAnswers(decoding: [UInt8](data))
        }

        func save(_ answers: SpellingAnswers) {
            do {
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(answers.encoded()).write(to: file, options: .atomic)
            } catch {
                // A read-only or full disk: the next run asks Hunspell again.
            }
        }
    }
}
