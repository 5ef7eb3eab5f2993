/// Builds a `PhraseLexicon`: every variant of every pattern is a path of word ids (or class ids,
/// for large slots) through a trie, with what it reports at its last node.
extension PhraseLexicon {
    public struct Builder {
        private(set) var vocabulary = ByteKeyTable()
        private(set) var collapsedVocabulary = ByteKeyTable()
        private(set) var transitions = TrieEdgeTable()
        private(set) var wildcardChild: [Int32] = [-1]
        private(set) var terminals: [[Terminal]] = [[]]
        /// Per word id: its hash, whether it starts an entry, and the classes it belongs to.
        private(set) var wordHashes: [UInt64] = []
        private(set) var startsEntry: [Bool] = []
        private(set) var classes: [[Int32]] = []
        private var classCount: Int32 = 0
        /// For the first pass: hashes of words that start an entry on their own (a one-word entry,
        /// or one whose second word is `*`), and of the first two words of the other entries.
        private(set) var singleStarts = Set<UInt64>()
        private(set) var pairStarts = Set<UInt64>()
        private var wordIDs: [String: Int32] = [:]
        /// The ids of each slot's words, resolved once per slot (the slot is kept alive here, so its
        /// identifier is never reused).
        private var slotIDs: [ObjectIdentifier: (forms: PhrasePattern.Forms, ids: [Int32])] = [:]

        public init() {}

        /// Adds a pattern that reports `entry` when it matches.
        public mutating func add(_ pattern: PhrasePattern, entry: Int) {
            insert(pattern, terminal: .entry(Int32(entry)))
        }

        /// Adds a phrase in which `entry` is harmless.
        public mutating func addException(_ pattern: PhrasePattern, for entry: Int) {
            insert(pattern, terminal: .exception(Int32(entry)))
        }

        /// Adds a phrase in which no entry is ever reported.
        public mutating func addAllowed(_ pattern: PhrasePattern) {
            insert(pattern, terminal: .allowed)
        }

        public func build() -> PhraseLexicon { PhraseLexicon(builder: self) }

        private mutating func wordID(_ word: String) -> Int32 {
            if let known = wordIDs[word] { return known }
            let id = vocabulary.insert(word, value: Int32(vocabulary.count))
            collapsedVocabulary.insert(PhraseLexicon.collapseRuns(word), value: id)
            wordIDs[word] = id
            wordHashes.append(FoldedHash.hash(word.utf8))
            startsEntry.append(false)
            classes.append([])
            return id
        }

        /// The edge labels of a slot: its words' ids, or for a large slot one class id that every
        /// one of its words belongs to, so the slot adds one edge per parent instead of one per word
        /// ("eres {un,una} @insulto" repeats a set of a hundred words under many parents).
        private mutating func ids(_ forms: PhrasePattern.Forms) -> [Int32] {
            if let cached = slotIDs[ObjectIdentifier(forms)] { return cached.ids }
            var seen = Set<Int32>()
            var ids = forms.words.map { wordID($0) }.filter { seen.insert($0).inserted }
            if ids.count >= PhraseLexicon.classThreshold {
                let classID = PhraseLexicon.classBase + classCount
                classCount += 1
                for id in ids { classes[Int(id)].append(classID) }
                classMembers.append(ids)
                ids = [classID]
            }
            slotIDs[ObjectIdentifier(forms)] = (forms, ids)
            return ids
        }

        /// The word ids of each class, by class number.
        private var classMembers: [[Int32]] = []

        private mutating func insert(_ pattern: PhrasePattern, terminal: Terminal) {
            for variant in pattern.variants {
                insert(variant, terminal: terminal)
                if case .entry = terminal { noteStart(variant) }
            }
        }

        /// Records how an entry starts, for the first pass (exceptions and allowed phrases report
        /// nothing, so they need not pass it).
        private mutating func noteStart(_ slots: [PhrasePattern.Slot]) {
            guard case .words(let firstForms) = slots[0] else { return }
            guard slots.count > 1, case .words(let secondForms) = slots[1] else {
                guard notedStarts.insert(StartKey(first: ObjectIdentifier(firstForms), second: nil)).inserted else { return }
                for id in members(ids(firstForms)) { singleStarts.insert(wordHashes[Int(id)]) }
                return
            }
            // Variants often share their first two slots ("eres un…", "eres una…" share "eres").
            guard notedStarts.insert(StartKey(first: ObjectIdentifier(firstForms), second: ObjectIdentifier(secondForms))).inserted
            else { return }
            let first = members(ids(firstForms))
            let second = members(ids(secondForms))
            for a in first {
                for b in second { pairStarts.insert(PhraseLexicon.pairHash(wordHashes[Int(a)], wordHashes[Int(b)])) }
            }
        }

        private struct StartKey: Hashable {
            let first: ObjectIdentifier
            let second: ObjectIdentifier?
        }

        /// The first two slots already recorded (their forms are kept alive by `slotIDs`).
        private var notedStarts = Set<StartKey>()

        /// The word ids an edge label stands for: itself, or the words of a class.
        private func members(_ labels: [Int32]) -> [Int32] {
            labels.flatMap { $0 >= PhraseLexicon.classBase ? classMembers[Int($0 - PhraseLexicon.classBase)] : [$0] }
        }

        private mutating func insert(_ slots: [PhrasePattern.Slot], terminal: Terminal) {
            // A trie node's children are distinct and a slot's ids are too, so the frontier never
            // holds a node twice.
            var frontier: [Int32] = [0]
            for slot in slots {
                var next: [Int32] = []
                switch slot {
                case .anyWord:
                    for node in frontier {
                        if wildcardChild[Int(node)] < 0 { wildcardChild[Int(node)] = newNode() }
                        next.append(wildcardChild[Int(node)])
                    }
                case .words(let forms):
                    let ids = ids(forms)
                    next.reserveCapacity(frontier.count * ids.count)
                    for node in frontier {
                        if node == 0 {
                            for id in ids {
                                if id >= PhraseLexicon.classBase {
                                    for member in classMembers[Int(id - PhraseLexicon.classBase)] { startsEntry[Int(member)] = true }
                                } else {
                                    startsEntry[Int(id)] = true
                                }
                            }
                        }
                        for id in ids {
                            if let child = transitions.child(of: node, word: id) {
                                next.append(child)
                            } else {
                                let child = newNode()
                                transitions.insert(node, id, child: child)
                                next.append(child)
                            }
                        }
                    }
                }
                frontier = next
            }
            for node in frontier { terminals[Int(node)].append(terminal) }
        }

        private mutating func newNode() -> Int32 {
            wildcardChild.append(-1)
            terminals.append([])
            return Int32(wildcardChild.count - 1)
        }
    }
}
