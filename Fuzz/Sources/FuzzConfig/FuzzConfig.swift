import CriterioConfig
import CriterioCore
import CriterioRules
import CriterioWordlists
import FuzzSupport

private let loader = ConfigurationLoader(rules: BuiltInRules.all.map { $0.description }, wordlistExists: BundledWordlists.exists)

/// Any text as `.criterio.yml`: it is refused with an error, or its linter is built and lints a draft.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let text = String(validating: Fuzzing.text(data, size), as: UTF8.self),
        let configuration = try? loader.load(text: text, path: "/nonexistent/.criterio.yml")
    else { return 0 }
    guard
        let linter = try? Linter(
            ruleTypes: BuiltInRules.all, settings: configuration.rules, wordlists: BundledWordlists(additions: configuration.wordlists),
            spellers: Fuzzing.spellers)
    else { return 0 }
    Fuzzing.check(Draft(path: "a.md", text: "¡VOTA! Mi CURP es HEGG560427MVZRRL04, llama al 55 1234 5678 #Vota #Vota https://bit.ly/x"), with: linter)
    return 0
}
