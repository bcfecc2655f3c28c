/// The final summary for a terminal: the run, one row per action the stations sent, the commands the
/// CSMS sent them, links, transactions, and the SLOs. A figure nothing was measured for shows `–`, not a
/// zero that would read as a measurement.
public enum SummaryTable {
    /// What a cell shows when there is nothing to measure.
    static let none = "–"

    /// The summary as lines of plain text, ending with a newline.
    public static func render(_ report: RunReport) -> String {
        let run = report.run
        var lines = [
            "ocpp-fleet: \(run.stations) stations, \(NumberText.fixed(run.durationSeconds, decimals: 1)) s"
                + " at speed \(NumberText.compact(run.speed)), seed \(run.seed), csms \(run.csms)",
        ]
        if report.interrupted {
            lines.append("INTERRUPTED: stopped before its end; these figures cover only the time it ran")
        }
        lines.append("")
        let header = ["action", "sent", "ok", "errors", "timeouts", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms"]
        var rows = [header]
        // Actions that never happened in this run would bury the ones that did.
        for figures in report.actions where figures.sent > 0 {
            rows.append(row(figures))
        }
        rows.append(row(report.allActions))
        lines += aligned(rows)
        let commands = commandRows(report)
        if commands.count > 1 {
            lines.append("")
            lines += aligned(commands)
        }
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
                + "\(transactions.lost) lost, \(NumberText.fixed(Double(transactions.energyWh) / 1000, decimals: 1)) kWh"
                + (transactions.unsentAtEnd > 0 ? ", \(transactions.unsentAtEnd) messages unsent at the end" : ""),
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
        lines += StormSummary.lines(report.storms)
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

    /// A call's row: counts, and latencies only when some call was answered.
    private static func row(_ figures: ActionFigures) -> [String] {
        let name = figures.name == "*" ? "all" : figures.name
        guard figures.sent > 0 else { return [name] + Array(repeating: none, count: 9) }
        let latency = figures.latency
        let percentiles = latency.count == 0
            ? Array(repeating: none, count: 5)
            : [latency.p50, latency.p90, latency.p99, latency.p999, latency.max].map(NumberText.millis)
        return [name, String(figures.sent), String(figures.ok), String(figures.callErrors), String(figures.timeouts)]
            + percentiles
    }

    /// The commands the CSMS sent the stations: how many the stations received and answered, and, with
    /// the embedded CSMS's counters, how they ended for it. Only the header when there was none.
    private static func commandRows(_ report: RunReport) -> [[String]] {
        var rows = [["command from the CSMS", "received", "answered", "outcomes"]]
        let prefix = "commands."
        var names = Set(report.actions.filter { $0.received > 0 }.map(\.name))
        for key in report.csms.keys where key.hasPrefix(prefix) && key.hasSuffix(".sent") {
            names.insert(String(key.dropFirst(prefix.count).dropLast(".sent".count)))
        }
        for name in names.sorted() {
            let answered = report.actions.first { $0.name == name }?.received ?? 0
            let sent = report.csms[prefix + name + ".sent"].map { UInt64($0) }
            var outcomes: [String] = []
            for (key, count) in report.csms.sorted(by: { $0.key < $1.key })
            where key.hasPrefix(prefix + name + ".") && !key.hasSuffix(".sent") && count > 0 {
                outcomes.append("\(key.dropFirst(prefix.count + name.count + 1)) \(UInt64(count))")
            }
            rows.append([
                name, String(sent ?? answered), String(answered), outcomes.isEmpty ? none : outcomes.joined(separator: ", "),
            ])
        }
        return rows
    }
}
