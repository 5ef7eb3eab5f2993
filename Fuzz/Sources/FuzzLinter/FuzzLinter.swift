import CriterioCore
import FuzzSupport

/// Any UTF-8 text as a post from memory (an archive record, the web form): normalisation and every rule.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLinter(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = Fuzzing.text(data, size)
    guard UTF8Validation.firstInvalidOffset(in: input) == nil else { return 0 }
    if let (bytes, map) = TextNormalizer.normalize(input) {
        precondition(UTF8Validation.firstInvalidOffset(in: bytes) == nil, "la normalización dejó UTF-8 inválido")
        precondition(bytes.filter { $0 == 0x0A }.count == input.filter { $0 == 0x0A }.count, "la normalización cambió las líneas")
        let whole = map.originalRange(of: 0..<bytes.count)
        precondition(whole.lowerBound >= 0 && whole.upperBound <= input.count, "el mapa sale del texto")
    }
    Fuzzing.check(Draft(path: "publicacion", text: SourceText(validatedBytes: input)))
    return 0
}
