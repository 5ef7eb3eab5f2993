import Foundation
import CriterioArchives
import CriterioCore

/// `criterio scan --format text`: the summary of SPEC §9, for people: posts scanned, findings by rule
/// and severity, by account, by month, the worst posts and the near-duplicate clusters.
public enum ScanTextSummary {
    public static func render(_ summary: ScanSummary) -> String {
        var out = ""
        let archives = summary.archives.count
        out += "Revisión de \(plural(archives, "archivo", "archivos")): \(plural(summary.posts, "publicación revisada", "publicaciones revisadas"))"
        if let first = summary.firstDate, let last = summary.lastDate {
            out += " (del \(ScanCalendar.local(first.secondsSince1970).prefix(10)) al \(ScanCalendar.local(last.secondsSince1970).prefix(10)))"
        }
        out += ", \(Format.seconds(summary.seconds))\n"
        for archive in summary.archives {
            out += "  \(archive.name): "
            out += archive.format.map { "\($0.displayName), " } ?? "no se pudo leer, "
            out += plural(archive.posts, "publicación", "publicaciones")
            if archive.badRecords > 0 { out += ", \(plural(archive.badRecords, "registro con problemas", "registros con problemas"))" }
            if archive.outOfPeriod > 0 { out += ", \(Format.number(archive.outOfPeriod)) fuera del periodo" }
            out += "\n"
        }
        out += "\n"
        if summary.findings == 0 {
            out += "✔ Sin hallazgos.\n"
        } else {
            out += "✖ \(plural(summary.findings, "hallazgo", "hallazgos")) (\(tally(summary.bySeverity))) en "
            out += "\(plural(summary.postsWithFindings, "publicación", "publicaciones"))\n"
        }
        if summary.baselined > 0 {
            out += "  \(plural(summary.baselined, "hallazgo conocido omitido", "hallazgos conocidos omitidos")) por la línea base\n"
        }

        if !summary.byRule.isEmpty {
            out += "\nPor regla\n"
            out += table(
                ["regla", "errores", "advertencias", "consultas"],
                summary.rulesByCount.map { [$0.0, Format.number($0.1.error), Format.number($0.1.warning), Format.number($0.1.consult)] })
        }
        if summary.byAccount.count > 1 || summary.byAccount.keys.first.map({ !$0.isEmpty }) ?? false {
            out += "\nPor cuenta\n"
            let accounts = summary.byAccount.sorted { ($1.value.findings.total, $0.key) < ($0.value.findings.total, $1.key) }
            out += table(
                ["cuenta", "publicaciones", "con hallazgos", "errores", "advertencias", "consultas"],
                accounts.prefix(30).map {
                    [accountName($0.key), Format.number($0.value.posts), Format.number($0.value.postsWithFindings),
                     Format.number($0.value.findings.error), Format.number($0.value.findings.warning), Format.number($0.value.findings.consult)]
                })
            if accounts.count > 30 { out += "  … y \(accounts.count - 30) cuentas más\n" }
        }
        let months = summary.byMonth.filter { !$0.key.isEmpty }.sorted { $0.key < $1.key }
        if !months.isEmpty {
            out += "\nPor mes\n"
            let widest = months.map(\.value.findings.total).max() ?? 0
            out += table(
                ["mes", "publicaciones", "con hallazgos", "hallazgos", ""],
                months.map {
                    [$0.key, Format.number($0.value.posts), Format.number($0.value.postsWithFindings), Format.number($0.value.findings.total),
                     bar($0.value.findings.total, of: widest)]
                })
            if let undated = summary.byMonth[""] { out += "  sin fecha: \(plural(undated.posts, "publicación", "publicaciones"))\n" }
        }
        if !summary.worst.isEmpty {
            out += "\nPublicaciones con hallazgos más graves\n"
            for (offset, post) in summary.worst.enumerated() {
                out += "  \(offset + 1). \(post.label.description)\(post.label.account.map { ", @\($0)" } ?? "")"
                out += post.label.createdAt.map { ", \($0)" } ?? ""
                out += ": \(tally(post.tally))\n"
                out += "     «\(shortened(post.segments.map(\.text).joined(), 150))»\n"
                for item in post.findings {
                    let rule = item.kind.map { "\(item.rule)/\($0)" } ?? item.rule
                    out += "     - \(item.severity.label) \(rule) [\(item.criterion)]: \(item.message)\n"
                }
            }
        }
        if summary.duplicateClusters > 0 {
            out += "\nGrupos de casi duplicados: \(Format.number(summary.duplicateClusters)) "
            out += "(\(plural(summary.postsInClusters, "publicación", "publicaciones")))"
            out += summary.duplicateClusters > summary.clusters.count ? "; los \(summary.clusters.count) más grandes:\n" : "\n"
            for cluster in summary.clusters {
                out += "  Grupo \(cluster.number): \(plural(cluster.size, "publicación", "publicaciones"))"
                out += cluster.members.first?.account.map { " de @\($0)" } ?? ""
                out += ", similitud \(cluster.similarity >= 1 ? "" : "≥ ")\(Int((cluster.similarity * 100).rounded(.down))) %\n"
                if let preview = cluster.preview { out += "     «\(shortened(preview, 150))»\n" }
                out += "     " + cluster.members.map { "\($0.archive):\($0.record)" }.joined(separator: ", ")
                out += cluster.size > cluster.members.count ? " y \(cluster.size - cluster.members.count) más\n" : "\n"
            }
        }
        if summary.burstCount > 0 {
            out += "\nRáfagas: \(Format.number(summary.burstCount))\n"
            for burst in summary.bursts {
                out += "  \(burst.account.map { "@\($0)" } ?? "sin cuenta"): \(plural(burst.posts, "publicación", "publicaciones"))"
                out += " del \(ScanCalendar.local(burst.start)) al \(ScanCalendar.local(burst.end).suffix(5))\n"
            }
        }
        if summary.badRecords > 0 {
            out += "\nRegistros con problemas (se omitieron): \(Format.number(summary.badRecords))\n"
            for record in summary.badRecordSamples.prefix(10) { out += "  \(record.description)\n" }
            if summary.badRecords > 10 { out += "  … y \(Format.number(summary.badRecords - 10)) más\n" }
        }
        if !summary.errors.isEmpty {
            out += "\nNo se pudo leer\n"
            for error in summary.errors { out += "  \(error.description)\n" }
        }
        return out
    }

    static func accountName(_ account: String) -> String { account.isEmpty ? "(sin cuenta)" : "@" + account }

    static func tally(_ tally: SeverityTally) -> String {
        [plural(tally.error, "error", "errores"), plural(tally.warning, "advertencia", "advertencias"), plural(tally.consult, "consulta", "consultas")]
            .joined(separator: ", ")
    }

    static func plural(_ count: Int, _ singular: String, _ plural: String) -> String {
        "\(Format.number(count)) \(count == 1 ? singular : plural)"
    }

    static func shortened(_ text: String, _ limit: Int) -> String {
        let oneLine = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return oneLine.count > limit ? String(oneLine.prefix(limit - 1)) + "…" : oneLine
    }

    static func bar(_ value: Int, of maximum: Int) -> String {
        guard maximum > 0, value > 0 else { return "" }
        return String(repeating: "▇", count: max(1, Int((Double(value) / Double(maximum) * 30).rounded())))
    }

    /// Columns aligned: the first to the left, the rest to the right (the last, a bar, to the left).
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        var out = ""
        for row in all {
            var line = "  "
            for (column, cell) in row.enumerated() {
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                if column == 0 || column == row.count - 1 && header[column].isEmpty {
                    line += cell + padding
                } else {
                    line += padding + cell
                }
                if column < row.count - 1 { line += "  " }
            }
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
        }
        return out
    }
}

/// Numbers and times as they are written in Mexico.
public enum Format {
    /// `1,234,567`.
    public static func number(_ value: Int) -> String {
        let digits = String(abs(value))
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return (value < 0 ? "-" : "") + groups.joined(separator: ",")
    }

    /// `12.3 s`, `2 min 05 s`.
    public static func seconds(_ value: Double) -> String {
        if value < 60 { return String(format: "%.1f s", value) }
        let total = Int(value.rounded())
        if total < 3_600 { return String(format: "%d min %02d s", total / 60, total % 60) }
        return String(format: "%d h %02d min", total / 3_600, total % 3_600 / 60)
    }
}
