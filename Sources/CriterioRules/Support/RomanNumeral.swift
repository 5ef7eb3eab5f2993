import CriterioCore
import CriterioRegex

/// Roman numerals as official texts number their fractions and criteria ("XXVI", "fracción iii").
enum RomanNumeral {
    private static let upper = try! RegexPattern(#"^M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$"#)
    private static let lower = try! RegexPattern(#"^m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})$"#)

    /// Whether a word token of at most six letters is a Roman numeral written in capitals.
    static func isNumeral(_ token: Token, in post: AnalyzedPost) -> Bool {
        token.isAllUppercase && token.letters <= 6 && !token.hasLeetCharacters && upper.matches(post.string(token))
    }

    /// Whether a word of at most six letters is a Roman numeral written in lower case ("xxiv").
    static func isNumeral(_ word: String) -> Bool {
        word.utf8.count <= 6 && lower.matches(word)
    }
}
