import CPCRE2

/// A regular expression compiled once by PCRE2 (UTF-8, Unicode properties, JIT when available)
/// and shared by every thread that lints.
///
/// Subjects are UTF-8 byte buffers that the caller has already validated: matching passes
/// `PCRE2_NO_UTF_CHECK`, because validating a buffer on every call is quadratic over a post.
/// Offsets in and out are byte offsets into that buffer.
public final class RegexPattern: @unchecked Sendable {
    // Safety: after `pcre2_compile` and `pcre2_jit_compile` return, the compiled code is only
    // read. PCRE2 documents a compiled pattern as shareable between threads for matching,
    // each thread using its own match data (here, a `MatchScratch`).

    public struct Options: OptionSet, Sendable {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }
        /// Letters match either case, Unicode-aware (`É` matches `é`).
        public static let caseInsensitive = Options(rawValue: UInt32(PCRE2_CASELESS))
        /// `^` and `$` match at line starts and ends.
        public static let multiline = Options(rawValue: UInt32(PCRE2_MULTILINE))
        /// The match must start exactly at the start offset given to `firstMatch`.
        public static let anchored = Options(rawValue: PCRE2_ANCHORED)
    }

    /// The pattern as written.
    public let source: String
    /// How many capture groups the pattern has.
    public let captureCount: Int
    /// Whether PCRE2 compiled the pattern to machine code.
    public let isJITCompiled: Bool

    private let code: OpaquePointer

    /// Compiles `source`. Throws `RegexCompileError` (with the byte offset of the problem) when
    /// PCRE2 rejects it; never crashes on a bad pattern.
    public init(_ source: String, options: Options = []) throws(RegexCompileError) {
        var errorCode: Int32 = 0
        var errorOffset = 0
        let flags = UInt32(PCRE2_UTF) | UInt32(PCRE2_UCP) | options.rawValue
        let compiled: OpaquePointer? = source.withCString { pointer in
            pointer.withMemoryRebound(to: UInt8.self, capacity: source.utf8.count) { bytes in
                pcre2_compile_8(bytes, source.utf8.count, flags, &errorCode, &errorOffset, nil)
            }
        }
        guard let compiled else {
            throw RegexCompileError(pattern: source, offset: errorOffset, reason: Self.message(for: errorCode))
        }
        self.code = compiled
        self.source = source
        self.isJITCompiled = pcre2_jit_compile_8(compiled, UInt32(PCRE2_JIT_COMPLETE)) == 0
        var captures: UInt32 = 0
        pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT), &captures)
        self.captureCount = Int(captures)
    }

    deinit { pcre2_code_free_8(code) }

    /// The number of the capture group called `name`, if the pattern has one.
    public func groupNumber(named name: String) -> Int? {
        let number = name.withCString { pointer in
            pointer.withMemoryRebound(to: UInt8.self, capacity: name.utf8.count + 1) {
                pcre2_substring_number_from_name_8(code, $0)
            }
        }
        return number > 0 ? Int(number) : nil
    }

    /// The first match at or after `start`, or nil.
    public func firstMatch(
        in subject: UnsafeBufferPointer<UInt8>, from start: Int = 0, scratch: MatchScratch
    ) -> RegexMatch? {
        guard start <= subject.count else { return nil }
        let result: Int32
        if let base = subject.baseAddress {
            // The JIT fast path skips pcre2_match's per-call checks; subjects are already valid UTF-8.
            result = isJITCompiled
                ? pcre2_jit_match_8(code, base, subject.count, start, 0, scratch.matchData, nil)
                : pcre2_match_8(code, base, subject.count, start, UInt32(PCRE2_NO_UTF_CHECK), scratch.matchData, nil)
        } else {
            // PCRE2 needs a non-null pointer even for an empty subject.
            var empty: UInt8 = 0
            result = pcre2_match_8(code, &empty, 0, 0, UInt32(PCRE2_NO_UTF_CHECK), scratch.matchData, nil)
        }
        // A negative result is PCRE2_ERROR_NOMATCH or a resource limit: both mean "no match here".
        guard result >= 0 else { return nil }
        return RegexMatch(ovector: scratch.ovector, pairs: min(captureCount + 1, scratch.capacity))
    }

    /// Calls `body` for every non-overlapping match, left to right. Returning `false` stops.
    public func forEachMatch(
        in subject: UnsafeBufferPointer<UInt8>, from start: Int = 0, scratch: MatchScratch,
        _ body: (RegexMatch) -> Bool
    ) {
        var position = start
        while let match = firstMatch(in: subject, from: position, scratch: scratch) {
            guard body(match) else { return }
            let range = match.range
            if range.isEmpty {
                // Step over one whole UTF-8 character so the next search starts on a boundary.
                var next = range.upperBound + 1
                while next < subject.count, subject[next] & 0xC0 == 0x80 { next += 1 }
                position = next
            } else {
                position = range.upperBound
            }
            if position > subject.count { return }
        }
    }

    /// Whether the pattern matches anywhere in `subject`.
    public func matches(_ subject: UnsafeBufferPointer<UInt8>, scratch: MatchScratch) -> Bool {
        firstMatch(in: subject, scratch: scratch) != nil
    }

    /// Whether the pattern matches anywhere in `string` (allocates; not for hot paths).
    public func matches(_ string: String) -> Bool {
        let scratch = MatchScratch(capacity: captureCount + 1)
        return Array(string.utf8).withUnsafeBufferPointer { matches($0, scratch: scratch) }
    }

    /// Convenience for tests and one-off checks on a Swift string.
    public func matchRanges(in string: String) -> [Range<Int>] {
        let scratch = MatchScratch()
        var ranges: [Range<Int>] = []
        Array(string.utf8).withUnsafeBufferPointer { buffer in
            forEachMatch(in: buffer, scratch: scratch) { ranges.append($0.range); return true }
        }
        return ranges
    }

    /// Escapes every character that PCRE2 treats as syntax, so `literal` matches itself.
    public static func escape(_ literal: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(literal.utf8.count)
        for character in literal {
            if "\\^$.|?*+()[]{}/#- ".contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }

    private static func message(for errorCode: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let length = pcre2_get_error_message_8(errorCode, &buffer, buffer.count)
        guard length > 0 else { return "error \(errorCode) de PCRE2" }
        return String(decoding: buffer[..<Int(length)], as: UTF8.self)
    }
}

/// A pattern PCRE2 refused, with the byte offset in the pattern where it gave up.
public struct RegexCompileError: Error, Sendable, Equatable, CustomStringConvertible {
    public let pattern: String
    public let offset: Int
    /// PCRE2's own explanation (in English).
    public let reason: String

    public var description: String {
        "expresión regular inválida («\(pattern)»), posición \(offset): \(reason)"
    }
}

/// The offsets of one match and its capture groups, valid until the next match with the same scratch.
public struct RegexMatch {
    let ovector: UnsafeMutablePointer<Int>
    let pairs: Int

    /// The byte range of the whole match.
    public var range: Range<Int> { ovector[0]..<ovector[1] }

    /// The byte range of capture group `number`, or nil when the group did not take part.
    public func range(group number: Int) -> Range<Int>? {
        guard number < pairs else { return nil }
        let start = ovector[2 * number]
        let end = ovector[2 * number + 1]
        guard start != criterio_pcre2_unset(), end != criterio_pcre2_unset() else { return nil }
        return start..<end
    }
}

/// Per-thread match state. Create one per lint call (or per thread) and reuse it for every pattern:
/// it is not safe to share between threads.
public final class MatchScratch {
    let matchData: OpaquePointer
    let ovector: UnsafeMutablePointer<Int>
    let capacity: Int

    /// `capacity`: how many (group) pairs the largest pattern in use needs, whole match included.
    public init(capacity: Int = 32) {
        guard let data = pcre2_match_data_create_8(UInt32(capacity), nil) else {
            fatalError("PCRE2 no pudo reservar memoria para los resultados de búsqueda")
        }
        self.matchData = data
        self.capacity = Int(pcre2_get_ovector_count_8(data))
        self.ovector = pcre2_get_ovector_pointer_8(data)
    }

    deinit { pcre2_match_data_free_8(matchData) }
}
