import CriterioDrafts
import FuzzSupport

/// The first byte chooses how the rest is read (Markdown, text or JSON); the rest is the file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDrafts(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = Fuzzing.text(data, size)
    guard let selector = input.first else { return 0 }
    let formats: [(DraftFormat, String)] = [(.markdown, "borrador.md"), (.plainText, "borrador.txt"), (.json, "borrador.json")]
    let (format, path) = formats[Int(selector) % formats.count]
    // Media are answered from the input itself: no disk.
    guard let draft = try? DraftParser.parse(Array(input.dropFirst()), path: path, format: format, inspectMedia: { _ in nil }) else { return 0 }
    Fuzzing.check(draft)
    return 0
}
