import CriterioCore
import CriterioFoundation
import Foundation

/// `criterio-bench --lint-dir [--drafts N] [--runs R] [--seed S] [--tree PATH]`: generates a tree of
/// small drafts (100 per folder: Markdown with front matter, some plain text and some JSON, from
/// `CorpusGenerator`) and times, over it, the release `criterio lint DIR --format json` and
/// `rg -c 'CURP|[0-9]{10}' DIR` (ripgrep with one regular expression, every core), each run to its
/// end with its output to /dev/null. Prints the median wall time of each over the runs (after one
/// run each that warms the page cache) and their ratio; the target is a ratio under 4.
/// `--tree PATH` keeps the generated tree there.
enum LintDirBench {
    static func run(_ options: Options) throws {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("criterio").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw BenchError("no se encontró \(binary): compila antes con `scripts/build-release`")
        }
        guard let ripgrep = findInPath("rg") else {
            throw BenchError("no se encontró rg (ripgrep) en el PATH: instálalo con `apt-get install -y ripgrep`")
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("criterio-bench-lint-dir-\(getpid())")
        let tree = options.tree.map { URL(fileURLWithPath: $0) } ?? scratch
        let bytes = try generate(tree, drafts: options.drafts, seed: options.seed)
        defer { if options.tree == nil { try? FileManager.default.removeItem(at: scratch) } }
        print("Árbol: \(options.drafts) borradores en \((options.drafts + 99) / 100) carpetas, \(Bench.format(Double(bytes) / 1_000_000, 2)) MB (semilla \(options.seed))")
        if let kept = options.tree { print("  (se conserva en \(kept))") }

        let lintArguments = ["lint", tree.path, "--format", "json"]
        let grepArguments = ["-c", "CURP|[0-9]{10}", tree.path]
        // One run of each warms the page cache (and criterio's compiled lexicons); it is not counted.
        _ = try Bench.spawnMeasuring(binary, lintArguments)
        _ = try Bench.spawnMeasuring(ripgrep, grepArguments)
        var lintTimes: [Double] = []
        var grepTimes: [Double] = []
        var lintCPU: [Double] = []
        for run in 1...options.runs {
            let lint = try Bench.spawnMeasuring(binary, lintArguments)
            let grep = try Bench.spawnMeasuring(ripgrep, grepArguments)
            lintTimes.append(lint.milliseconds)
            lintCPU.append(lint.cpuMilliseconds)
            grepTimes.append(grep.milliseconds)
            print("  vuelta \(run): criterio \(Bench.format(lint.milliseconds, 0)) ms (CPU \(Bench.format(lint.cpuMilliseconds, 0)) ms, código \(lint.status)), rg \(Bench.format(grep.milliseconds, 0)) ms (CPU \(Bench.format(grep.cpuMilliseconds, 0)) ms)")
        }
        let lint = Bench.median(lintTimes)
        let grep = Bench.median(grepTimes)
        let ratio = lint / grep
        let cores = ProcessInfo.processInfo.activeProcessorCount
        print("")
        print("criterio lint DIR --format json (\(cores) núcleos, mediana de \(options.runs)): \(Bench.format(lint, 0)) ms, CPU \(Bench.format(Bench.median(lintCPU), 0)) ms, \(Bench.format(Double(options.drafts) / lint * 1000, 0)) borradores/s")
        print("rg -c 'CURP|[0-9]{10}' DIR (mediana de \(options.runs)): \(Bench.format(grep, 0)) ms")
        Bench.report("criterio lint DIR frente a rg", "\(Bench.format(ratio, 1))×", target: "< 4×", ok: ratio < 4)
    }

    /// Writes `drafts` drafts under `root`, 100 per folder; returns the bytes written.
    static func generate(_ root: URL, drafts: Int, seed: UInt64) throws -> Int {
        var generator = CorpusGenerator(seed: seed)
        var written = 0
        for number in 0..<drafts {
            let folder = root.appendingPathComponent(String(format: "area-%03d", number / 100))
            if number % 100 == 0 { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
            let (text, metadata) = generator.post()
            let network = metadata.network?.rawValue ?? "x"
            let media = metadata.media.map(\.value)
            let name: String
            let content: String
            switch number % 10 {
            case 8:
                name = String(format: "borrador-%05d.txt", number)
                content = text + "\n"
            case 9:
                name = String(format: "borrador-%05d.json", number)
                var json = JSONWriter(capacity: 512)
                json.raw("{")
                json.field("network", network)
                json.field("media", media)
                if let reply = metadata.replyTo { json.field("reply_to", reply) }
                json.field("text", text)
                json.raw("}\n")
                content = String(decoding: json.bytes, as: UTF8.self)
            default:
                name = String(format: "borrador-%05d.md", number)
                var front = "---\nnetwork: \(network)\n"
                if !media.isEmpty { front += "media: [\(media.joined(separator: ", "))]\n" }
                if let reply = metadata.replyTo { front += "reply_to: \(reply)\n" }
                content = front + "---\n" + text + "\n"
            }
            let data = Data(content.utf8)
            try data.write(to: folder.appendingPathComponent(name))
            written += data.count
        }
        return written
    }

    static func findInPath(_ program: String) -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(directory)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
