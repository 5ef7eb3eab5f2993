/// A compiled lexicon as bytes (`BinaryWriter`), so that a word-list source that keeps them
/// (`WordlistSource.storeCompiled`) spares the next run the compiling.
extension PhraseLexicon {
    /// The version of `serialized()`'s format; a change to it or to what is stored changes it.
    public static let serializationVersion: UInt64 = 4
    private static let magic: UInt64 = 0x5845_4C5F_4F49_5243  // "CRIO_LEX"

    /// The compiled lexicon as bytes, to keep between runs.
    public func serialized() -> [UInt8] {
        var writer = BinaryWriter()
        writer.write(vocabulary.count)
        vocabulary.write(to: &writer)
        collapsedVocabulary.write(to: &writer)
        writer.write(startWordHashes)
        writer.write(singleStartHashes)
        writer.write(pairStartHashes)
        writer.write(wildcardChild)
        transitions.write(to: &writer)
        terminals.write(to: &writer)
        classes.write(to: &writer)
        writer.write(endsEntry)
        writer.write(continues)
        return writer.sealed(magic: Self.magic, version: Self.serializationVersion)
    }

    /// A lexicon from `serialized()` bytes; throws when they are damaged or of another version.
    public convenience init(serialized bytes: [UInt8]) throws(BinaryCodingError) {
        var reader = try BinaryReader(sealed: bytes, magic: Self.magic, version: Self.serializationVersion)
        let wordCount: Int = try reader.read()
        guard wordCount >= 0, wordCount < Int(Self.classBase) else { throw BinaryCodingError() }
        let vocabulary = try ByteKeyTable(from: &reader, values: Int32(wordCount))
        let collapsedVocabulary = try ByteKeyTable(from: &reader, values: Int32(wordCount))
        let startWords: [UInt64] = try reader.read()
        let singleStarts: [UInt64] = try reader.read()
        let pairStarts: [UInt64] = try reader.read()
        let wildcardChild: [Int32] = try reader.read()
        let nodes = wildcardChild.count
        guard nodes > 0, wildcardChild.allSatisfy({ (-1..<Int32(nodes)).contains($0) }) else { throw BinaryCodingError() }
        let transitions = try TrieEdgeTable(from: &reader, nodes: nodes)
        let terminals = try FlatLists(from: &reader, count: nodes)
        let words = vocabulary.count
        let classes = try FlatLists(from: &reader, count: words)
        let endsEntry: [Bool] = try reader.read()
        let continues: [Bool] = try reader.read()
        guard endsEntry.count == nodes, continues.count == nodes, words == wordCount, reader.isAtEnd else {
            throw BinaryCodingError()
        }
        self.init(
            vocabulary: vocabulary, collapsedVocabulary: collapsedVocabulary, startWordHashes: startWords,
            singleStartHashes: singleStarts, pairStartHashes: pairStarts, transitions: transitions,
            wildcardChild: wildcardChild, terminals: terminals, classes: classes, endsEntry: endsEntry, continues: continues)
    }
}
