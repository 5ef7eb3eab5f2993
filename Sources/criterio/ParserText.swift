import CriterioRegex
import CriterioRunner

/// ArgumentParser's help screens and usage errors, in Spanish.
///
/// ArgumentParser 1.8 writes its headings ("OVERVIEW", "USAGE", "OPTIONS"…), its own flags' help
/// ("Show help information.") and its usage errors ("Missing expected argument…", "Please provide
/// one of…") in English, and has no hook to change them: they are built inside its `HelpGenerator`
/// and `ErrorMessageGenerator`, which are internal. So the text it renders (unwrapped, see
/// `Criterio.main`) is translated here, with one table, and then wrapped to the terminal the way
/// ArgumentParser lays it out (descriptions in a column at 26, their continuation lines under it).
/// Command help (abstracts, option help, value names) is written in Spanish where it is declared.
enum ParserText {
    /// The column where ArgumentParser starts an option's or a subcommand's description.
    static let descriptionColumn = 26

    /// `text` translated and wrapped to `width` columns.
    static func spanish(_ text: String, width: Int = 80) -> String {
        wrap(translate(text), width: width)
    }

    // MARK: - Translation

    /// One English form and how to say it in Spanish; `render` gets the capture groups.
    private struct Rule: Sendable {
        let pattern: RegexPattern
        let render: @Sendable ([String]) -> String

        init(_ pattern: String, _ render: @escaping @Sendable ([String]) -> String) {
            // The patterns are literals of this file; a typo is caught by its tests.
            self.pattern = try! RegexPattern(pattern, options: .multiline)
            self.render = render
        }

        init(_ pattern: String, _ template: String) {
            self.init(pattern) { groups in
                var text = template
                for (index, group) in groups.enumerated().reversed() where index > 0 { text = text.replacingAll("$\(index)", with: group) }
                return text
            }
        }
    }

    /// `'a', 'b' or 'c'` / `'a' and 'b'` → `a, b o c`.
    private static func valueList(_ list: String) -> String {
        list.replacingAll("'", with: "").replacingAll(" and ", with: " o ").replacingAll(" or ", with: " o ")
    }

    /// `flag '-x'` / `flag 'x' in '-xy'` (how ArgumentParser names a repeated value) → `«-x»` / `«x» en «-xy»`.
    private static func flagName(_ text: String) -> String {
        text.replacingAll("flag '", with: "«").replacingAll("' in '", with: "» en «").replacingAll("'", with: "»")
    }

    private static let rules: [Rule] = [
        // Headings and the help of ArgumentParser's own flags and subcommand.
        Rule(#"^OVERVIEW: "#, "DESCRIPCIÓN: "),
        Rule(#"^USAGE: "#, "USO: "),
        Rule(#"^ARGUMENTS:$"#, "ARGUMENTOS:"),
        Rule(#"^OPTIONS:$"#, "OPCIONES:"),
        Rule(#"^SUBCOMMANDS:$"#, "SUBCOMANDOS:"),
        Rule(#"^(.+) SUBCOMMANDS:$"#, "SUBCOMANDOS ($1):"),
        Rule(#"Show the version\."#, "Muestra la versión."),
        Rule(#"Show help information\."#, "Muestra esta ayuda."),
        Rule(#"Show subcommand help information\."#, "Muestra la ayuda de un subcomando."),
        Rule(#"Dump help information as JSON\."#, "Vuelca la ayuda en JSON."),
        Rule(#"See '([^']+)' for detailed help\."#, "Usa «$1» para ver la ayuda de cada uno."),
        Rule(#"See '([^']+)' for more information\."#, "Usa «$1» para más información."),
        Rule(#"<subcommand>"#, "<subcomando>"),
        Rule(#"\(values: "#, "(valores: "),
        Rule(#"; default as flag: "#, "; predeterminado sin valor: "),
        Rule(#"\(default as flag: "#, "(predeterminado sin valor: "),
        Rule(#"; default: "#, "; predeterminado: "),
        Rule(#"\(default: "#, "(predeterminado: "),
        // Usage errors ("Error: …", then "Help: …" and "Usage: …").
        Rule(#"^Error: "#, "criterio: "),
        Rule(#"^Help:  "#, "Ayuda: "),
        Rule(#"^Usage: "#, "Uso: "),
        Rule(#"Unknown option '([^']+)'\. Did you mean '([^']+)'\?"#, "opción desconocida «$1»; ¿quisiste decir «$2»?"),
        Rule(#"Unknown option '([^']+)'"#, "opción desconocida «$1»"),
        Rule(#"Missing value for '([^']+)' in '([^']+)'"#, "falta el valor de «$1» en «$2»"),
        Rule(#"Missing value for '([^']+)'"#, "falta el valor de «$1»"),
        Rule(#"^(\s+)or: "#, "$1o: "),
        Rule(#"The option '([^']+)' does not take any value, but '(.*)' was specified\."#, "la opción «$1» no lleva valor, pero se le dio «$2»."),
        Rule(#"(\d+) unexpected arguments: '(.*)'$"#) { "\($0[1]) argumentos inesperados: «\($0[2].replacingAll("', '", with: "», «"))»" },
        Rule(#"Unexpected argument '(.*)'$"#, "argumento inesperado «$1»"),
        Rule(#"Value to be set with (.+) had already been set with (.+)$"#) { "el valor de \(flagName($0[1])) ya se había dado con \(flagName($0[2]))" },
        Rule(#"Missing expected argument '([^']+)'"#, "falta el argumento «$1»"),
        Rule(#"Missing one of: '(.*)'$"#) { "falta uno de: «\($0[1].replacingAll("', '", with: "», «"))»" },
        Rule(#"Missing required subcommand\."#, "falta el subcomando."),
        Rule(#"Invalid option: (.*)$"#, "opción inválida: $1"),
        Rule(#"\. Please provide one of the following:"#, "; usa uno de estos valores:"),
        Rule(#"\. Please provide one of (.+)\.$"#) { "; usa uno de estos valores: \(valueList($0[1]))." },
        Rule(#"The value '(.*)' is invalid for '([^']+)'"#, "el valor «$1» no es válido para «$2»"),
        Rule(#"The value '(.*)' is invalid\."#, "el valor «$1» no es válido."),
        Rule(#"Internal error\. .*$"#, "error interno al leer los argumentos."),
        Rule(#"Can't autodetect a supported shell\."#, "no se reconoce el intérprete de órdenes."),
        Rule(#"Can't generate completion scripts for '([^']+)'\."#, "no se pueden generar guiones de autocompletado para «$1»."),
        Rule(#"Please use --generate-completion-script=<shell> with one of:"#, "Usa --generate-completion-script=<intérprete> con uno de:"),
    ]

    static func translate(_ text: String) -> String {
        rules.reduce(text) { text, rule in replace(rule, in: text) }
    }

    private static func replace(_ rule: Rule, in text: String) -> String {
        let bytes = Array(text.utf8)
        let scratch = MatchScratch(capacity: rule.pattern.captureCount + 1)
        var output: [UInt8] = []
        var copied = 0
        bytes.withUnsafeBufferPointer { buffer in
            rule.pattern.forEachMatch(in: buffer, scratch: scratch) { match in
                let groups = (0...rule.pattern.captureCount).map { number in
                    match.range(group: number).map { String(decoding: bytes[$0], as: UTF8.self) } ?? ""
                }
                output += bytes[copied..<match.range.lowerBound]
                output += Array(rule.render(groups).utf8)
                copied = match.range.upperBound
                return true
            }
        }
        guard copied > 0 || !output.isEmpty else { return text }
        output += bytes[copied...]
        return String(decoding: output, as: UTF8.self)
    }

    // MARK: - Wrapping

    /// Lines longer than `width` broken at spaces, each continuation indented where its text starts:
    /// under the description column for options and subcommands, after "USO: " for the synopsis, at
    /// the line's own indentation otherwise.
    static func wrap(_ text: String, width: Int) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .flatMap { wrap(line: String($0), width: max(width, descriptionColumn + 20)) }
            .joined(separator: "\n")
    }

    private static func wrap(line: String, width: Int) -> [String] {
        guard line.count > width else { return [line] }
        let characters = Array(line)
        let indent: Int
        if line.hasPrefix("  "), characters.count > descriptionColumn, characters[descriptionColumn - 1] == " ",
            characters[descriptionColumn] != " "
        {
            indent = descriptionColumn
        } else if line.hasPrefix("USO: ") || line.hasPrefix("Uso: ") {
            indent = 5
        } else {
            indent = characters.prefix { $0 == " " }.count
        }
        let head = String(characters.prefix(indent))
        let words = String(characters.dropFirst(indent)).split(separator: " ", omittingEmptySubsequences: true)
        var lines: [String] = []
        var current = head
        var currentHasWords = false
        for word in words {
            if currentHasWords && current.count + 1 + word.count > width {
                lines.append(current)
                current = String(repeating: " ", count: indent) + word
            } else {
                current += (currentHasWords ? " " : "") + word
            }
            currentHasWords = true
        }
        lines.append(current)
        return lines
    }
}
