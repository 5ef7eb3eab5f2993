/// Sorts more (key, value) pairs than memory should hold: up to `chunk` pairs are sorted in memory
/// and written out as a run; at the end the runs are merged through a heap, reading each in chunks.
final class ExternalSorter {
    struct Pair: Comparable {
        var key: UInt64
        var value: UInt32

        static func < (lhs: Pair, rhs: Pair) -> Bool { (lhs.key, lhs.value) < (rhs.key, rhs.value) }
    }

    private let folder: ScratchFolder
    private let name: String
    private let chunk: Int
    private var buffer: [Pair] = []
    private var runs: [SpillFile] = []
    private(set) var count = 0

    init(folder: ScratchFolder, name: String, chunk: Int = 1 << 20) {
        self.folder = folder
        self.name = name
        self.chunk = chunk
        buffer.reserveCapacity(min(chunk, 1 << 16))
    }

    func append(_ key: UInt64, _ value: UInt32) throws(ScanError) {
        buffer.append(Pair(key: key, value: value))
        count += 1
        if buffer.count >= chunk { try spill() }
    }

    private func spill() throws(ScanError) {
        buffer.sort()
        let run = try SpillFile(folder.file("\(name)-\(runs.count)"))
        var bytes: [UInt8] = []
        bytes.reserveCapacity(buffer.count * 12)
        for pair in buffer {
            withUnsafeBytes(of: pair.key.littleEndian) { bytes.append(contentsOf: $0) }
            withUnsafeBytes(of: pair.value.littleEndian) { bytes.append(contentsOf: $0) }
        }
        try run.append(bytes)
        try run.flush()
        runs.append(run)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Every pair in order of key, then value.
    func forEachSorted(_ body: (UInt64, UInt32) -> Void) throws(ScanError) {
        if runs.isEmpty {
            buffer.sort()
            for pair in buffer { body(pair.key, pair.value) }
            return
        }
        if !buffer.isEmpty { try spill() }
        var readers = runs.map { SpillReader($0, chunk: 1 << 16) }
        func next(_ index: Int) -> Pair? {
            guard let bytes = readers[index].take(12) else { return nil }
            var key: UInt64 = 0
            var value: UInt32 = 0
            let start = bytes.startIndex
            for offset in 0..<8 { key |= UInt64(bytes[start + offset]) << UInt64(offset * 8) }
            for offset in 0..<4 { value |= UInt32(bytes[start + 8 + offset]) << UInt32(offset * 8) }
            return Pair(key: key, value: value)
        }
        // A binary min-heap of (pair, run).
        var heap: [(Pair, Int)] = []
        func siftUp(_ index: Int) {
            var child = index
            while child > 0 {
                let parent = (child - 1) / 2
                guard heap[child].0 < heap[parent].0 else { break }
                heap.swapAt(child, parent)
                child = parent
            }
        }
        func siftDown(_ index: Int) {
            var parent = index
            while true {
                let left = 2 * parent + 1
                let right = left + 1
                var smallest = parent
                if left < heap.count && heap[left].0 < heap[smallest].0 { smallest = left }
                if right < heap.count && heap[right].0 < heap[smallest].0 { smallest = right }
                guard smallest != parent else { return }
                heap.swapAt(parent, smallest)
                parent = smallest
            }
        }
        for index in readers.indices {
            if let pair = next(index) {
                heap.append((pair, index))
                siftUp(heap.count - 1)
            }
        }
        while let (pair, run) = heap.first {
            body(pair.key, pair.value)
            if let following = next(run) {
                heap[0] = (following, run)
            } else {
                heap[0] = heap[heap.count - 1]
                heap.removeLast()
            }
            if !heap.isEmpty { siftDown(0) }
        }
    }
}

import CriterioCore
import CriterioCrossPost

/// The cross-post store of a scan: each post's shingles in a file (found again by a fixed-size index
/// record), its band keys and its (owner, time) in external sorters. Memory stays flat: what grows
/// with the archive is on disk.
final class FileCrossPostStore: CrossPostStore {
    private let shingleData: SpillFile
    private let shingleIndex: SpillFile
    private let bands: ExternalSorter
    private let times: ExternalSorter
    private var flushed = false
    private(set) var failure: ScanError?

    /// `chunk`: pairs each sorter keeps in memory before it writes a run.
    init(folder: ScratchFolder, chunk: Int = 1 << 20) throws(ScanError) {
        shingleData = try SpillFile(folder.file("shingles"))
        shingleIndex = try SpillFile(folder.file("shingles-index"))
        bands = ExternalSorter(folder: folder, name: "bands", chunk: chunk)
        times = ExternalSorter(folder: folder, name: "times", chunk: chunk)
    }

    func add(_ index: UInt32, sketch: PostSketch?, owner: UInt32, date: PublicationDate?) {
        do throws(ScanError) {
            let shingles = sketch?.shingles ?? []
            let offset = try shingleData.append(shingles.withUnsafeBytes { Array($0) })
            var record: [UInt8] = []
            withUnsafeBytes(of: offset.littleEndian) { record.append(contentsOf: $0) }
            withUnsafeBytes(of: UInt32(shingles.count).littleEndian) { record.append(contentsOf: $0) }
            try shingleIndex.append(record)
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
            try shingleData.flush()
            try shingleIndex.flush()
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

    func shingles(of index: UInt32) -> [UInt32] {
        flushOnce()
        var record = (Int64(0), UInt32(0), UInt32(0))
        let found = withUnsafeMutableBytes(of: &record) { raw in
            shingleIndex.read(at: Int64(index) * 12, count: 12, into: UnsafeMutableRawBufferPointer(rebasing: raw[0..<12]))
        }
        let (offset, count) = (Int64(littleEndian: record.0), Int(UInt32(littleEndian: record.1)))
        guard found, count > 0 else { return [] }
        return [UInt32](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialized = shingleData.read(at: offset, count: count * 4, into: UnsafeMutableRawBufferPointer(buffer)) ? count : 0
        }
    }
}
