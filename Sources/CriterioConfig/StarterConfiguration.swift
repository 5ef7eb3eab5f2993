import CriterioCore
import CriterioQueue

/// The commented `.criterio.yml` that `criterio init` writes: every rule with its default severity,
/// and its options commented out at their defaults, so the file documents itself.
public enum StarterConfiguration {
    public static func text(rules: [RuleDescription]) -> String {
        var lines = [
            "# Configuración de Criterio: revisión de borradores contra los Criterios para el uso de",
            "# redes sociales del INE. Criterio la busca desde la carpeta de trabajo hacia arriba;",
            "# `criterio lint --config ARCHIVO` usa otra. `criterio rules ID` explica cada regla.",
            "",
            "# Otra configuración que se lee antes que esta (ruta relativa a este archivo):",
            "# extends: ../.criterio.yml",
            "",
            "# Severidad a partir de la cual `criterio lint` termina con código 1: error, warning o consult.",
            "fail_level: error",
            "",
            "# Termina con código 1 también si hay más advertencias que este número"
                + " (de \(Configuration.maxWarningsRange.lowerBound) a \(Configuration.maxWarningsRange.upperBound)):",
            "# max_warnings: 20",
            "",
            "# Rutas que no se revisan (patrones relativos a este archivo: *, **, ?, [abc], {md,txt}):",
            "# ignore:",
            "#   - \"archivo/**\"",
            "",
            "# Cada regla: false la apaga; una severidad (error, warning, consult) la cambia;",
            "# o un mapa con enabled, severity y sus opciones.",
            "rules:",
        ]
        for rule in rules {
            let criteria = rule.criteria.map(\.description).joined(separator: ", ")
            lines.append("  # \(rule.name) [\(criteria)]: \(rule.summary)")
            lines.append("  \(rule.id):")
            lines.append("    severity: \(rule.defaultSeverity.rawValue)")
            for option in rule.options {
                let range = option.rangeDescription.map { " (\($0))" } ?? ""
                lines.append("    # \(option.name): \(yaml(option.defaultValue))  # \(option.summary)\(range)")
            }
        }
        lines += [
            "",
            "# Entradas adicionales para las listas de Wordlists/data/ (rutas relativas a este archivo):",
            "# wordlists:",
            "#   mayusculas/siglas: [siglas-del-area.txt]",
            "#   datos-personales/telefonos-institucionales:",
            "#     entries: [\"55 1234 5678\"]",
            "",
            "# La cola de consultas a la CNCS (todo opcional; el README explica cada clave):",
            "# queue:",
            "#   clock: calendar                # o business-hours",
        ]
        for number in QueueNumber.all {
            let path = number.key.split(separator: ".")
            let indent = String(repeating: "  ", count: path.count)
            for (depth, section) in path.dropLast().enumerated() {
                lines.append("#   " + String(repeating: "  ", count: depth) + "\(section):")
            }
            lines.append("# \(indent)\(path.last!): \(QueueNumber.format(number.defaultValue))  # \(number.summary) (\(number.rangeDescription))")
        }
        lines += [""]
        return lines.joined(separator: "\n")
    }

    static func yaml(_ value: OptionValue) -> String {
        switch value {
        case .bool, .integer, .number: value.description
        case .string(let text): "\"\(text)\""
        case .strings(let texts): "[" + texts.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
        }
    }
}
