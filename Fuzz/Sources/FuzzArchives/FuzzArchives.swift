import CriterioArchives
import CriterioCore
import Foundation
import FuzzSupport

/// One file per process, rewritten for every input: the readers take a path, as `criterio scan` does.
private let path = FileManager.default.temporaryDirectory.appendingPathComponent("criterio-fuzz-archivo-\(getpid())").path

/// Any bytes as an archive of published posts: the format is recognised by content (JSON Lines, CSV
/// with `--text-column`, an X part behind `window.YTD…`, a Facebook export, a zip), every record is
/// read and decoded, and each post is linted. A bad archive or record is an error, never a crash.
/// The first byte chooses whether the CSV reader is forced (odd) or the content decides (even).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzArchives(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = Fuzzing.text(data, size)
    guard let choice = bytes.first else { return 0 }
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes.dropFirst())) else { return 0 }
    let options = ArchiveOptions(textColumn: choice & 1 == 1 ? "texto" : nil)
    guard let (_, reader) = try? Archives.open(path, options: options) else { return 0 }
    let decoder = ArchiveRecordDecoder()
    try? reader.read(problem: { _ in }) { record in
        if case .success(let post) = decoder.decode(record) { Fuzzing.check(post.draft()) }
    }
    return 0
}
