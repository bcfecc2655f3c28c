/// `report.html` of a capacity search: the verdict, charts of latency, errors and throughput against the
/// fleet's size with the knee marked, and the steps as a table. One self-contained page (inline CSS and
/// SVG, no script, nothing fetched), also well-formed XML.
enum CapacityReportHTML {
    static func render(_ summary: CapacitySummary, csms: String) -> String {
        var html = """
            <!DOCTYPE html>
            <html xmlns="http://www.w3.org/1999/xhtml" lang="en">
            <head>
            <meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <title>ocpp-fleet capacity: \(CapacityJUnit.escape(csms))</title>
            <style>\(style)</style>
            </head>
            <body>
            <h1>ocpp-fleet capacity</h1>
            <p>Against <code>\(CapacityJUnit.escape(csms))</code>.</p>

            """
        let verdictClass = summary.exitCode == .ok ? "pass" : "fail"
        html += "<p class=\"\(verdictClass)\">\(CapacityJUnit.escape(summary.capacityLine))</p>\n"
        html += chartsSection(summary)
        html += stepsSection(summary)
        return html + "</body>\n</html>\n"
    }

    private static let style = """
        body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2em auto;max-width:800px;\
        color:#222;padding:0 1em}h1{font-size:1.6em}h2{font-size:1.2em;margin-top:2em;\
        border-bottom:1px solid #ddd}table{border-collapse:collapse;width:100%;font-size:.9em}\
        th,td{padding:.25em .5em;text-align:right;border-bottom:1px solid #eee}\
        th:first-child,td:first-child{text-align:left}th{background:#f6f6f6}\
        .pass{color:#1a7f37;font-weight:bold}.fail{color:#cf222e;font-weight:bold}\
        .chart{width:100%;height:auto;margin:.5em 0}.chart .grid{stroke:#e5e5e5}\
        .chart text{font-size:11px;fill:#555}.chart .chart-title{font-size:13px;fill:#222;font-weight:bold}
        """

    /// Latency, errors and throughput of the steps that ran, in size order.
    static func chartsSection(_ summary: CapacitySummary) -> String {
        let measured = summary.steps.filter { $0.figures != nil }.sorted { $0.stations < $1.stations }
        guard !measured.isEmpty else { return "" }
        let figures = measured.compactMap(\.figures)
        let points = measured.map { CapacityChart.Point(stations: $0.stations, passed: $0.outcome == .passed) }
        let knee = (passed: summary.largestPassed, failed: summary.smallestFailed?.stations)
        let label = summary.fleetLimit != nil
            ? "fleet saturated" : summary.largestPassed.map { "knee: \($0) stations" } ?? ""
        func chart(_ title: String, unit: String, _ series: [CapacityChart.Series]) -> String {
            CapacityChart(title: title, unit: unit, points: points, series: series, knee: knee, kneeLabel: label)
                .render()
        }
        var html = "<h2>Capacity</h2>\n"
        html += chart("Latency against stations", unit: " ms", [
            CapacityChart.Series(name: "p50", color: "#0969da", values: figures.map { Double($0.latencyP50Micros) / 1000 }),
            CapacityChart.Series(name: "p99", color: "#bf8700", values: figures.map { Double($0.latencyP99Micros) / 1000 }),
        ])
        html += chart("Errors against stations (% of calls)", unit: "%", [
            CapacityChart.Series(name: "errors", color: "#cf222e", values: figures.map { figures in
                let sent = figures.messagesPerSecond * figures.seconds
                return sent > 0 ? Double(figures.errors) / sent * 100 : 0
            }),
        ])
        html += chart("Throughput against stations", unit: "/s", [
            CapacityChart.Series(name: "msgs/s", color: "#1a7f37", values: figures.map(\.messagesPerSecond)),
            CapacityChart.Series(
                name: "fleet lag p50 (ms)", color: "#8250df", values: figures.map { Double($0.health.lagP50Micros) / 1000 }),
        ])
        return html
    }

    private static func stepsSection(_ summary: CapacitySummary) -> String {
        var html = "<h2>Steps</h2>\n<table>\n<tr><th>step</th><th>stations</th><th>phase</th><th>result</th>"
        html += "<th>msgs/s</th><th>p50</th><th>p99</th><th>errors</th><th>fleet lag p50</th><th>fleet lag p99</th><th>fleet CPU</th></tr>\n"
        for (index, step) in summary.steps.enumerated() {
            let verdict = step.outcome == .passed ? "<td class=\"pass\">pass</td>" : "<td class=\"fail\">\(step.verdict)</td>"
            html += "<tr><td>\(index + 1)</td><td>\(step.stations)</td><td>\(step.phase.rawValue) (\(step.start.rawValue))</td>\(verdict)"
            if let figures = step.figures {
                let cells = [
                    CapacityStep.rate(figures.messagesPerSecond), CapacityStep.millis(figures.latencyP50Micros),
                    CapacityStep.millis(figures.latencyP99Micros), "\(figures.errors)",
                    CapacityStep.millis(figures.health.lagP50Micros), CapacityStep.millis(figures.health.lagP99Micros),
                    CapacityStep.percent(figures.health.cpuShare)
                        + (figures.health.demandShare.map { " (wanted \(CapacityStep.percent($0)))" } ?? "")
                        + (figures.fleetSaturated ? " saturated" : ""),
                ]
                html += cells.map { "<td>\(CapacityJUnit.escape($0))</td>" }.joined()
            } else {
                html += "<td colspan=\"7\"></td>"
            }
            html += "</tr>\n"
        }
        return html + "</table>\n"
    }
}
