import CriterioRegex

/// A link found in a post.
public struct Link: Hashable, Sendable {
    public let range: Range<Int>
    /// As written (trailing punctuation removed).
    public let url: String

    /// Lower-case host without `www.` ("ine.mx", "listanominal.ine.mx").
    public var host: String { LinkFinder.host(of: url) }

    /// Whether the host is `domain` or one of its subdomains.
    public func isOnDomain(_ domain: String) -> Bool {
        host == domain || host.hasSuffix("." + domain)
    }
}

/// Finds links in prose with one pass over the bytes: `http://`/`https://` and `www.` links, and
/// bare domains whose last label is a known top-level domain ("ine.mx/casilla"). A domain right
/// after `@` is an e-mail address, not a link.
///
/// A scanner rather than a regular expression: a bare-domain pattern has no literal to anchor on,
/// so a backtracking engine tries it at every word of every post.
enum LinkFinder {
    static let topLevelDomains: Set<String> = [
        "mx", "com", "org", "net", "gob", "edu", "info", "io", "ly", "co", "me", "tv", "us", "es", "lat", "news",
        "site", "app", "link", "to", "gl", "gd", "page", "live", "social",
    ]

    static func links(in prose: [UInt8], scratch: MatchScratch) -> [Link] {
        var links: [Link] = []
        prose.withUnsafeBufferPointer { bytes in
            var index = 0
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                guard isDomainByte(byte), index == 0 || !(isDomainByte(bytes[index - 1]) || bytes[index - 1] == UInt8(ascii: "@") || bytes[index - 1] >= 0x80) else {
                    index += 1
                    continue
                }
                // A word start: a scheme or `www.` link, a bare domain, or neither (then skip the word).
                let end: Int
                let isLink: Bool
                if let prefix = schemeOrWWWLength(bytes, at: index) {
                    end = urlEnd(bytes, from: index + prefix)
                    isLink = true
                } else {
                    (end, isLink) = bareDomain(bytes, from: index)
                }
                if isLink {
                    let range = trimTrailingPunctuation(index..<end, in: bytes)
                    if !range.isEmpty {
                        links.append(Link(range: range, url: String(decoding: bytes[range], as: UTF8.self)))
                        index = range.upperBound
                        continue
                    }
                }
                index = max(end, index + 1)
            }
        }
        return links
    }

    /// Letters, digits and `-`, `.` of a domain (ASCII; internationalised domains are written punycoded).
    @inline(__always)
    static func isDomainByte(_ byte: UInt8) -> Bool {
        Tokenizer.isASCIIAlphanumeric(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }

    /// The length of `http://`, `https://` or `www.` at `index`, any case.
    private static func schemeOrWWWLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        let first = bytes[index] | 0x20
        guard first == UInt8(ascii: "h") || first == UInt8(ascii: "w") else { return nil }
        for prefix in ["https://", "http://", "www."] where matchesIgnoringCase(bytes, at: index, prefix) {
            return prefix.utf8.count
        }
        return nil
    }

    private static func matchesIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, _ literal: String) -> Bool {
        var position = index
        for expected in literal.utf8 {
            guard position < bytes.count, bytes[position] | (expected >= 0x61 ? 0x20 : 0) == expected else { return false }
            position += 1
        }
        return position < bytes.count && !isURLTerminator(bytes[position])
    }

    /// Where a URL that started before `from` ends: at whitespace or a quote.
    private static func urlEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index < bytes.count, !isURLTerminator(bytes[index]) {
            if bytes[index] >= 0x80, isQuoteMark(bytes, at: index) { break }
            index += 1
        }
        return index
    }

    /// `label.label.tld[/path]` starting at `from`: where it ends and whether it is a domain. When it
    /// is not, `end` is where the word ends, so the caller skips it without scanning it again.
    private static func bareDomain(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (end: Int, isLink: Bool) {
        var index = start
        var labelStart = start
        var dots = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") {
                guard index > labelStart, index + 1 < bytes.count, Tokenizer.isASCIIAlphanumeric(bytes[index + 1]) else { break }
                dots += 1
                labelStart = index + 1
            } else if !(Tokenizer.isASCIIAlphanumeric(byte) || byte == UInt8(ascii: "-")) {
                break
            }
            index += 1
        }
        let lastLabel = labelStart..<index
        guard dots > 0, !lastLabel.isEmpty, lastLabel.count <= 6 else { return (index, false) }
        // A word continuing with non-ASCII letters ("ine.méxico") or an e-mail's @ is not a domain.
        if index < bytes.count, bytes[index] >= 0x80 || bytes[index] == UInt8(ascii: "@") { return (index, false) }
        let tld = String(decoding: bytes[lastLabel], as: UTF8.self).lowercased()
        guard topLevelDomains.contains(tld) else { return (index, false) }
        if index < bytes.count, bytes[index] == UInt8(ascii: "/") { return (urlEnd(bytes, from: index), true) }
        return (index, true)
    }

    @inline(__always)
    private static func isURLTerminator(_ byte: UInt8) -> Bool {
        byte <= 0x20 || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\"")
            || byte == UInt8(ascii: "'")
    }

    /// « » “ ” end a URL.
    private static func isQuoteMark(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        if bytes[index] == 0xC2, index + 1 < bytes.count { return bytes[index + 1] == 0xAB || bytes[index + 1] == 0xBB }
        if bytes[index] == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80 {
            return bytes[index + 2] == 0x9C || bytes[index + 2] == 0x9D
        }
        return false
    }

    /// Drops sentence punctuation a link cannot end with, and a closing parenthesis it did not open.
    private static func trimTrailingPunctuation(_ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var end = range.upperBound
        while end > range.lowerBound {
            let last = bytes[end - 1]
            switch last {
            case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "!"),
                UInt8(ascii: "?"), UInt8(ascii: "*"), UInt8(ascii: "_"):
                end -= 1
            case UInt8(ascii: ")"), UInt8(ascii: "]"):
                let opener = last == UInt8(ascii: ")") ? UInt8(ascii: "(") : UInt8(ascii: "[")
                let opens = bytes[range.lowerBound..<end].filter { $0 == opener }.count
                let closes = bytes[range.lowerBound..<end].filter { $0 == last }.count
                if closes > opens { end -= 1 } else { return range.lowerBound..<end }
            default:
                if last >= 0x80 {
                    // A non-ASCII closing mark: step back over the whole character.
                    var start = end - 1
                    while start > range.lowerBound, bytes[start] & 0xC0 == 0x80 { start -= 1 }
                    let scalar = String(decoding: bytes[start..<end], as: UTF8.self).unicodeScalars.first
                    if let scalar, scalar.properties.generalCategory.isPunctuation {
                        end = start
                        continue
                    }
                }
                return range.lowerBound..<end
            }
        }
        return range.lowerBound..<end
    }

    static func host(of url: String) -> String {
        var rest = Substring(url.lowercased())
        for scheme in ["https://", "http://"] where rest.hasPrefix(scheme) { rest = rest.dropFirst(scheme.count) }
        if let end = rest.firstIndex(where: { "/?#:".contains($0) }) { rest = rest[..<end] }
        if rest.hasPrefix("www.") { rest = rest.dropFirst(4) }
        return String(rest)
    }
}

extension Unicode.GeneralCategory {
    var isPunctuation: Bool {
        switch self {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation:
            true
        default:
            false
        }
    }
}
