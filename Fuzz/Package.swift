// swift-tools-version: 5.4
// Tools version 5.4 on purpose: from 5.5 SwiftPM renames an executable's entry point and links it
// with `--defsym main=<Module>_main`, which clashes with libFuzzer's own `main`. These targets
// have no entry point (`-parse-as-library`); libFuzzer's `main` calls `LLVMFuzzerTestOneInput`.
//
// Built only by `scripts/fuzz` (`-sanitize=fuzzer,address`, scratch path `.build-fuzz`), never by the
// package's normal build.
import PackageDescription

let package = Package(
    name: "criterio-fuzz",
    dependencies: [
        .package(name: "criterio", path: ".."),
    ],
    targets: [
        // What every fuzzer shares: the configured linter, and the checks of what a draft's
        // positions and fixes must satisfy (a broken one is a crash, which libFuzzer reports).
        .target(
            name: "FuzzSupport",
            dependencies: [
                .product(name: "CriterioCore", package: "criterio"), .product(name: "CriterioRules", package: "criterio"),
                .product(name: "CriterioWordlists", package: "criterio"), .product(name: "CriterioRunner", package: "criterio"),
                .product(name: "CriterioSpelling", package: "criterio"),
            ]),
        // Reading drafts: Markdown and text with front matter, JSON; then linting and fixing them.
        .executableTarget(name: "fuzz-drafts", dependencies: ["FuzzSupport", .product(name: "CriterioDrafts", package: "criterio")], path: "Sources/FuzzDrafts"),
        // The linter (normalisation and every rule) on arbitrary text.
        .executableTarget(name: "fuzz-linter", dependencies: ["FuzzSupport"], path: "Sources/FuzzLinter"),
        // Loading `.criterio.yml` and building its linter.
        .executableTarget(
            name: "fuzz-config",
            dependencies: ["FuzzSupport", .product(name: "CriterioConfig", package: "criterio")], path: "Sources/FuzzConfig"),
        // Archive records (`criterio scan`): JSON Lines, CSV, an X archive's parts, a Facebook export.
        .executableTarget(
            name: "fuzz-archives",
            dependencies: ["FuzzSupport", .product(name: "CriterioArchives", package: "criterio")], path: "Sources/FuzzArchives"),
    ]
)
