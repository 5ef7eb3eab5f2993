import CriterioArchives
import CriterioCore
import Foundation

/// `criterio scan --report FILE`: one HTML file in Spanish that needs nothing outside itself (styles
/// inline, charts as inline SVG, no scripts, fonts or images to fetch): totals, findings by rule and
/// severity, by account and by month, the worst posts with their findings highlighted (personal data
/// masked) and the near-duplicate clusters. Everything that comes from a post is escaped.
public enum ScanHTMLReport {
    public static func render(_ summary: ScanSummary, rules: [RuleDescription], generated: Date = Date()) -> String {
        let names = Dictionary(rules.map { ($0.id, $0.name) }) { first, _ in first }
        var html = """
            <!DOCTYPE html>
            <html lang="es-MX">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Revisión de publicaciones — Criterio</title>
            <style>\(style)</style>
            </head>
            <body>
            <header>
            <h1>Revisión de publicaciones</h1>
            <p class="sub">Criterios para el uso de redes sociales del INE · generado el \(escape(Self.timestamp(generated)))\(period(summary))</p>
            </header>
            <main>

            """
        html += totals(summary)
        html += section("Hallazgos por regla y severidad", rulesChart(summary, names: names))
        html += section("Hallazgos por cuenta", accountsChart(summary))
        html += section("Hallazgos por mes", monthsChart(summary))
        html += section("Publicaciones con hallazgos más graves", worstPosts(summary))
        html += section("Grupos de casi duplicados", clusters(summary))
        if summary.burstCount > 0 { html += section("Ráfagas", bursts(summary)) }
        html += section("Archivos revisados", archives(summary))
        html += "</main>\n<footer>Criterio · los datos personales se muestran ocultos (•).</footer>\n</body>\n</html>\n"
        return html
    }

    // MARK: - Sections

    static func totals(_ summary: ScanSummary) -> String {
        let cards: [(String, Int, String)] = [
            ("publicaciones revisadas", summary.posts, ""),
            ("con hallazgos", summary.postsWithFindings, ""),
            ("errores", summary.bySeverity.error, "error"),
            ("advertencias", summary.bySeverity.warning, "warning"),
            ("consultas", summary.bySeverity.consult, "consult"),
            ("grupos de casi duplicados", summary.duplicateClusters, ""),
            ("ráfagas", summary.burstCount, ""),
            ("registros con problemas", summary.badRecords, ""),
        ]
        var html = "<section class=\"cards\">\n"
        for (label, value, kind) in cards {
            html += "<div class=\"card \(kind)\"><strong>\(Format.number(value))</strong><span>\(label)</span></div>\n"
        }
        if summary.baselined > 0 {
            html += "<div class=\"card\"><strong>\(Format.number(summary.baselined))</strong><span>conocidos (línea base)</span></div>\n"
        }
        return html + "</section>\n"
    }

    static func rulesChart(_ summary: ScanSummary, names: [String: String]) -> String {
        guard !summary.byRule.isEmpty else { return "<p>Sin hallazgos.</p>\n" }
        let rows = summary.rulesByCount.map { (label: $0.0, detail: names[$0.0] ?? "", tally: $0.1) }
        return legend + StackedBars.svg(rows: rows)
    }

    static func accountsChart(_ summary: ScanSummary) -> String {
        let accounts = summary.byAccount.sorted { ($1.value.findings.total, $0.key) < ($0.value.findings.total, $1.key) }
        guard !accounts.isEmpty else { return "<p>Sin publicaciones.</p>\n" }
        let rows = accounts.prefix(20).map {
            (label: $0.key.isEmpty ? "(sin cuenta)" : "@" + $0.key,
             detail: "\(Format.number($0.value.posts)) publicaciones, \(Format.number($0.value.postsWithFindings)) con hallazgos",
             tally: $0.value.findings)
        }
        var html = legend + StackedBars.svg(rows: Array(rows))
        if accounts.count > 20 { html += "<p class=\"note\">… y \(accounts.count - 20) cuentas más.</p>\n" }
        return html
    }

    static func monthsChart(_ summary: ScanSummary) -> String {
        let months = summary.byMonth.filter { !$0.key.isEmpty }.sorted { $0.key < $1.key }
        guard let first = months.first?.key, let last = months.last?.key else { return "<p>Las publicaciones no tienen fecha.</p>\n" }
        // Every month between the first and the last, the ones without posts too.
        let all = MonthColumns.months(from: first, to: last).map { ($0, summary.byMonth[$0] ?? PostTally()) }
        var html = legend + MonthColumns.svg(months: all.count <= 600 ? all : months.map { ($0.key, $0.value) })
        if let undated = summary.byMonth[""] {
            html += "<p class=\"note\">\(Format.number(undated.posts)) publicaciones sin fecha.</p>\n"
        }
        return html
    }

    static func worstPosts(_ summary: ScanSummary) -> String {
        guard !summary.worst.isEmpty else { return "<p>Ninguna publicación tiene hallazgos.</p>\n" }
        var html = ""
        for (offset, post) in summary.worst.enumerated() {
            html += "<article class=\"post\">\n<h3>\(offset + 1). \(escape(post.label.description))"
            if let account = post.label.account { html += " · @\(escape(account))" }
            if let date = post.label.createdAt { html += " · \(escape(date))" }
            html += "</h3>\n<p class=\"counts\">\(escape(ScanTextSummary.tally(post.tally)))</p>\n<blockquote>"
            for segment in post.segments {
                let text = escape(segment.text).replacingOccurrences(of: "\n", with: "<br>")
                guard let strongest = segment.findings.map({ post.findings[$0] }).max(by: { $0.severity < $1.severity }) else {
                    html += text
                    continue
                }
                let title = segment.findings.map { post.findings[$0] }.map { "\($0.rule): \($0.message)" }.joined(separator: "\n")
                let numbers = segment.findings.map { String($0 + 1) }.joined(separator: ",")
                html += "<mark class=\"\(strongest.severity.rawValue)\" title=\"\(escape(title))\">\(text)<sup>\(numbers)</sup></mark>"
            }
            html += "</blockquote>\n<ol class=\"findings\">\n"
            for item in post.findings {
                let rule = item.kind.map { "\(item.rule)/\($0)" } ?? item.rule
                html += "<li><span class=\"badge \(item.severity.rawValue)\">\(escape(item.severity.label))</span> "
                html += "<code>\(escape(rule))</code> <span class=\"criterion\">[\(escape(item.criterion.description))]</span> \(escape(item.message))"
                if !item.excerpt.isEmpty { html += " <q>\(escape(item.excerpt))</q>" }
                html += "</li>\n"
            }
            html += "</ol>\n</article>\n"
        }
        return html
    }

    static func clusters(_ summary: ScanSummary) -> String {
        guard summary.duplicateClusters > 0 else { return "<p>No hay publicaciones casi idénticas.</p>\n" }
        var html = "<p>\(Format.number(summary.duplicateClusters)) grupos con \(Format.number(summary.postsInClusters)) publicaciones"
        html += summary.duplicateClusters > summary.clusters.count ? "; los \(summary.clusters.count) más grandes:</p>\n" : ".</p>\n"
        html += "<table>\n<thead><tr><th>grupo</th><th>publicaciones</th><th>similitud</th><th>texto de la primera</th><th>publicaciones del grupo</th></tr></thead>\n<tbody>\n"
        for cluster in summary.clusters {
            let members = cluster.members.map { escape("\($0.archive):\($0.record)" + ($0.id.map { " (\($0))" } ?? "")) }.joined(separator: "<br>")
            let more = cluster.size > cluster.members.count ? "<br>… y \(cluster.size - cluster.members.count) más" : ""
            html += "<tr><td>\(cluster.number)</td><td class=\"num\">\(Format.number(cluster.size))</td>"
            html += "<td class=\"num\">\(cluster.similarity >= 1 ? "" : "≥ ")\(Int((cluster.similarity * 100).rounded(.down))) %</td>"
            html += "<td>\(escape(cluster.preview ?? ""))</td><td class=\"members\">\(members)\(more)</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    static func bursts(_ summary: ScanSummary) -> String {
        var html = "<table>\n<thead><tr><th>cuenta</th><th>publicaciones</th><th>desde</th><th>hasta</th></tr></thead>\n<tbody>\n"
        for burst in summary.bursts {
            html += "<tr><td>\(escape(burst.account.map { "@" + $0 } ?? "(sin cuenta)"))</td><td class=\"num\">\(burst.posts)</td>"
            html += "<td>\(escape(ScanCalendar.local(burst.start)))</td><td>\(escape(ScanCalendar.local(burst.end)))</td></tr>\n"
        }
        html += "</tbody>\n</table>\n"
        if summary.burstCount > summary.bursts.count { html += "<p class=\"note\">… y \(summary.burstCount - summary.bursts.count) ráfagas más.</p>\n" }
        return html
    }

    static func archives(_ summary: ScanSummary) -> String {
        var html = "<table>\n<thead><tr><th>archivo</th><th>formato</th><th>publicaciones</th><th>con problemas</th><th>fuera del periodo</th></tr></thead>\n<tbody>\n"
        for archive in summary.archives {
            html += "<tr><td>\(escape(archive.name))</td><td>\(escape(archive.format?.displayName ?? "no se pudo leer"))</td>"
            html += "<td class=\"num\">\(Format.number(archive.posts))</td><td class=\"num\">\(Format.number(archive.badRecords))</td>"
            html += "<td class=\"num\">\(Format.number(archive.outOfPeriod))</td></tr>\n"
        }
        html += "</tbody>\n</table>\n"
        if !summary.badRecordSamples.isEmpty {
            html += "<h3>Registros con problemas (se omitieron)</h3>\n<ul>\n"
            for record in summary.badRecordSamples.prefix(20) { html += "<li>\(escape(record.description))</li>\n" }
            if summary.badRecords > 20 { html += "<li>… y \(Format.number(summary.badRecords - 20)) más</li>\n" }
            html += "</ul>\n"
        }
        if !summary.errors.isEmpty {
            html += "<h3>No se pudo leer</h3>\n<ul>\n"
            for error in summary.errors { html += "<li>\(escape(error.description))</li>\n" }
            html += "</ul>\n"
        }
        return html
    }

    // MARK: - Pieces

    static func section(_ title: String, _ body: String) -> String {
        "<section>\n<h2>\(escape(title))</h2>\n\(body)</section>\n"
    }

    static func period(_ summary: ScanSummary) -> String {
        guard let first = summary.firstDate, let last = summary.lastDate else { return "" }
        return " · publicaciones del \(ScanCalendar.local(first.secondsSince1970).prefix(10)) al \(ScanCalendar.local(last.secondsSince1970).prefix(10))"
    }

    static func timestamp(_ date: Date) -> String {
        ScanCalendar.local(Int64(date.timeIntervalSince1970))
    }

    static let legend = """
        <p class="legend"><span class="swatch error"></span>errores <span class="swatch warning"></span>advertencias \
        <span class="swatch consult"></span>consultas</p>

        """

    /// Text safe inside HTML elements and attribute values.
    public static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    static let style = """
        :root{--error:#c0392b;--warning:#d68910;--consult:#1f8a8a;--ink:#1d2330;--muted:#5f6b7a;--line:#e3e6ea;--bg:#f6f7f9}
        *{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--bg)}
        header{background:#7a1e48;color:#fff;padding:24px 32px}h1{margin:0;font-size:26px}.sub{margin:4px 0 0;opacity:.85}
        main{max-width:1100px;margin:0 auto;padding:16px 32px 48px}section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:16px 20px;margin:16px 0}
        h2{font-size:19px;margin:0 0 12px}h3{font-size:15px;margin:12px 0 4px}
        .cards{display:flex;flex-wrap:wrap;gap:12px;background:none;border:0;padding:0}.card{flex:1 1 150px;background:#fff;border:1px solid var(--line);border-top:4px solid #7a1e48;border-radius:8px;padding:12px 16px}
        .card strong{display:block;font-size:26px}.card span{color:var(--muted)}.card.error{border-top-color:var(--error)}.card.warning{border-top-color:var(--warning)}.card.consult{border-top-color:var(--consult)}
        .legend{color:var(--muted);margin:0 0 8px}.swatch{display:inline-block;width:12px;height:12px;border-radius:2px;margin:0 4px 0 10px;vertical-align:-1px}
        .swatch.error{background:var(--error)}.swatch.warning{background:var(--warning)}.swatch.consult{background:var(--consult)}
        svg{display:block;max-width:100%;height:auto}svg text{font:12px system-ui,sans-serif;fill:var(--ink)}svg .muted{fill:var(--muted)}
        .error{--c:var(--error)}.warning{--c:var(--warning)}.consult{--c:var(--consult)}
        .post{border-top:1px solid var(--line);padding:8px 0}.post:first-of-type{border-top:0}.counts{margin:0;color:var(--muted)}
        blockquote{margin:8px 0;padding:10px 14px;background:var(--bg);border-left:4px solid #7a1e48;border-radius:4px;white-space:normal;word-wrap:break-word}
        mark{background:color-mix(in srgb,var(--c) 18%,#fff);border-bottom:2px solid var(--c);padding:0 1px}mark sup{color:var(--c);font-size:10px;margin-left:1px}
        .findings{margin:4px 0 0;padding-left:22px}.findings li{margin:2px 0}.badge{display:inline-block;font-size:12px;color:#fff;background:var(--c);border-radius:3px;padding:0 6px}
        code{background:var(--bg);padding:0 4px;border-radius:3px}.criterion{color:var(--muted)}q{color:var(--muted)}
        table{border-collapse:collapse;width:100%}th,td{text-align:left;border-bottom:1px solid var(--line);padding:6px 8px;vertical-align:top}th{color:var(--muted);font-weight:600}
        .num{text-align:right;white-space:nowrap}.members{font-size:13px;color:var(--muted)}.note{color:var(--muted)}
        footer{text-align:center;color:var(--muted);padding:16px}
        """
}

/// Horizontal bars, one per row, stacked by severity.
enum StackedBars {
    static let severities: [Severity] = [.error, .warning, .consult]
    static let colors: [Severity: String] = [.error: "#c0392b", .warning: "#d68910", .consult: "#1f8a8a"]

    static func svg(rows: [(label: String, detail: String, tally: SeverityTally)]) -> String {
        let labelWidth = 230.0, barWidth = 560.0, rowHeight = 30.0, width = labelWidth + barWidth + 90
        let maximum = Double(max(1, rows.map(\.tally.total).max() ?? 1))
        let height = Int(Double(rows.count) * rowHeight + 8)
        var svg = "<svg width=\"\(Int(width))\" height=\"\(height)\" viewBox=\"0 0 \(Int(width)) \(height)\" role=\"img\">\n"
        for (index, row) in rows.enumerated() {
            let y = Double(index) * rowHeight + 4
            svg += "<text x=\"0\" y=\"\(y + 13)\">\(ScanHTMLReport.escape(clip(row.label, 32)))</text>"
            if !row.detail.isEmpty {
                svg += "<text class=\"muted\" x=\"0\" y=\"\(y + 25)\" font-size=\"10\">\(ScanHTMLReport.escape(clip(row.detail, 40)))</text>"
            }
            var x = labelWidth
            for severity in severities where row.tally[severity] > 0 {
                let length = max(1, Double(row.tally[severity]) / maximum * barWidth)
                svg += "<rect x=\"\(format(x))\" y=\"\(y + 2)\" width=\"\(format(length))\" height=\"18\" fill=\"\(colors[severity]!)\">"
                svg += "<title>\(ScanHTMLReport.escape("\(row.label): \(Format.number(row.tally[severity])) \(severity.label)"))</title></rect>"
                x += length
            }
            svg += "<text x=\"\(format(x + 6))\" y=\"\(y + 15)\">\(Format.number(row.tally.total))</text>\n"
        }
        return svg + "</svg>\n"
    }

    static func clip(_ text: String, _ limit: Int) -> String {
        text.count > limit ? String(text.prefix(limit - 1)) + "…" : text
    }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }
}

/// One column per month, stacked by severity, with the posts of the month under it.
enum MonthColumns {
    /// `2024-11`, `2024-12`, `2025-01`… from `first` to `last` (both `AAAA-MM`).
    static func months(from first: String, to last: String) -> [String] {
        func parts(_ key: String) -> (Int, Int)? {
            let pieces = key.split(separator: "-")
            guard pieces.count == 2, let year = Int(pieces[0]), let month = Int(pieces[1]) else { return nil }
            return (year, month)
        }
        guard var (year, month) = parts(first), let end = parts(last) else { return [first] }
        var keys: [String] = []
        while (year, month) <= end && keys.count <= 600 {
            keys.append("\(year)-\(month < 10 ? "0" : "")\(month)")
            month += 1
            if month > 12 {
                month = 1
                year += 1
            }
        }
        return keys
    }

    static func svg(months: [(String, PostTally)]) -> String {
        let height = 220.0, top = 16.0, bottom = 44.0, left = 44.0
        let step = max(14.0, min(96.0, 860.0 / Double(max(months.count, 1))))
        let width = left + step * Double(months.count) + 10
        let maximum = Double(max(1, months.map(\.1.findings.total).max() ?? 1))
        let plot = height - top - bottom
        var svg = "<svg width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\">\n"
        svg += "<line x1=\"\(left)\" y1=\"\(top + plot)\" x2=\"\(width - 4)\" y2=\"\(top + plot)\" stroke=\"#c8ccd2\"/>"
        svg += "<text class=\"muted\" x=\"0\" y=\"\(top + 4)\">\(Format.number(Int(maximum)))</text>"
        svg += "<text class=\"muted\" x=\"0\" y=\"\(top + plot)\">0</text>\n"
        let labelEvery = max(1, Int((56.0 / step).rounded(.up)))
        for (index, (month, tally)) in months.enumerated() {
            let x = left + Double(index) * step + 2
            var y = top + plot
            for severity in StackedBars.severities where tally.findings[severity] > 0 {
                let length = Double(tally.findings[severity]) / maximum * plot
                y -= length
                svg += "<rect x=\"\(StackedBars.format(x))\" y=\"\(StackedBars.format(y))\" width=\"\(StackedBars.format(step - 4))\" height=\"\(StackedBars.format(length))\" fill=\"\(StackedBars.colors[severity]!)\">"
                svg += "<title>\(ScanHTMLReport.escape("\(month): \(Format.number(tally.findings[severity])) \(severity.label), \(Format.number(tally.posts)) publicaciones"))</title></rect>"
            }
            if index % labelEvery == 0 {
                svg += "<text class=\"muted\" x=\"\(StackedBars.format(x))\" y=\"\(top + plot + 16)\" font-size=\"10\">\(ScanHTMLReport.escape(month))</text>"
            }
            svg += "\n"
        }
        return svg + "</svg>\n"
    }
}
