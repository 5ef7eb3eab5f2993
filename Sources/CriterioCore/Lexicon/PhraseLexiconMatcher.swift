/// Matching a post against a lexicon: its words as the lexicon sees them (folded, leetspeak read
/// as letters, elongation collapsed, spelled-out letters joined), every path through the trie from
/// each word, then exceptions, allowed phrases and overlaps resolved.
extension PhraseLexicon {
    /// A word of the post as the lexicon sees it.
    struct Word {
        var id: Int32  // -1: not in the vocabulary
        var range: Range<Int>
        /// Punctuation that ends a sentence, or a hashtag/mention/emoji, comes before this word.
        var breakBefore: Bool
    }

    /// The entries found in a post. The first pass (`LexiconUnion`) runs first: most posts stop
    /// there without allocating.
    public func matches(in post: AnalyzedPost) -> [Match] {
        guard mayMatch(post, marked: post.lexiconBit(of: self)) else { return [] }
        let words = self.words(of: post)
        guard words.contains(where: { $0.id >= 0 }) else { return [] }
        var found: [(terminal: Terminal, range: Range<Int>)] = []
        for start in words.indices where words[start].id >= 0 && hasChild(of: 0, word: words[start].id) {
            walk(from: 0, at: start, start: start, words: words, found: &found)
        }
        return resolve(found)
    }

    private func walk(
        from node: Int32, at index: Int, start: Int, words: [Word], found: inout [(terminal: Terminal, range: Range<Int>)]
    ) {
        guard index < words.count, index == start || !words[index].breakBefore else { return }
        let word = words[index]
        if word.id >= 0 {
            _ = forEachChild(of: node, word: word.id) { child in
                reach(child, at: index, start: start, words: words, found: &found)
                return false
            }
        }
        let wildcard = wildcardChild[Int(node)]
        if index != start, wildcard >= 0 {
            reach(wildcard, at: index, start: start, words: words, found: &found)
        }
    }

    private func reach(
        _ node: Int32, at index: Int, start: Int, words: [Word], found: inout [(terminal: Terminal, range: Range<Int>)]
    ) {
        let range = words[start].range.lowerBound..<words[index].range.upperBound
        for code in terminals[Int(node)] { found.append((Terminal(code: code), range)) }
        walk(from: node, at: index + 1, start: start, words: words, found: &found)
    }

    private func resolve(_ found: [(terminal: Terminal, range: Range<Int>)]) -> [Match] {
        var allowed: [Range<Int>] = []
        var exceptions: [(entry: Int32, range: Range<Int>)] = []
        var entries: [Match] = []
        for (terminal, range) in found {
            switch terminal {
            case .allowed: allowed.append(range)
            case .exception(let entry): exceptions.append((entry, range))
            case .entry(let entry): entries.append(Match(entry: Int(entry), range: range))
            }
        }
        entries.removeAll { match in
            allowed.contains { $0.contains(match.range) }
                || exceptions.contains { $0.entry == match.entry && $0.range.contains(match.range) }
        }
        // Keep the longest of overlapping entries ("te voy a matar" over "matar"); of entries with
        // the same range, the one added first.
        entries.sort { ($0.range.lowerBound, -$0.range.count, $0.entry) < ($1.range.lowerBound, -$1.range.count, $1.entry) }
        var kept: [Match] = []
        for match in entries where !kept.contains(where: { $0.range.contains(match.range) }) {
            kept.append(match)
        }
        return kept
    }

    private func words(of post: AnalyzedPost) -> [Word] {
        var words: [Word] = []
        words.reserveCapacity(post.tokens.count)
        var previousEnd = 0
        var pendingBreak = false
        var letterRun: [Int] = []  // indices into `words` of consecutive one-letter words

        for token in post.tokens {
            guard token.kind == .word else {
                pendingBreak = true
                continue
            }
            let gap = previousEnd..<token.range.lowerBound
            let breakBefore = pendingBreak || Self.gapBreaks(post.prose, gap)
            let spelledOn = !pendingBreak && !letterRun.isEmpty && Self.isSpellingGap(post.prose, gap)
            words.append(Word(id: id(of: token, in: post), range: token.range, breakBefore: breakBefore))
            if token.letters == 1 && token.range.count <= 2 {
                if !spelledOn {
                    joinSpelledOut(&words, run: letterRun, post: post)
                    letterRun = []
                }
                letterRun.append(words.count - 1)
            } else {
                joinSpelledOut(&words, run: letterRun, post: post)
                letterRun = []
            }
            previousEnd = token.range.upperBound
            pendingBreak = false
        }
        joinSpelledOut(&words, run: letterRun, post: post)
        return words
    }

    /// "p.u.t.o", "p u t o": three or more one-letter words read as one word, if it is in the lexicon.
    private func joinSpelledOut(_ words: inout [Word], run: [Int], post: AnalyzedPost) {
        guard run.count >= 3, let first = run.first, let last = run.last, last < words.count else { return }
        var joined: [UInt8] = []
        for index in run {
            joined.append(contentsOf: SpanishFolding.fold(post.text.string(words[index].range)).utf8)
        }
        guard let id = vocabulary.value(for: joined, hash: FoldedHash.hash(joined)) else { return }
        let merged = Word(id: id, range: words[first].range.lowerBound..<words[last].range.upperBound, breakBefore: words[first].breakBefore)
        words.replaceSubrange(first...last, with: [merged])
    }

    /// The id of a word token: as written, read as leetspeak, or with its elongation collapsed;
    /// -1 when the lexicon has no such word.
    func id(of token: Token, in post: AnalyzedPost) -> Int32 {
        let folded = post.folded(token)
        if let id = vocabulary.value(for: folded, hash: token.hash) { return id }
        if token.hasLeetCharacters {
            for atSign in [UInt8(ascii: "a"), UInt8(ascii: "o")] {
                let plain = folded.map { Self.leet($0, atSign: atSign) }
                if let id = vocabulary.value(for: plain, hash: FoldedHash.hash(plain)) { return id }
                if token.longestRun >= 3, let id = collapsedID(plain) { return id }
            }
        }
        if token.longestRun >= 3, let id = collapsedID(Array(folded)) { return id }
        return -1
    }

    private func collapsedID(_ bytes: [UInt8]) -> Int32? {
        let collapsed = Self.collapseRuns(bytes)
        return collapsedVocabulary.value(for: collapsed, hash: FoldedHash.hash(collapsed))
    }

    static func collapseRuns(_ word: String) -> String {
        String(decoding: collapseRuns(Array(word.utf8)), as: UTF8.self)
    }

    static func collapseRuns(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        for byte in bytes where result.last != byte { result.append(byte) }
        return result
    }

    private static func leet(_ byte: UInt8, atSign: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "0"): UInt8(ascii: "o")
        case UInt8(ascii: "1"): UInt8(ascii: "i")
        case UInt8(ascii: "3"): UInt8(ascii: "e")
        case UInt8(ascii: "4"): UInt8(ascii: "a")
        case UInt8(ascii: "5"), UInt8(ascii: "$"): UInt8(ascii: "s")
        case UInt8(ascii: "7"): UInt8(ascii: "t")
        case UInt8(ascii: "8"): UInt8(ascii: "b")
        case UInt8(ascii: "@"): atSign
        default: byte
        }
    }

    /// Whether the characters between two words end a sentence or clause for phrase matching.
    private static func gapBreaks(_ prose: [UInt8], _ gap: Range<Int>) -> Bool {
        var newlines = 0
        var index = gap.lowerBound
        while index < gap.upperBound {
            let byte = prose[index]
            switch byte {
            case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: ";"), UInt8(ascii: ":"),
                UInt8(ascii: "|"):
                return true
            case UInt8(ascii: "\n"):
                newlines += 1
                if newlines > 1 { return true }
            case 0xE2 where index + 2 < prose.count && prose[index + 1] == 0x80 && prose[index + 2] == 0xA6:
                return true  // …
            default:
                break
            }
            index += 1
        }
        return false
    }

    /// Whether a gap is what separates spelled-out letters: one or two of `. - _ * ` and spaces.
    private static func isSpellingGap(_ prose: [UInt8], _ gap: Range<Int>) -> Bool {
        guard (1...2).contains(gap.count) else { return false }
        return prose[gap].allSatisfy {
            $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_")
                || $0 == UInt8(ascii: "*")
        }
    }
}
