import Foundation

/// The JSON Criterio writes, set up in one place: keys sorted (stable output for scripts, diffs and
/// hashes) and slashes left unescaped (paths and URLs read as written). `pretty` is for people and
/// reports; `compact` for one-line records (JSON Lines, payloads, stored details).
public enum JSONOutput {
    public enum Style: Sendable {
        case pretty
        case compact
    }

    public static func encoder(_ style: Style) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = style == .pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// The encoded bytes. The values Criterio writes are plain data, which always encode; should one
    /// not, `fallback` is written instead.
    public static func data(_ value: some Encodable, _ style: Style, fallback: String = "null") -> Data {
        (try? encoder(style).encode(value)) ?? Data(fallback.utf8)
    }

    /// The encoded text, without a final line break.
    public static func string(_ value: some Encodable, _ style: Style, fallback: String = "null") -> String {
        String(decoding: data(value, style, fallback: fallback), as: UTF8.self)
    }

    /// A document for standard output or a file: pretty, with a final line break.
    public static func document(_ value: some Encodable, fallback: String = "null") -> String {
        string(value, .pretty, fallback: fallback) + "\n"
    }
}
