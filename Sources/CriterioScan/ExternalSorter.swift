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

    init(folder: ScratchFolder, name: String, chunk: Int = 1 << 19) {
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

    /// Sorts the buffer by key, keeping the order of equal keys (values were appended in ascending
    /// order): an LSD radix sort, a byte at a time, several times faster than comparing pairs.
    private func sortBuffer() {
        guard buffer.count > 1 else { return }
        var scratch = [Pair](repeating: Pair(key: 0, value: 0), count: buffer.count)
        buffer.withUnsafeMutableBufferPointer { source in
            scratch.withUnsafeMutableBufferPointer { target in
                var input = source
                var output = target
                var counts = [Int](repeating: 0, count: 256)
                for shift in stride(from: UInt64(0), to: 64, by: 8) {
                    for index in 0..<256 { counts[index] = 0 }
                    for pair in input { counts[Int((pair.key >> shift) & 0xFF)] += 1 }
                    // A byte every key shares orders nothing.
                    if counts.contains(input.count) { continue }
                    var total = 0
                    for index in 0..<256 {
                        let count = counts[index]
                        counts[index] = total
                        total += count
                    }
                    for pair in input {
                        let digit = Int((pair.key >> shift) & 0xFF)
                        output[counts[digit]] = pair
                        counts[digit] += 1
                    }
                    swap(&input, &output)
                }
                if input.baseAddress != source.baseAddress { _ = source.update(fromContentsOf: input) }
            }
        }
    }

    private func spill() throws(ScanError) {
        sortBuffer()
        let run = try SpillFile(folder.file("\(name)-\(runs.count)"), buffered: false)
        var bytes = [UInt8](repeating: 0, count: buffer.count * 12)
        bytes.withUnsafeMutableBytes { raw in
            for (index, pair) in buffer.enumerated() {
                raw.storeBytes(of: pair.key.littleEndian, toByteOffset: index * 12, as: UInt64.self)
                raw.storeBytes(of: pair.value.littleEndian, toByteOffset: index * 12 + 8, as: UInt32.self)
            }
        }
        try run.append(bytes)
        runs.append(run)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Every pair in order of key, then value.
    func forEachSorted(_ body: (UInt64, UInt32) -> Void) throws(ScanError) {
        if runs.isEmpty {
            sortBuffer()
            for pair in buffer { body(pair.key, pair.value) }
            return
        }
        if !buffer.isEmpty { try spill() }
        var readers = runs.map { SpillReader($0, chunk: 12 << 12) }
        func next(_ index: Int) -> Pair? {
            guard let bytes = readers[index].take(12) else { return nil }
            return bytes.withUnsafeBytes { raw in
                Pair(
                    key: UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self)),
                    value: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt32.self)))
            }
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
