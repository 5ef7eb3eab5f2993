import CriterioCore
import CriterioFoundation
import CriterioScan
import Foundation

/// `criterio-bench --scan [--scan-posts N] [--runs R] [--gigabyte] [--archive PATH]`: generates a JSON Lines archive of
/// realistic posts of the institution's 300 accounts and times the release `criterio scan` on it
/// (`--format jsonl`, every core), printing posts per second (median of the runs) and the peak
/// resident memory of the process; with `--gigabyte`, also the peak memory for a 1 GB archive.
/// `--archive PATH` keeps the generated archive there, to scan it by hand. With `--x-archive`, the
/// archive is an X account archive (a folder with one `tweets.js`) of 100,000 tweets, or `--scan-posts`.
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

        let archive: String
        if options.xArchive {
            archive = options.archive ?? folder.appendingPathComponent("x").path
            let generated = try generateXArchive(archive, tweets: options.scanPosts, seed: options.seed)
            print("Archivo de X (carpeta): tweets.js de \(Bench.format(Double(generated.bytes) / 1_000_000, 1)) MB, \(options.scanPosts) tweets de una cuenta (semilla \(options.seed))")
        } else {
            archive = options.archive ?? folder.appendingPathComponent("publicaciones.jsonl").path
            let generated = try generate(archive, posts: options.scanPosts, seed: options.seed)
            print("Archivo: \(Bench.format(Double(generated.bytes) / 1_000_000, 1)) MB de JSON Lines, \(options.scanPosts) publicaciones de \(CorpusGenerator.accounts.count) cuentas (semilla \(options.seed))")
        }
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
        if options.xArchive {
            // The issue sets no target for X archives: the figures are for comparing runs.
            Bench.report(
                "criterio scan de un archivo de X (\(cores) núcleos, mediana de \(options.runs))",
                "\(Bench.format(median, 2)) s, \(Bench.format(rate, 0)) tweets/s", target: nil, ok: true)
            Bench.report("Memoria máxima (RSS)", "\(Bench.format(peaks.max() ?? 0, 0)) MB", target: nil, ok: true)
            return
        }
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

    /// An X account archive as its folder: `data/manifest.js` and one `data/tweets.js` (X writes one
    /// part until 50 GB) of `tweets` posts of one account, as X writes them: `t.co` links with their
    /// entities, the media link at the end of the text, the display range, X's dates.
    static func generateXArchive(_ path: String, tweets: Int, seed: UInt64) throws -> (tweets: Int, bytes: Int) {
        let data = URL(fileURLWithPath: path).appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        let manifest = """
            window.__THAR_CONFIG = {"userInfo": {"accountId": "1", "userName": "INEMexico", "displayName": "INE"},
              "dataTypes": {"tweets": {"files": [{"fileName": "data/tweets.js", "globalName": "YTD.tweets.part0", "count": "\(tweets)"}]}}}
            """
        try Data(manifest.utf8).write(to: data.appendingPathComponent("manifest.js"))
        let part = data.appendingPathComponent("tweets.js").path
        guard FileManager.default.createFile(atPath: part, contents: nil), let handle = FileHandle(forWritingAtPath: part) else {
            throw BenchError("no se pudo crear \(part)")
        }
        defer { try? handle.close() }
        let dates = DateFormatter()
        dates.locale = Locale(identifier: "en_US_POSIX")
        dates.timeZone = TimeZone(identifier: "UTC")
        dates.dateFormat = "EEE MMM dd HH:mm:ss Z yyyy"
        var generator = CorpusGenerator(seed: seed)
        var buffer = Array("window.YTD.tweets.part0 = [\n".utf8)
        var written = 0
        for number in 0..<tweets {
            let post = generator.archivedPost(number: number)
            var links: [(short: String, long: String)] = []
            var words = post.text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            for index in words.indices where words[index].hasPrefix("https://") {
                links.append(("https://t.co/\(String(number, radix: 36))\(links.count)", words[index]))
                words[index] = links[links.count - 1].short
            }
            var text = words.joined(separator: " ")
            let displayed = text.unicodeScalars.count
            let media = post.media.enumerated().map { (short: "https://t.co/m\(String(number, radix: 36))\($0.offset)", url: $0.element) }
            if let first = media.first { text += " " + first.short }
            var json = JSONWriter(capacity: 1_024)
            json.raw(number == 0 ? "{" : ",\n{")
            json.key("tweet")
            json.raw("{")
            json.field("id_str", post.id)
            json.field("id", post.id)
            json.field("created_at", dates.string(from: Date(timeIntervalSince1970: TimeInterval(post.createdAt))))
            json.field("full_text", text)
            json.field("display_text_range", ["0", String(displayed)])
            json.field("lang", "es")
            json.field("retweeted", false)
            json.field("favorite_count", "3")
            json.field("source", "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>")
            if let reply = post.replyTo { json.field("in_reply_to_status_id_str", reply) }
            json.key("entities")
            json.raw("{\"hashtags\":[],\"symbols\":[],\"user_mentions\":[],\"urls\":[")
            for (offset, link) in links.enumerated() {
                json.raw(offset == 0 ? "{" : ",{")
                json.field("url", link.short)
                json.field("expanded_url", link.long)
                json.field("display_url", String(link.long.dropFirst(8).prefix(24)))
                json.raw("}")
            }
            json.raw("]")
            if !media.isEmpty {
                var items = JSONWriter(capacity: 256)
                for (offset, item) in media.enumerated() {
                    items.raw(offset == 0 ? "{" : ",{")
                    items.field("url", item.short)
                    items.field("media_url_https", item.url)
                    items.field("expanded_url", "https://x.com/INEMexico/status/\(post.id)/photo/\(offset + 1)")
                    items.field("type", "photo")
                    items.raw("}")
                }
                json.key("media")
                json.raw("[")
                json.raw(items.bytes)
                json.raw("]}")
                json.key("extended_entities")
                json.raw("{\"media\":[")
                json.raw(items.bytes)
                json.raw("]")
            }
            json.raw("}}}")
            buffer.append(contentsOf: json.bytes)
            if buffer.count >= 1 << 22 {
                handle.write(Data(buffer))
                written += buffer.count
                buffer.removeAll(keepingCapacity: true)
            }
        }
        buffer.append(contentsOf: "\n]\n".utf8)
        handle.write(Data(buffer))
        return (tweets, written + buffer.count)
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
