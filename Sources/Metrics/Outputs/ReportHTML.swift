/// Writes `report.html`: one self-contained page (inline CSS and SVG, no script, nothing fetched) that is
/// also well-formed XML, so it opens in any browser and parses as XHTML.
public enum ReportHTML {
    /// The report as an HTML page.
    public static func render(_ report: RunReport) -> String {
        var body = runSection(report)
        body += sloSection(report)
        body += chartsSection(report)
        body += StormHTML.section(report)
        body += actionsSection(report)
        body += linksAndTransactionsSection(report)
        body += csmsSection(report)
        return page(title: "ocpp-fleet report: \(report.run.profile)", heading: "ocpp-fleet report", body: body)
    }

    /// The frame every page of ocpp-fleet shares: the XHTML head, the style its tables, cards and charts
    /// (``SVGLineChart``) use, a heading, then `body`.
    /// - Parameters:
    ///   - title: the window's title, as text (escaped here).
    ///   - heading: the page's first heading, as text (escaped here).
    ///   - body: the page's content, as XHTML.
    /// - Returns: a complete page, also well-formed XML.
    public static func page(title: String, heading: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html xmlns="http://www.w3.org/1999/xhtml" lang="en">
        <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>\(XMLText.escape(title))</title>
        <style>\(style)</style>
        </head>
        <body>
        <h1>\(XMLText.escape(heading))</h1>

        """ + body + "</body>\n</html>\n"
    }

    private static let style = """
        body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2em auto;max-width:800px;\
        color:#222;padding:0 1em}h1{font-size:1.6em}h2{font-size:1.2em;margin-top:2em;\
        border-bottom:1px solid #ddd}table{border-collapse:collapse;width:100%;font-size:.9em}\
        th,td{padding:.25em .5em;text-align:right;border-bottom:1px solid #eee}\
        th:first-child,td:first-child{text-align:left}th{background:#f6f6f6}\
        .pass{color:#1a7f37;font-weight:bold}.fail{color:#cf222e;font-weight:bold}\
        .cards{display:flex;flex-wrap:wrap;gap:.75em}.card{border:1px solid #ddd;border-radius:6px;\
        padding:.5em .9em;min-width:8em}.card b{display:block;font-size:1.3em}\
        .chart{width:100%;height:auto;margin:.5em 0}.chart .grid{stroke:#e5e5e5}\
        .chart text{font-size:11px;fill:#555}.chart .chart-title{font-size:13px;fill:#222;font-weight:bold}
        """

    private static func runSection(_ report: RunReport) -> String {
        let run = report.run
        var html = "<p>Profile <code>\(XMLText.escape(run.profile))</code> against "
        html += "<code>\(XMLText.escape(run.csms))</code>: \(run.stations) stations, "
        html += "\(NumberText.fixed(run.durationSeconds, decimals: 1)) s at speed \(NumberText.compact(run.speed)), "
        html += "seed \(run.seed), shard \(XMLText.escape(run.shard)).</p>\n<div class=\"cards\">\n"
        let all = report.allActions
        let cards: [(String, String)] = [
            ("msgs/s", NumberText.compact(report.sentPerSecond)),
            ("calls sent", String(all.sent)),
            ("p99 latency", NumberText.millis(all.latency.p99) + " ms"),
            ("errors", String(all.errors)),
            ("max connected", "\(report.connections.maxConcurrent) / \(run.stations)"),
            ("CPU", NumberText.fixed(report.process.cpuSeconds, decimals: 2) + " s"),
            ("peak RSS", NumberText.fixed(Double(report.process.maxRSSBytes) / 1_048_576, decimals: 1) + " MiB"),
        ]
        for (label, value) in cards {
            html += "<div class=\"card\">\(label)<b>\(XMLText.escape(value))</b></div>\n"
        }
        return html + "</div>\n"
    }

    private static func sloSection(_ report: RunReport) -> String {
        guard !report.slo.isEmpty else { return "" }
        var html = "<h2>Objectives</h2>\n<table>\n<tr><th>SLO</th><th>result</th><th>measured</th></tr>\n"
        for result in report.slo {
            let verdict = result.ok ? "<td class=\"pass\">pass</td>" : "<td class=\"fail\">FAIL</td>"
            html += "<tr><td><code>\(XMLText.escape(result.expression))</code></td>\(verdict)"
            html += "<td>\(XMLText.escape(result.detail))</td></tr>\n"
        }
        return html + "</table>\n"
    }

    private static func chartsSection(_ report: RunReport) -> String {
        let timeline = report.timeline
        let seconds = timeline.map(\.second)
        // Counts per second, whatever the grain: a point of 30 s holds 30 seconds' calls.
        func perSecond(_ count: KeyPath<TimelinePoint, UInt64>) -> [Double] {
            timeline.map { Double($0[keyPath: count]) / Double(Swift.max($0.seconds, 1)) }
        }
        let charts = [
            SVGLineChart(
                title: "Messages per second", unit: "", seconds: seconds,
                series: [
                    .init(name: "sent", color: "#0969da", values: perSecond(\.sent)),
                    .init(name: "answered", color: "#1a7f37", values: perSecond(\.answered)),
                ]),
            SVGLineChart(
                title: "Latency from due time", unit: " ms", seconds: seconds,
                series: [
                    .init(name: "p50", color: "#0969da", values: timeline.map { Double($0.latencyP50) / 1000 }),
                    .init(name: "p99", color: "#bf3989", values: timeline.map { Double($0.latencyP99) / 1000 }),
                ]),
            SVGLineChart(
                title: "Connected stations", unit: "", seconds: seconds,
                series: [.init(name: "connected", color: "#1a7f37", values: timeline.map { Double($0.connected) })]),
            SVGLineChart(
                title: "Errors per second", unit: "", seconds: seconds,
                series: [
                    .init(name: "CallErrors", color: "#cf222e", values: perSecond(\.callErrors)),
                    .init(name: "timeouts", color: "#9a6700", values: perSecond(\.timeouts)),
                    .init(name: "failed connects", color: "#8250df", values: perSecond(\.connectFailures)),
                ]),
        ]
        let grain = timeline.grain == 1 ? "" : "<p>One point per \(timeline.grain) s: counts are that stretch's "
            + "average per second, latencies the highest of its seconds'.</p>\n"
        return "<h2>Over time</h2>\n" + grain + charts.map { $0.render() }.joined()
    }

    private static func actionsSection(_ report: RunReport) -> String {
        var html = "<h2>Messages</h2>\n<table>\n<tr><th>action</th><th>sent</th><th>ok</th><th>CallErrors</th>"
        html += "<th>timeouts</th><th>late</th><th>p50 ms</th><th>p90 ms</th><th>p99 ms</th><th>p99.9 ms</th><th>max ms</th>"
        html += "<th>service p99 ms</th></tr>\n"
        for figures in report.actions + [report.allActions] {
            let name = figures.name == "*" ? "<b>all</b>" : XMLText.escape(figures.name)
            let cells = [
                String(figures.sent), String(figures.ok), String(figures.callErrors), String(figures.timeouts),
                String(figures.late),
                NumberText.millis(figures.latency.p50), NumberText.millis(figures.latency.p90),
                NumberText.millis(figures.latency.p99), NumberText.millis(figures.latency.p999),
                NumberText.millis(figures.latency.max), NumberText.millis(figures.serviceTime.p99),
            ]
            html += "<tr><td>\(name)</td>" + cells.map { "<td>\($0)</td>" }.joined() + "</tr>\n"
        }
        html += "</table>\n"
        let codes = report.allActions.callErrorsByCode.sorted { $0.key < $1.key }
        if !codes.isEmpty {
            html += "<p>CallErrors by code: "
            html += codes.map { "<code>\(XMLText.escape($0.key))</code> \($0.value)" }.joined(separator: ", ")
            html += "</p>\n"
        }
        return html
    }

    private static func linksAndTransactionsSection(_ report: RunReport) -> String {
        let connections = report.connections
        let transactions = report.transactions
        var rows: [(String, String)] = [
            ("connection attempts", String(connections.attempted)),
            ("established", String(connections.established)),
            ("failed", String(connections.failed.total)),
        ]
        rows += connections.failed.sorted.map { ("failed: \($0.name)", String($0.count)) }
        rows += [
            ("reconnect attempts", String(connections.reconnectAttempts)),
            ("reconnects (links re-established)", String(connections.reconnects)),
        ]
        rows += connections.closed.sorted.map { ("closed: \($0.name)", String($0.count)) }
        rows += [
            ("most connected at once", String(connections.maxConcurrent)),
            ("connected before the stop", String(connections.connectedBeforeStop)),
            ("connected at the end", String(connections.current)),
            ("transactions started", String(transactions.started)),
            ("transactions stopped", String(transactions.stopped)),
            ("transactions lost", String(transactions.lost)),
            ("transaction messages lost", String(transactions.lostMessages.total)),
            ("duplicates sent (no answer to the first)", String(transactions.duplicatesSent)),
            ("transaction messages unsent at the end", String(transactions.unsentAtEnd)),
            ("energy delivered", NumberText.fixed(Double(transactions.energyWh) / 1000, decimals: 1) + " kWh"),
            ("scheduler lag p50 / p99 / max",
             [report.schedulerLag.p50, report.schedulerLag.p99, report.schedulerLag.max]
                .map(NumberText.millis).joined(separator: " / ") + " ms"),
            ("peak msgs/s", String(report.peakSentPerSecond)),
        ]
        return "<h2>Links and transactions</h2>\n" + table(rows)
    }

    private static func csmsSection(_ report: RunReport) -> String {
        guard !report.csms.isEmpty else { return "" }
        let rows = report.csms.sorted { $0.key < $1.key }.map { ($0.key, NumberText.compact($0.value)) }
        return "<h2>Embedded CSMS</h2>\n" + table(rows)
    }

    private static func table(_ rows: [(String, String)]) -> String {
        "<table>\n"
            + rows.map { "<tr><td>\(XMLText.escape($0.0))</td><td>\(XMLText.escape($0.1))</td></tr>\n" }.joined()
            + "</table>\n"
    }
}
