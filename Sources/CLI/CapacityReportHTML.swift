import Metrics

/// `report.html` of a capacity search: the verdict, charts of latency and errors against the fleet's size
/// and against the msgs/s it achieved with the knee marked, throughput against size, and the steps as a
/// table. One self-contained page in the frame of ``ReportHTML``.
enum CapacityReportHTML {
    static func render(_ summary: CapacitySummary, csms: String) -> String {
        let verdictClass = summary.exitCode == .ok ? "pass" : "fail"
        var body = "<p>Against <code>\(XMLText.escape(csms))</code>.</p>\n"
        body += "<p class=\"\(verdictClass)\">\(XMLText.escape(summary.capacityLine))</p>\n"
        body += chartsSection(summary)
        body += stepsSection(summary)
        return ReportHTML.page(title: "ocpp-fleet capacity: \(csms)", heading: "ocpp-fleet capacity", body: body)
    }

    /// Latency and errors against what the search varied (stations) and against the load the CSMS saw
    /// (msgs/s), and throughput against stations: the steps that ran, in the order of the x-axis.
    static func chartsSection(_ summary: CapacitySummary) -> String {
        let measured = summary.steps.filter { $0.figures != nil }
        guard !measured.isEmpty else { return "" }
        let stations: (CapacityStep) -> Double = { Double($0.stations) }
        let rate: (CapacityStep) -> Double = { $0.figures?.messagesPerSecond ?? 0 }
        let passed = summary.steps.first { $0.outcome == .passed && $0.stations == summary.largestPassed }
        let failed = summary.smallestFailed
        let saturated = summary.fleetLimit != nil
        var html = "<h2>Capacity</h2>\n"
        for (axis, x) in [("stations", stations), ("msgs/s", rate)] {
            let steps = measured.sorted { x($0) < x($1) }
            let knee = passed.map { passed in
                SVGLineChart.Marker(
                    at: x(passed), until: failed.map(x),
                    label: saturated ? "fleet saturated" : "knee: \(CapacityStep.rate(x(passed))) \(axis)")
            }
            func chart(_ title: String, unit: String, _ series: [SVGLineChart.Series]) -> String {
                SVGLineChart(
                    title: "\(title) against \(axis)", unit: unit, xAxis: .quantity(axis), xs: steps.map(x),
                    series: series, markers: knee.map { [$0] } ?? [],
                    dots: steps.map { $0.outcome == .passed ? .passed : .failed }
                ).render()
            }
            let figures = steps.compactMap(\.figures)
            html += chart("Latency", unit: " ms", [
                .init(name: "p50", color: "#0969da", values: figures.map { Double($0.latencyP50Micros) / 1000 }),
                .init(name: "p99", color: "#bf8700", values: figures.map { Double($0.latencyP99Micros) / 1000 }),
            ])
            html += chart("Errors (% of calls)", unit: "%", [
                .init(name: "errors", color: "#cf222e", values: figures.map { figures in
                    let sent = figures.messagesPerSecond * figures.seconds
                    return sent > 0 ? Double(figures.errors) / sent * 100 : 0
                }),
            ])
            if axis == "stations" {
                html += chart("Throughput", unit: "/s", [
                    .init(name: "msgs/s", color: "#1a7f37", values: figures.map(\.messagesPerSecond)),
                    .init(
                        name: "fleet lag p50 (ms)", color: "#8250df",
                        values: figures.map { Double($0.health.lagP50Micros) / 1000 }),
                ])
            }
        }
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
                html += cells.map { "<td>\(XMLText.escape($0))</td>" }.joined()
            } else {
                html += "<td colspan=\"7\"></td>"
            }
            html += "</tr>\n"
        }
        return html + "</table>\n"
    }
}
