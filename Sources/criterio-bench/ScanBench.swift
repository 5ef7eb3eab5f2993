import CriterioCore
import CriterioFoundation
import CriterioScan
import Foundation

/// `criterio-bench --scan [--scan-posts N] [--runs R] [--gigabyte] [--archive PATH]`: generates a JSON Lines archive of
/// realistic posts of the institution's 300 accounts and times the release `criterio scan` on it
/// (`--format jsonl`, every core), printing posts per second (median of the runs) and the peak
/// resident memory of the process; with `--gigabyte`, also the peak memory for a 1 GB archive.
/// `--archive PATH` keeps the generated archive there, to scan it by hand.
enum ScanBench {
    static func run(_ options: Options) throws {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("criterio")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            print("No se encontró \(binary.path): compila antes con `scripts/build-release`.")
            return
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("criterio-bench-scan-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let cores = ProcessInfo.processInfo.activeProcessorCount

        let archive = options.archive ?? folder.appendingPathComponent("publicaciones.jsonl").path
        let generated = try generate(archive, posts: options.scanPosts, seed: options.seed)
        print("Archivo: \(Bench.format(Double(generated.bytes) / 1_000_000, 1)) MB de JSON Lines, \(options.scanPosts) publicaciones de \(CorpusGenerator.accounts.count) cuentas (semilla \(options.seed))")
        if let kept = options.archive { print("  (se conserva en \(kept))") }

        // The first run compiles the lexicons into the cache; it is not counted.
        _ = try timedScan(binary.path, archive)
        var seconds: [Double] = []
        var peaks: [Double] = []
        for run in 1...options.runs {
            let (elapsed, peak, status) = try timedScan(binary.path, archive)
            seconds.append(elapsed)
            peaks.append(peak)
            print("  vuelta \(run): \(Bench.format(elapsed, 2)) s, memoria máxima \(Bench.format(peak, 0)) MB (código \(status))")
        }
        let median = Bench.median(seconds)
        let rate = Double(options.scanPosts) / median
        print("")
        Bench.report(
            "criterio scan --format jsonl (\(cores) núcleos, mediana de \(options.runs))",
            "\(Bench.format(median, 2)) s, \(Bench.format(rate, 0)) pub/s", target: "≥ 50000 pub/s", ok: rate >= 50_000)
        Bench.report("Memoria máxima (RSS)", "\(Bench.format(peaks.max() ?? 0, 0)) MB", target: "< 200 MB", ok: (peaks.max() ?? 0) < 200)
        let history = 300.0 * 20_000
        print("Historia de 300 cuentas × 20 000 publicaciones (6 millones): \(Bench.format(history / rate / 60, 1)) minutos a este ritmo")

        if options.gigabyte {
            if options.archive == nil { try FileManager.default.removeItem(atPath: archive) }
            let large = folder.appendingPathComponent("grande.jsonl").path
            let big = try generate(large, bytes: 1_000_000_000, seed: options.seed + 1)
            print("")
            print("Archivo grande: \(Bench.format(Double(big.bytes) / 1_000_000, 0)) MB, \(big.posts) publicaciones")
            let (elapsed, peak, status) = try timedScan(binary.path, large)
            print("  \(Bench.format(elapsed, 1)) s, \(Bench.format(Double(big.posts) / elapsed, 0)) pub/s (código \(status))")
            Bench.report("Memoria máxima (RSS) con 1 GB", "\(Bench.format(peak, 0)) MB", target: "< 200 MB", ok: peak < 200)
        }
    }

    /// Writes posts until `posts` of them or `bytes` bytes.
    static func generate(_ path: String, posts: Int = .max, bytes limit: Int = .max, seed: UInt64) throws -> (posts: Int, bytes: Int) {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw BenchError("no se pudo crear \(path)")
        }
        defer { try? handle.close() }
        var generator = CorpusGenerator(seed: seed)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 22)
        var written = 0
        var count = 0
        while count < posts && written < limit {
            let post = generator.archivedPost(number: count)
            var json = JSONWriter(capacity: 512)
            json.raw("{")
            json.field("id", post.id)
            json.field("account", post.account)
            json.field("network", post.network.rawValue)
            json.field("created_at", PublicationDate(secondsSince1970: post.createdAt).iso8601)
            json.field("text", post.text)
            json.field("media", post.media)
            if let reply = post.replyTo { json.field("reply_to", reply) }
            json.raw("}\n")
            buffer.append(contentsOf: json.bytes)
            written += json.bytes.count
            count += 1
            if buffer.count >= 1 << 22 {
                handle.write(Data(buffer))
                buffer.removeAll(keepingCapacity: true)
            }
        }
        handle.write(Data(buffer))
        return (count, written)
    }

    /// Wall seconds, peak resident memory in MB and exit status of `criterio scan ARCHIVE --format jsonl`.
    static func timedScan(_ binary: String, _ archive: String) throws -> (Double, Double, Int32) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let arguments = [binary, "scan", archive, "--format", "jsonl", "--quiet"]
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        guard posix_spawn(&pid, binary, &actions, nil, argv, environ) == 0 else { throw BenchError("no se pudo ejecutar \(binary)") }
        var status: Int32 = 0
        var usage = rusage()
        wait4(pid, &status, 0, &usage)
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return (elapsed, Double(usage.ru_maxrss) / 1024, (status >> 8) & 0xFF)
    }
}
