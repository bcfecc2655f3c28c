/// The one-line progress text shown while a run goes: elapsed time, stations connected, the messages per
/// second and p99 latency of the timeline's last point (the last complete second, or the stretch of a
/// longer grain on a long run), and errors so far.
public enum ProgressLine {
    /// The line, without a newline or terminal control characters (the caller redraws it with `\r` on a
    /// terminal, or prints it as a plain line elsewhere).
    /// - Parameters:
    ///   - snapshot: the run so far, usually ``MetricsAggregator/snapshot()``'s.
    ///   - stations: how many stations the run has.
    public static func render(_ snapshot: MetricsSnapshot, stations: Int) -> String {
        let last = snapshot.timeline.last
        let all = snapshot.allActions
        let elapsed = NumberText.fixed(snapshot.elapsedSeconds, decimals: 1)
        return "\(elapsed)s  connected \(snapshot.connections.current)/\(stations)  "
            + "\((last?.sent ?? 0) / UInt64(max(last?.seconds ?? 1, 1))) msgs/s  "
            + "p99 \(NumberText.millis(last?.latencyP99 ?? 0)) ms  "
            + "errors \(all.callErrors.total &+ all.timeouts)"
    }
}
