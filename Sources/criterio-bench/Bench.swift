import CriterioCore
import CriterioFoundation
import CriterioRules
import CriterioSpelling
import CriterioWordlists
import Foundation

/// `scripts/build-release && .build/release/criterio-bench [--posts N] [--runs R] [--seed S] [--skip-process] [--rules a,b]`
/// (and `--scan`: the throughput and memory of `criterio scan`, see `ScanBench`; `--lint-dir`:
/// `criterio lint DIR` over 10,000 drafts against ripgrep, see `LintDirBench`)
///
/// Prints, for the full rule set on one core, the throughput over a generated corpus (MB/s of post
/// text and posts/s, median of the runs), and the wall time of the `criterio lint` process on one
/// draft (median of repeated launches of the release binary next to this one).
///
/// `criterio-bench --pathological [--runs R]` instead lints drafts made to be slow (`PathologicalInputs`)
/// and prints the worst wall time of each.
@main
struct Bench {
    static func main() {
        do {
            try run()
        } catch {
            // A bad option or a failed step: a Spanish line and status 2, not a trap at the top level.
            FileHandle.standardError.write(Data("criterio-bench: \(error)\n".utf8))
            exit(2)
        }
    }

    static func run() throws {
        var options = Options()
        try options.parse(Array(CommandLine.arguments.dropFirst()))
        if options.scan { return try ScanBench.run(options) }
        if options.lintDir { return try LintDirBench.run(options) }
        if options.pathological {
            let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("criterio").path
            guard FileManager.default.isExecutableFile(atPath: binary) else {
                throw BenchError("no se encontró \(binary): compila antes con `scripts/build-release`")
            }
            try PathologicalInputs.run(binary: binary, runs: options.pathologicalRuns)
            return
        }

        let ruleTypes = options.rules.map { ids in BuiltInRules.all.filter { ids.contains($0.description.id) } } ?? BuiltInRules.all
        let linter = try Linter(ruleTypes: ruleTypes, wordlists: BundledWordlists(), spellers: HunspellSpellers(cacheDirectory: nil))
        var generator = CorpusGenerator(seed: options.seed)
        let corpus = (0..<options.posts).map { _ in generator.post() }
        let bytes = corpus.reduce(0) { $0 + $1.text.utf8.count }
        print("Corpus: \(options.posts) publicaciones generadas, \(format(Double(bytes) / 1_000_000, 2)) MB de texto (semilla \(options.seed))")

        // Warm up caches and lazily initialised patterns.
        var findings = 0
        for post in corpus.prefix(2_000) { findings += linter.lint(Draft(path: "p", text: post.text, metadata: post.metadata)).count }

        var seconds: [Double] = []
        for run in 1...options.runs {
            findings = 0
            let start = DispatchTime.now().uptimeNanoseconds
            for post in corpus {
                findings += linter.lint(Draft(path: "p", text: post.text, metadata: post.metadata)).count
            }
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            seconds.append(elapsed)
            print("  vuelta \(run): \(format(elapsed, 3)) s, \(findings) hallazgos")
        }
        let median = Self.median(seconds)
        let megabytesPerSecond = Double(bytes) / 1_000_000 / median
        let postsPerSecond = Double(options.posts) / median
        print("")
        print("Reglas: \(linter.rules.map { type(of: $0).description.id }.joined(separator: ", ")) (un núcleo)")
        report("Rendimiento (mediana de \(options.runs))", format(megabytesPerSecond, 1) + " MB/s", target: "≥ 25 MB/s", ok: megabytesPerSecond >= 25)
        report("Publicaciones por segundo", format(postsPerSecond, 0) + " pub/s", target: "≥ 100000 pub/s", ok: postsPerSecond >= 100_000)

        if !options.skipProcess {
            try processWallTime(launches: options.launches)
            try hookWallTime(launches: options.launches)
        }
    }

    /// Wall time of `criterio lint --staged` (what the pre-commit hook runs) on a commit staging five drafts.
    static func hookWallTime(launches: Int) throws {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("criterio")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else { return }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("criterio-bench-hook-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var generator = CorpusGenerator(seed: 5)
        for number in 1...5 {
            let post = generator.post()
            let text = "---\nnetwork: x\nmedia: [https://www.ine.mx/img/\(number).jpg]\n---\n\(post.text)\n"
            try Data(text.utf8).write(to: folder.appendingPathComponent("borrador-\(number).md"))
        }
        for arguments in [["init", "-q"], ["add", "."]] {
            _ = try Subprocess.run("git", ["-C", folder.path] + arguments)
        }
        guard FileManager.default.changeCurrentDirectoryPath(folder.path) else { return }
        reportWallTime(
            "criterio lint --staged (hook, 5 borradores, \(launches) ejecuciones)",
            try launchTimes(binary.path, ["lint", "--staged"], launches: launches), limit: 50)
    }

    /// Wall time of `criterio lint DRAFT`, from launch to exit.
    static func processWallTime(launches: Int) throws {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("criterio")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            print("No se encontró \(binary.path): compila antes con `scripts/build-release`.")
            return
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("criterio-bench-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let draft = folder.appendingPathComponent("borrador.md")
        try Data("""
            ---
            network: x
            media: [https://www.ine.mx/img/casillas.jpg]
            ---
            Este domingo se instalarán más de 170 mil casillas. Consulta la tuya en ubicatucasilla.ine.mx
            y llama a INETEL al 800 433 2000 si tienes dudas. #Elecciones2024

            """.utf8).write(to: draft)
        // What any run costs before linting: loading the binary and its libraries.
        let startup = try launchTimes(binary.path, ["--version"], launches: launches)
        report("Arranque del proceso (criterio --version, \(launches) ejecuciones)", "mediana \(format(median(startup), 1)) ms", target: nil, ok: true)
        reportWallTime("criterio lint (1 borrador, \(launches) ejecuciones)", try launchTimes(binary.path, ["lint", draft.path], launches: launches))

        // A draft with a `consult` finding, covered by an approved consultation: lint opens the
        // queue's database (read-only) and looks up the SHA-256 of its text.
        let consulted = folder.appendingPathComponent("consulta.md")
        try Data("""
            ---
            network: facebook
            media: [https://www.ine.mx/img/sesion.png]
            ---
            El INE condena el intento de linchamiento contra personal de capacitación electoral.

            """.utf8).write(to: consulted)
        let database = folder.appendingPathComponent("cola.sqlite").path
        setenv("CRITERIO_DATABASE_URL", database, 1)
        unsetenv("CRITERIO_NOW")
        for step in [
            ["users", "add", "sofia", "--role", "supervisor", "--create"], ["users", "add", "ana", "--role", "admin", "--area", "DECEYEC", "--as", "sofia"],
            ["users", "add", "rosa", "--role", "cncs", "--as", "sofia"],
            ["consult", "submit", consulted.path, "--question", "¿Se puede?", "--as", "ana"], ["queue", "claim", "1", "--as", "rosa"],
            ["queue", "approve", "1", "--comment", "Sí.", "--as", "rosa"],
        ] {
            guard try spawnAndWait(binary.path, step, status: true) == 0 else { throw BenchError("falló: criterio \(step.joined(separator: " "))") }
        }
        guard try spawnAndWait(binary.path, ["lint", consulted.path], status: true) == 0 else {
            throw BenchError("criterio lint no aceptó la consulta aprobada")
        }
        reportWallTime(
            "criterio lint (1 borrador con consulta aprobada en la cola, \(launches) ejecuciones)",
            try launchTimes(binary.path, ["lint", consulted.path], launches: launches))
    }

    /// The wall time of `launches` runs, after three that warm the page cache.
    static func launchTimes(_ path: String, _ arguments: [String], launches: Int) throws -> [Double] {
        var times: [Double] = []
        for launch in 0..<(launches + 3) {
            let elapsed = try spawnAndWait(path, arguments)
            if launch >= 3 { times.append(elapsed) }
        }
        return times
    }

    /// Median and p90 of launch times, against a limit in milliseconds on the median.
    static func reportWallTime(_ label: String, _ times: [Double], limit: Double = 30) {
        let sorted = times.sorted()
        let median = Self.median(times)
        report(
            label, "mediana \(format(median, 1)) ms, p90 \(format(sorted[Int(Double(sorted.count - 1) * 0.9)], 1)) ms",
            target: "< \(format(limit, 0)) ms", ok: median < limit)
    }

    /// Milliseconds from `posix_spawn` to `waitpid` returning, output to /dev/null. (Foundation's
    /// `Process` adds its own latency to short-lived children.)
    static func spawnAndWait(_ path: String, _ arguments: [String]) throws -> Double {
        try spawnAndWait(path, arguments, status: false)
    }

    /// With `status`, returns the exit status instead of the time.
    static func spawnAndWait(_ path: String, _ arguments: [String], status wantsStatus: Bool) throws -> Double {
        let run = try spawn(path, arguments)
        return wantsStatus ? Double(run.status) : run.milliseconds
    }

    /// Runs a program to its end, output to /dev/null: how long it took and its exit status.
    static func spawn(_ path: String, _ arguments: [String]) throws -> (milliseconds: Double, status: Int32) {
        let run = try spawnMeasuring(path, arguments)
        return (run.milliseconds, run.status)
    }

    /// Runs a program to its end, output to /dev/null: its wall time, the processor time it used
    /// (user and system, from `wait4`; what a loaded machine does not inflate) and its exit status.
    static func spawnMeasuring(_ path: String, _ arguments: [String]) throws -> (milliseconds: Double, cpuMilliseconds: Double, status: Int32) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        guard posix_spawn(&pid, path, &actions, nil, argv, environ) == 0 else {
            throw BenchError("no se pudo ejecutar \(path)")
        }
        var status: Int32 = 0
        var usage = rusage()
        wait4(pid, &status, 0, &usage)
        func milliseconds(_ time: timeval) -> Double { Double(time.tv_sec) * 1000 + Double(time.tv_usec) / 1000 }
        return (
            Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6, milliseconds(usage.ru_utime) + milliseconds(usage.ru_stime),
            (status >> 8) & 0xFF
        )
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    /// One figure, with its target when it has one.
    static func report(_ label: String, _ value: String, target: String?, ok: Bool) {
        guard let target else { return print("\(label): \(value)") }
        print("\(label): \(value)  (objetivo \(target): \(ok ? "cumple" : "NO cumple"))")
    }

    static func format(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

struct Options {
    var posts = 100_000
    var runs = 5
    var seed: UInt64 = 2024
    var launches = 30
    var skipProcess = false
    /// Lint the pathological inputs instead (`--pathological`), each this many times.
    var pathological = false
    var pathologicalRuns = 3
    /// `criterio scan` instead: posts of the generated archive, and whether to also measure a 1 GB one.
    var scan = false
    var scanPosts = 1_000_000
    private var scanPostsGiven = false
    var gigabyte = false
    /// Where to keep the generated archive (otherwise a temporary folder).
    var archive: String?
    /// Scan an X account archive instead of JSON Lines (`--x-archive`).
    var xArchive = false
    /// Only these rules (to see what one costs); all by default.
    var rules: Set<String>?
    /// `criterio lint DIR` against ripgrep instead (`LintDirBench`): drafts of the tree, and where to keep it.
    var lintDir = false
    var drafts = 10_000
    var tree: String?

    mutating func parse(_ arguments: [String]) throws {
        var iterator = arguments.makeIterator()
        /// The value after `option`, a whole number of at least `minimum`: anything else is an error, not the default.
        func number(_ option: String, minimum: Int = 1) throws -> Int {
            let value = iterator.next()
            guard let value, let number = Int(value), number >= minimum else {
                throw BenchError("«\(option)» espera un número entero de al menos \(minimum)" + (value.map { ", no «\($0)»" } ?? ""))
            }
            return number
        }
        func text(_ option: String) throws -> String {
            guard let value = iterator.next(), !value.isEmpty else { throw BenchError("falta el valor de «\(option)»") }
            return value
        }
        while let argument = iterator.next() {
            switch argument {
            case "--posts": posts = try number(argument)
            case "--runs":
                runs = try number(argument)
                pathologicalRuns = runs
            case "--pathological": pathological = true
            case "--seed": seed = UInt64(try number(argument, minimum: 0))
            case "--launches": launches = try number(argument)
            case "--skip-process": skipProcess = true
            case "--scan": scan = true
            case "--scan-posts":
                scanPosts = try number(argument)
                scanPostsGiven = true
            case "--x-archive": xArchive = true
            case "--gigabyte": gigabyte = true
            case "--archive": archive = try text(argument)
            case "--lint-dir": lintDir = true
            case "--drafts": drafts = try number(argument)
            case "--tree": tree = try text(argument)
            case "--rules": rules = Set(try text(argument).split(separator: ",").map(String.init))
            default:
                print("Uso: criterio-bench [--posts N] [--runs R] [--seed S] [--launches L] [--skip-process] [--rules id,id]")
                print("     criterio-bench --pathological [--runs R]")
                print("     criterio-bench --scan [--scan-posts N] [--runs R] [--seed S] [--gigabyte] [--archive RUTA] [--x-archive]")
                print("     criterio-bench --lint-dir [--drafts N] [--runs R] [--seed S] [--tree RUTA]")
                exit(2)
            }
        }
        if xArchive && !scanPostsGiven { scanPosts = 100_000 }
    }
}
