// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "criterio",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "criterio", targets: ["criterio"]),
        .library(name: "CriterioCore", targets: ["CriterioCore"]),
        // For the fuzzers in Fuzz/ (a package of their own, built only by scripts/fuzz).
        .library(name: "CriterioRules", targets: ["CriterioRules"]),
        .library(name: "CriterioWordlists", targets: ["CriterioWordlists"]),
        .library(name: "CriterioDrafts", targets: ["CriterioDrafts"]),
        .library(name: "CriterioConfig", targets: ["CriterioConfig"]),
        .library(name: "CriterioRunner", targets: ["CriterioRunner"]),
        .library(name: "CriterioSpelling", targets: ["CriterioSpelling"]),
        .library(name: "CriterioArchives", targets: ["CriterioArchives"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        // Only its HummingbirdBcrypt product (with its C bcrypt) is used by the queue.
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        .package(url: "https://github.com/yaslab/CSV.swift", exact: "2.5.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // The web UI and JSON API (`criterio serve`).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
    ],
    targets: [
        // PCRE2 (8-bit code units) from Debian's libpcre2-dev.
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"])]
        ),
        // A small safe Swift type over PCRE2: compile once, JIT, reuse match data.
        .target(name: "CriterioRegex", dependencies: ["CPCRE2"]),
        // Where Criterio meets Foundation: the one JSON encoder set-up, Foundation's file, JSON and
        // decoding errors said in Spanish (`ExplainedError` marks Criterio's own), child processes
        // (`Subprocess`) and blocking work kept off the cooperative pool (`DedicatedThread`).
        .target(name: "CriterioFoundation"),
        // The linter core: text in, findings out. No file or network I/O.
        .target(name: "CriterioCore", dependencies: ["CriterioFoundation", "CriterioRegex"]),
        // The built-in rules, one file each.
        .target(name: "CriterioRules", dependencies: ["CriterioCore", "CriterioRegex", "CriterioCrossPost", "CriterioFoundation"]),
        // Hunspell (Debian `libhunspell-dev`), for the spelling rule.
        .systemLibrary(
            name: "CHunspell",
            pkgConfig: "hunspell",
            providers: [.apt(["libhunspell-dev"])]
        ),
        // The spelling dictionaries rules are handed (`SpellerSource`): Hunspell's, found on the
        // machine, with its answers kept between runs.
        .target(name: "CriterioSpelling", dependencies: ["CHunspell", "CriterioCore", "CriterioFoundation"]),
        // The lexicons and allow-lists the rules load, shipped as resources.
        .target(
            name: "CriterioWordlists",
            dependencies: ["CriterioCore"],
            path: "Wordlists",
            exclude: ["README.md"],
            sources: ["WordlistBundle.swift"],
            resources: [.copy("data")]
        ),
        // Drafts: .md/.txt with YAML front matter, .json, stdin; directories and globs.
        .target(
            name: "CriterioDrafts",
            dependencies: ["CriterioCore", "CriterioRegex", "CriterioFoundation", .product(name: "Yams", package: "Yams")]
        ),
        // `.criterio.yml`: found upwards from the working directory, validated with file and line
        // (the `queue:` section too, into the queue's own settings).
        .target(
            name: "CriterioConfig",
            dependencies: ["CriterioCore", "CriterioDrafts", "CriterioQueue", "CriterioFoundation", .product(name: "Yams", package: "Yams")]
        ),
        // Git: the staged content of drafts (the index), and the pre-commit hook.
        .target(name: "CriterioGit", dependencies: ["CriterioCore", "CriterioDrafts", "CriterioFoundation"]),
        // A lint run, as every front end runs it: the configured linter, inputs to report, baselines,
        // fixes, the consultation gate and the exit status policy (lint, the hook, consult, scans, the server).
        .target(
            name: "CriterioRunner",
            dependencies: [
                "CriterioCore", "CriterioDrafts", "CriterioGit", "CriterioConfig", "CriterioRules", "CriterioWordlists", "CriterioQueue",
                "CriterioFoundation", "CriterioSpelling", "CriterioCrossPost", .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Output formats of a lint report (text, line, json, sarif, junit, github), by `--format` name.
        .target(name: "CriterioReporters", dependencies: ["CriterioCore", "CriterioDrafts", "CriterioRunner", "CriterioFoundation"]),
        // simdjson (Debian `libsimdjson-dev`) behind a small C interface, for archives: its DOM parser
        // reads a JSON line in half a microsecond, where JSONDecoder took 18 µs, and its On-Demand
        // parser walks an X part tweet by tweet.
        .target(
            name: "CSimdJSON",
            cxxSettings: [.define("SIMDJSON_THREADS_ENABLED", to: "1")],  // as Debian's library was built (simdjson.pc)
            linkerSettings: [.linkedLibrary("simdjson")]
        ),
        // Archives of published posts (SPEC §9), one reader per format: JSON Lines, CSV, an X account
        // archive (.zip or folder), a Facebook posts export. Records in, archived posts out; no linting.
        .target(
            name: "CriterioArchives",
            dependencies: [
                "CriterioCore", "CriterioFoundation", "CSimdJSON", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        // The cross-post half of `spam`: near-duplicates (MinHash and LSH over word shingles) and
        // bursts of one account. No I/O: the posts' sketches live in a store the caller provides.
        .target(name: "CriterioCrossPost", dependencies: ["CriterioCore"]),
        // `criterio scan`: archives → bounded queue → one linter per core → ordered writer; the summary,
        // the jsonl/sarif output and the HTML report.
        .target(
            name: "CriterioScan",
            dependencies: [
                "CriterioCore", "CriterioArchives", "CriterioCrossPost", "CriterioReporters", "CriterioRunner", "CriterioFoundation",
            ]
        ),
        // The CNCS consultation queue (SPEC §6): states and transitions, clocks, claims, expiry, roles,
        // the hash-chained audit log and notification events; users, passwords (bcrypt), API tokens,
        // sessions and sign-in throttling (SPEC §8). No storage: it talks to a `QueueStore`.
        .target(
            name: "CriterioQueue",
            dependencies: [
                "CriterioFoundation", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ]
        ),
        // The queue's SQLite store (GRDB): migrations, transactions, the append-only log table.
        .target(
            name: "CriterioQueueSQLite",
            dependencies: ["CriterioQueue", "CriterioFoundation", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // The queue's PostgreSQL store (postgres-nio): migrations recorded in the database, transactions
        // that lock the audit head row, compare-and-swap on versions, an append-only log by triggers.
        .target(
            name: "CriterioQueuePostgres",
            dependencies: ["CriterioQueue", "CriterioFoundation", .product(name: "PostgresNIO", package: "postgres-nio")]
        ),
        // Notification delivery after commit: a sendmail-compatible command and a JSON webhook.
        .target(name: "CriterioNotifications", dependencies: ["CriterioQueue", "CriterioFoundation"]),
        // The web UI and JSON API of SPEC §8 (Hummingbird): one route table, the auth and CSRF
        // middleware, security headers, Mustache pages, metrics and the ticker. Thin over the queue
        // service and the runner; `criterio serve` starts it.
        .target(
            name: "CriterioServer",
            dependencies: [
                "CriterioCore", "CriterioRunner", "CriterioReporters", "CriterioQueue", "CriterioNotifications",
                "CriterioFoundation", "CriterioConfig", "CriterioDrafts",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Templates"), .copy("Static"), .copy("openapi.json")]
        ),
        // The command-line tool. Thin: parses arguments and calls the libraries.
        .executableTarget(
            name: "criterio",
            dependencies: [
                "CriterioCore", "CriterioRules", "CriterioDrafts", "CriterioReporters", "CriterioRunner",
                "CriterioConfig", "CriterioGit", "CriterioQueue", "CriterioQueueSQLite", "CriterioQueuePostgres", "CriterioNotifications",
                "CriterioFoundation", "CriterioRegex", "CriterioScan", "CriterioArchives", "CriterioServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Throughput and latency benchmark: `swift run -c release criterio-bench`.
        .executableTarget(
            name: "criterio-bench",
            dependencies: ["CriterioCore", "CriterioRules", "CriterioWordlists", "CriterioFoundation", "CriterioSpelling", "CriterioScan"]
        ),
        // The queue's benchmark on SQLite and PostgreSQL: `scripts/bench-queue`.
        .executableTarget(name: "criterio-queue-bench", dependencies: ["CriterioQueue", "CriterioQueueSQLite", "CriterioQueuePostgres"]),
        .testTarget(name: "CriterioRegexTests", dependencies: ["CriterioRegex"]),
        .testTarget(
            name: "CriterioCoreTests",
            dependencies: [
                "CriterioCore", "CriterioRules", "CriterioWordlists", "CriterioDrafts", "CriterioReporters", "CriterioRunner",
                "CriterioSpelling",
            ],
            // Read from the source tree by the tests (#filePath), not bundled.
            exclude: ["Fixtures"]
        ),
        // The queue's rules, run against every store (SQLite, and PostgreSQL on the server in
        // CRITERIO_TEST_POSTGRES_URL, which scripts/test starts).
        .testTarget(
            name: "CriterioQueueTests",
            dependencies: [
                "CriterioQueue", "CriterioQueueSQLite", "CriterioQueuePostgres", "CriterioNotifications",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        // The pieces every front end shares: the configured linter, the consultation gate, the
        // reporter registry, and Foundation's errors in Spanish.
        .testTarget(
            name: "CriterioRunnerTests",
            dependencies: [
                "CriterioRunner", "CriterioReporters", "CriterioFoundation", "CriterioCore", "CriterioDrafts", "CriterioConfig",
                "CriterioQueue", "CriterioQueueSQLite",
            ]
        ),
        .testTarget(
            name: "CriterioScanTests",
            dependencies: [
                "CriterioCore", "CriterioArchives", "CriterioCrossPost", "CriterioScan", "CriterioRules", "CriterioWordlists",
                "CriterioDrafts", "CriterioReporters", "CriterioRunner", "CriterioSpelling", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // Every route through HummingbirdTesting: the authorisation matrix, CSRF, sessions, limits, pages.
        .testTarget(
            name: "CriterioServerTests",
            dependencies: [
                "CriterioServer", "CriterioQueue", "CriterioQueueSQLite", "CriterioRunner", "CriterioFoundation", "CriterioConfig", "CriterioNotifications",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "CriterioCLITests",
            dependencies: ["criterio"]
        ),
    ],
    cxxLanguageStandard: .cxx17  // simdjson's
)
