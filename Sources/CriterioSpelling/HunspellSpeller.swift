import CHunspell
import CriterioCore
import CriterioFoundation
import Foundation

/// A `Speller` over one Hunspell dictionary, plus words added to it (an institutional vocabulary,
/// so that suggestions can name them).
///
/// Loading a Spanish dictionary takes Hunspell about a third of a second, far longer than linting a
/// draft, so the handle is created only for the first word that no earlier answer covers. Answers
/// are remembered and, with a cache folder, saved for the next run (`save()`): a run over words
/// already seen never loads the dictionary. One lock guards the handle, which is not thread-safe.
public final class HunspellSpeller: Speller {
    public let dictionary: HunspellDictionary
    private let addedWords: [String]
    private let store: SpellingAnswers.Store?
    private let state: Locked<State>

    private struct State {
        var handle: HunspellHandle?
        var answers: SpellingAnswers
        var changed = false
        /// The words this run looked up: what a trimmed file keeps first.
        var used: Set<String> = []
    }

    /// Hunspell rejects longer words outright (its `MAXWORDLEN`); they are not looked up.
    static let longestWord = 100

    /// - Parameter cacheDirectory: where answers are kept between runs; nil keeps none.
    public init(dictionary: HunspellDictionary, adding words: [String] = [], cacheDirectory: URL? = nil) throws(RuleConfigurationError) {
        try Self.checkEncoding(of: dictionary)
        self.dictionary = dictionary
        addedWords = words
        let store = cacheDirectory.map { SpellingAnswers.Store(directory: $0, dictionary: dictionary, addedWords: words) }
        self.store = store
        state = Locked(State(answers: store?.load() ?? SpellingAnswers()))
    }

    public func isCorrect(_ word: String) -> Bool {
        guard !word.isEmpty, word.utf8.count <= Self.longestWord else { return true }
        return state.withLock { state in
            state.used.insert(word)
            if let known = state.answers.correct(word) { return known }
            guard let handle = handle(&state) else { return true }
            let correct = handle.spell(word)
            state.answers.record(word, correct: correct)
            state.changed = true
            return correct
        }
    }

    public func suggestions(for word: String) -> [String] {
        guard !word.isEmpty, word.utf8.count <= Self.longestWord else { return [] }
        return state.withLock { state in
            if let known = state.answers.suggestions(word) { return known }
            guard let handle = handle(&state) else { return [] }
            let suggestions = handle.suggest(word)
            state.answers.record(word, suggestions: suggestions)
            state.changed = true
            return suggestions
        }
    }

    /// Whether this run had to load the dictionary (the answers it had did not cover every word).
    public var loadedDictionary: Bool { state.withLock { $0.handle != nil } }

    /// Saves the answers for later runs, if there is a cache folder and something new to save; at
    /// most `SpellingAnswers.savedLimit`, this run's words first. Failing to write (a read-only
    /// disk) only means asking Hunspell again next time.
    public func save() {
        guard let store else { return }
        let answers: SpellingAnswers? = state.withLock { state in
            guard state.changed else { return nil }
            state.changed = false
            state.answers.trim(preferring: state.used)
            return state.answers
        }
        if let answers { store.save(answers) }
    }

    private func handle(_ state: inout State) -> HunspellHandle? {
        if state.handle == nil {
            state.handle = HunspellHandle(dictionary, adding: addedWords)
        }
        return state.handle
    }

    /// Criterio hands Hunspell UTF-8; a dictionary in another encoding (`SET ISO8859-1`) would
    /// read every accented word as a mistake.
    private static func checkEncoding(of dictionary: HunspellDictionary) throws(RuleConfigurationError) {
        guard let handle = FileHandle(forReadingAtPath: dictionary.affixPath) else {
            throw RuleConfigurationError("no se pudo leer \(dictionary.affixPath)")
        }
        defer { try? handle.close() }
        let head = String(decoding: handle.readData(ofLength: 4096), as: UTF8.self)
        for line in head.split(separator: "\n") where line.hasPrefix("SET ") {
            let encoding = line.dropFirst(4).trimmingCharacters(in: .whitespaces).uppercased()
            if encoding != "UTF-8" && encoding != "UTF8" {
                throw RuleConfigurationError(
                    "el diccionario \(dictionary.affixPath) está en \(encoding); Criterio necesita uno en UTF-8 (como el de hunspell-es)")
            }
            return
        }
    }
}

/// An open Hunspell handle: not thread-safe, used under `HunspellSpeller`'s lock.
final class HunspellHandle {
    private let handle: OpaquePointer

    init?(_ dictionary: HunspellDictionary, adding words: [String]) {
        guard let created = Hunspell_create(dictionary.affixPath, dictionary.wordsPath) else { return nil }
        handle = created
        for word in words where !word.isEmpty && word.utf8.count <= HunspellSpeller.longestWord {
            _ = Hunspell_add(handle, word)
        }
    }

    deinit { Hunspell_destroy(handle) }

    func spell(_ word: String) -> Bool { Hunspell_spell(handle, word) != 0 }

    func suggest(_ word: String) -> [String] {
        var list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
        let count = Hunspell_suggest(handle, &list, word)
        guard count > 0, let entries = list else { return [] }
        defer { Hunspell_free_list(handle, &list, count) }
        return (0..<Int(count)).compactMap { entries[$0].map { String(cString: $0) } }
    }
}
