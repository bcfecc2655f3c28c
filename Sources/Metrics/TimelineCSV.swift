/// Writes `timeline.csv`: a header line, then one row per second of the run.
public enum TimelineCSV {
    /// The column names, in order.
    public static let header = [
        "second", "sent", "answered", "call_errors", "timeouts", "connect_failures", "connected",
        "latency_p50_ms", "latency_p99_ms",
    ]

    /// The timeline as CSV text (RFC 4180: comma-separated, CRLF-free lines ending in `\n`).
    public static func render(_ timeline: [TimelinePoint]) -> String {
        var text = header.joined(separator: ",") + "\n"
        for point in timeline {
            let fields = [
                String(point.second), String(point.sent), String(point.answered), String(point.callErrors),
                String(point.timeouts), String(point.connectFailures), String(point.connected),
                NumberText.millis(point.latencyP50), NumberText.millis(point.latencyP99),
            ]
            text += fields.joined(separator: ",") + "\n"
        }
        return text
    }
}
