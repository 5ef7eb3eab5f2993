import CriterioCore
import CriterioCrossPost

/// The cross-post store of a scan: each post's kept shingles in a file of fixed-size records (found
/// again with one read), its band keys and its (owner, time) in external sorters. Memory stays flat:
/// what grows with the archive is on disk.
final class FileCrossPostStore: CrossPostStore {
    private let shingleRecords: SpillFile
    private let bands: ExternalSorter
    private let times: ExternalSorter
    private var flushed = false
    private var record: [UInt8]
    private(set) var failure: ScanError?

    /// A count and the kept shingles, padded.
    static let recordSize = 4 * (1 + NearDuplicateSketcher.kept)

    /// `chunk`: pairs each sorter keeps in memory before it writes a run.
    init(folder: ScratchFolder, chunk: Int = 1 << 19) throws(ScanError) {
        shingleRecords = try SpillFile(folder.file("shingles"))
        bands = ExternalSorter(folder: folder, name: "bands", chunk: chunk)
        times = ExternalSorter(folder: folder, name: "times", chunk: chunk)
        record = [UInt8](repeating: 0, count: Self.recordSize)
    }

    func add(_ index: UInt32, sketch: PostSketch?, owner: UInt32, date: PublicationDate?) {
        do throws(ScanError) {
            let shingles = sketch?.shingles.prefix(NearDuplicateSketcher.kept) ?? []
            record.withUnsafeMutableBytes { raw in
                raw.storeBytes(of: UInt32(shingles.count).littleEndian, as: UInt32.self)
                for (offset, shingle) in shingles.enumerated() {
                    raw.storeBytes(of: shingle.littleEndian, toByteOffset: 4 * (offset + 1), as: UInt32.self)
                }
            }
            try shingleRecords.append(record)
            for key in sketch?.bandKeys ?? [] { try bands.append(key, index) }
            if let date, date.secondsSince1970 >= 0, date.secondsSince1970 <= Int64(UInt32.max) {
                try times.append(UInt64(owner) << 32 | UInt64(date.secondsSince1970), index)
            }
        } catch {
            failure = failure ?? error
        }
    }

    private func flushOnce() {
        guard !flushed else { return }
        flushed = true
        do throws(ScanError) {
            try shingleRecords.flush()
        } catch {
            failure = failure ?? error
        }
    }

    func forEachBucket(_ body: ([UInt32]) -> Void) {
        flushOnce()
        var bucket: [UInt32] = []
        var current: UInt64?
        do throws(ScanError) {
            try bands.forEachSorted { key, value in
                if key != current {
                    if bucket.count > 1 { body(bucket) }
                    bucket.removeAll(keepingCapacity: true)
                    current = key
                }
                if bucket.last != value { bucket.append(value) }
            }
        } catch {
            failure = failure ?? error
        }
        if bucket.count > 1 { body(bucket) }
    }

    func forEachDatedPost(_ body: (UInt32, Int64, UInt32) -> Void) {
        do throws(ScanError) {
            try times.forEachSorted { key, value in body(UInt32(key >> 32), Int64(key & 0xFFFF_FFFF), value) }
        } catch {
            failure = failure ?? error
        }
    }

    /// Recently read shingles, by post number modulo its size: a post is a candidate in several
    /// buckets, and each bucket reads its members again.
    private var cache = [(index: UInt32, shingles: [UInt32])?](repeating: nil, count: 1 << 16)

    func shingles(of index: UInt32) -> [UInt32] {
        let slot = Int(index) & (cache.count - 1)
        if let cached = cache[slot], cached.index == index { return cached.shingles }
        let read = readShingles(of: index)
        cache[slot] = (index, read)
        return read
    }

    private func readShingles(of index: UInt32) -> [UInt32] {
        flushOnce()
        var words = [UInt32](repeating: 0, count: 1 + NearDuplicateSketcher.kept)
        let found = words.withUnsafeMutableBytes { raw in
            shingleRecords.read(at: Int64(index) * Int64(Self.recordSize), count: Self.recordSize, into: raw)
        }
        let count = Int(UInt32(littleEndian: words[0]))
        guard found, count > 0, count <= NearDuplicateSketcher.kept else { return [] }
        return words[1...count].map { UInt32(littleEndian: $0) }
    }
}
