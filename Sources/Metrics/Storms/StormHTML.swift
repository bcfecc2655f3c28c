/// The storms' part of `report.html`: a chart of the stations connected and booted and of the
/// connection attempts per second, each fault marked where it began, and a table of the storms'
/// recovery figures. Nothing when the run had no storm.
enum StormHTML {
    static func section(_ report: RunReport) -> String {
        guard !report.storms.isEmpty else { return "" }
        let timeline = report.timeline
        func perSecond(_ count: KeyPath<TimelinePoint, UInt64>) -> [Double] {
            timeline.map { Double($0[keyPath: count]) / Double(Swift.max($0.seconds, 1)) }
        }
        let markers = report.storms.map { storm in
            SVGLineChart.Marker(at: Double(storm.startMicros) / 1e6, label: storm.fault)
        }
        let chart = SVGLineChart(
            title: "Storms: stations and connection attempts", unit: "", seconds: timeline.map(\.second),
            series: [
                .init(name: "connected", color: "#1a7f37", values: timeline.map { Double($0.connected) }),
                .init(name: "booted", color: "#0969da", values: timeline.map { Double($0.booted) }),
                .init(name: "attempts/s", color: "#9a6700", values: perSecond(\.connectAttempts)),
                .init(name: "refused/s", color: "#cf222e", values: perSecond(\.refused)),
            ],
            markers: markers)
        var html = "<h2>Storms</h2>\n" + chart.render()
        html += "<table>\n<tr><th>fault</th><th>start s</th><th>stations</th><th>link lost p50 s</th>"
        html += "<th>link lost p100 s</th><th>back</th>"
        html += "<th>p50 s</th><th>p90 s</th><th>p99 s</th><th>p100 s</th>"
        html += "<th>boot p99 ms before</th><th>boot p99 ms during</th><th>queued offline</th></tr>\n"
        for storm in report.storms {
            let recovery = StormJSON.recoveryPercentiles.map { percentile in
                storm.recovery(percent: percentile.percent).map { NumberText.fixed(Double($0) / 1000, decimals: 1) } ?? "–"
            }
            let cells = [
                NumberText.fixed(Double(storm.startMicros) / 1e6, decimals: 1), String(storm.stations),
                storm.linkLost(percent: 50).map { NumberText.fixed(Double($0) / 1000, decimals: 1) } ?? "–",
                storm.linkLost(percent: 100).map { NumberText.fixed(Double($0) / 1000, decimals: 1) } ?? "–",
                String(storm.recovered),
            ] + recovery + [
                NumberText.millis(storm.bootLatencyBefore.summary.p99),
                NumberText.millis(storm.bootLatencyDuring.summary.p99), String(storm.queuedMessages),
            ]
            let name = XMLText.escape(storm.fault) + (storm.injected ? "" : " (detected)")
            html += "<tr><td>\(name)</td>" + cells.map { "<td>\(XMLText.escape($0))</td>" }.joined() + "</tr>\n"
        }
        return html + "</table>\n"
    }
}
