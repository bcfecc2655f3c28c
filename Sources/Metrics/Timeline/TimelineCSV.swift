/// Writes `timeline.csv`: a header line, then one row per point of the ``Timeline``: per second, or per
/// `seconds` seconds (the grain) on a run too long to keep every second.
///
/// The columns of the first reports come first, in their order, so that readers of those still read
/// these; `sent`, `answered` and the other counts are per row, not per second.
public enum TimelineCSV {
    /// The column names, in order.
    public static let header = [
        "second", "sent", "answered", "call_errors", "timeouts", "connect_failures", "connected",
        "latency_p50_ms", "latency_p99_ms", "seconds", "peak_sent", "latency_p90_ms", "latency_max_ms",
        "connect_attempts", "accepted", "refused", "connect_timeouts", "booted",
    ]

    /// The timeline as CSV text (RFC 4180: comma-separated, CRLF-free lines ending in `\n`).
    public static func render(_ timeline: Timeline) -> String {
        var text = header.joined(separator: ",") + "\n"
        for point in timeline {
            let fields = [
                String(point.second), String(point.sent), String(point.answered), String(point.callErrors),
                String(point.timeouts), String(point.connectFailures), String(point.connected),
                NumberText.millis(point.latencyP50), NumberText.millis(point.latencyP99), String(point.seconds),
                String(point.peakSent), NumberText.millis(point.latencyP90), NumberText.millis(point.latencyMax),
                String(point.connectAttempts), String(point.accepted), String(point.refused),
                String(point.connectTimeouts), String(point.booted),
            ]
            text += fields.joined(separator: ",") + "\n"
        }
        return text
    }
}
