// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "criterio",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "criterio", targets: ["criterio"]),
        .library(name: "CriterioCore", targets: ["CriterioCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
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
        // The linter core: text in, findings out. No file or network I/O.
        .target(name: "CriterioCore", dependencies: ["CriterioRegex"]),
        // The built-in rules, one file each.
        .target(name: "CriterioRules", dependencies: ["CriterioCore", "CriterioRegex"]),
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
            dependencies: ["CriterioCore", "CriterioRegex", .product(name: "Yams", package: "Yams")]
        ),
        // Output formats: text, line, json.
        .target(name: "CriterioReporters", dependencies: ["CriterioCore", "CriterioDrafts"]),
        // A lint run: inputs to report, and the exit status policy (shared by lint, the hook and scans).
        .target(
            name: "CriterioRunner",
            dependencies: ["CriterioCore", "CriterioDrafts", "CriterioReporters"]
        ),
        // The command-line tool. Thin: parses arguments and calls the libraries.
        .executableTarget(
            name: "criterio",
            dependencies: [
                "CriterioCore", "CriterioRules", "CriterioDrafts", "CriterioReporters", "CriterioRunner",
                "CriterioWordlists",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Throughput and latency benchmark: `swift run -c release criterio-bench`.
        .executableTarget(
            name: "criterio-bench",
            dependencies: ["CriterioCore", "CriterioRules", "CriterioWordlists"]
        ),
        .testTarget(name: "CriterioRegexTests", dependencies: ["CriterioRegex"]),
        .testTarget(
            name: "CriterioCoreTests",
            dependencies: [
                "CriterioCore", "CriterioRules", "CriterioWordlists", "CriterioDrafts", "CriterioReporters", "CriterioRunner",
            ],
            // Read from the source tree by the tests (#filePath), not bundled.
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "CriterioCLITests",
            dependencies: ["criterio"]
        ),
    ]
)
