/// The final summary for a terminal: the run, one row per action, links, transactions, and the SLOs.
public enum SummaryTable {
    /// The summary as lines of plain text, ending with a newline.
    public static func render(_ report: RunReport) -> String {
        let run = report.run
        var lines = [
            "ocpp-fleet: \(run.stations) stations, \(NumberText.fixed(run.durationSeconds, decimals: 1)) s"
                + " at speed \(NumberText.compact(run.speed)), seed \(run.seed), csms \(run.csms)", "",
        ]
        let header = ["action", "sent", "ok", "errors", "timeouts", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms"]
        var rows = [header]
        // Actions that never happened in this run would bury the ones that did.
        for figures in report.actions + [report.allActions] where figures.sent > 0 || figures.received > 0 {
            rows.append([
                figures.name == "*" ? "all" : figures.name, String(figures.sent), String(figures.ok),
                String(figures.callErrors), String(figures.timeouts), NumberText.millis(figures.latency.p50),
                NumberText.millis(figures.latency.p90), NumberText.millis(figures.latency.p99),
                NumberText.millis(figures.latency.p999), NumberText.millis(figures.latency.max),
            ])
        }
        lines += aligned(rows)
        let connections = report.connections
        let transactions = report.transactions
        let lag = report.schedulerLag
        lines += [
            "",
            "links         \(connections.attempted) attempted, \(connections.established) established, "
                + "\(connections.failed.total) failed\(Self.byReason(connections.failed)), "
                + "\(connections.reconnects) reconnects, \(connections.maxConcurrent) most at once, "
                + "\(connections.connectedBeforeStop) before the stop",
        ]
        if connections.closed.total > 0 {
            lines.append("closed        \(connections.closed.total) links\(Self.byReason(connections.closed))")
        }
        lines += [
            "transactions  \(transactions.started) started, \(transactions.stopped) stopped, "
                + "\(transactions.lost) lost, \(NumberText.fixed(Double(transactions.energyWh) / 1000, decimals: 1)) kWh",
            "throughput    \(NumberText.fixed(report.sentPerSecond, decimals: 1)) msgs/s "
                + "(peak \(report.peakSentPerSecond)), scheduler lag p99 \(NumberText.millis(lag.p99)) ms",
            "process       \(NumberText.fixed(report.process.cpuSeconds, decimals: 2)) s CPU, "
                + "\(NumberText.fixed(Double(report.process.maxRSSBytes) / 1_048_576, decimals: 1)) MiB peak RSS",
        ]
        if report.allActions.late > 0 {
            let byAction = report.actions.filter { $0.late > 0 }.map { "\($0.name) \($0.late)" }
            lines.append(
                "late answers  \(report.allActions.late) after their timeout (\(byAction.joined(separator: ", "))), "
                    + "in the latencies")
        }
        let faults = report.csmsFaults
        if !faults.isEmpty {
            let codes = faults.badFrames.sorted.map { "\($0.name) \($0.count)" }.joined(separator: ", ")
            lines.append(
                "csms faults   \(faults.badFrames.total) bad frames" + (codes.isEmpty ? "" : " (\(codes))")
                    + ", \(faults.unmatchedAnswers) unmatched answers")
        }
        if !report.slo.isEmpty {
            lines.append("")
            for result in report.slo {
                lines.append("SLO \(result.ok ? "pass" : "FAIL")  \(result.expression)  (\(result.detail))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Counts by reason in parentheses, ` (refused 3, timeout 1)`, or nothing when there are none.
    private static func byReason(_ counts: BoundedCounts) -> String {
        counts.total == 0 ? "" : " (" + counts.sorted.map { "\($0.name) \($0.count)" }.joined(separator: ", ") + ")"
    }

    /// Rows padded into columns: the first left-aligned, the others right-aligned.
    private static func aligned(_ rows: [[String]]) -> [String] {
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + padding : padding + cell
            }.joined(separator: "  ")
        }
    }
}
