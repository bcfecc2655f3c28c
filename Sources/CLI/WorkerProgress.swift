import Foundation
import Metrics

/// A `run` worker's progress, as it tells its parent once a second on its stdout: one line
/// `progress elapsed_s=12.0 connected=4000 msgs_per_s=812 p99_us=1250 errors=0`. The parent adds the
/// workers' figures up into the one progress line the user sees.
struct WorkerProgress: Equatable, Sendable {
    /// How long the worker's run has gone, in seconds.
    var elapsedSeconds: Double
    /// Its stations connected now.
    var connected: Int
    /// CALLs sent in the last point of its timeline, per second.
    var messagesPerSecond: UInt64
    /// The p99 latency of that point, in microseconds.
    var latencyP99Micros: UInt64
    /// CallErrors and timeouts so far.
    var errors: UInt64
}

extension WorkerProgress {
    /// The figures of a worker's snapshot, those of ``Metrics/ProgressLine``.
    init(_ snapshot: MetricsSnapshot) {
        let last = snapshot.timeline.last
        let all = snapshot.allActions
        self.init(
            elapsedSeconds: snapshot.elapsedSeconds, connected: Int(clamping: snapshot.connections.current),
            messagesPerSecond: (last?.sent ?? 0) / UInt64(max(last?.seconds ?? 1, 1)),
            latencyP99Micros: last?.latencyP99 ?? 0, errors: UInt64(all.callErrors.total) &+ UInt64(all.timeouts))
    }

    /// Reads a `progress` line; nil for any other line.
    init?(line: String) {
        let words = line.split(separator: " ")
        guard words.first == "progress" else { return nil }
        var fields: [Substring: Substring] = [:]
        for word in words.dropFirst() {
            let parts = word.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { fields[parts[0]] = parts[1] }
        }
        guard let elapsed = fields["elapsed_s"].flatMap({ Double($0) }),
            let connected = fields["connected"].flatMap({ Int($0) }),
            let rate = fields["msgs_per_s"].flatMap({ UInt64($0) }),
            let p99 = fields["p99_us"].flatMap({ UInt64($0) }),
            let errors = fields["errors"].flatMap({ UInt64($0) })
        else { return nil }
        self.init(
            elapsedSeconds: elapsed, connected: connected, messagesPerSecond: rate, latencyP99Micros: p99,
            errors: errors)
    }

    /// The line a worker writes (with a newline after it).
    var line: String {
        "progress elapsed_s=\(String(format: "%.1f", elapsedSeconds)) connected=\(connected) "
            + "msgs_per_s=\(messagesPerSecond) p99_us=\(latencyP99Micros) errors=\(errors)"
    }

    /// The progress line of the whole run from its workers' latest figures: counts and rates add up;
    /// the p99 shown is the highest worker's (an upper bound: the workers' histograms stay with them
    /// until the end, where the report merges them exactly).
    static func line(merging workers: [WorkerProgress], stations: Int) -> String {
        let elapsed = workers.map(\.elapsedSeconds).max() ?? 0
        let connected = workers.reduce(0) { $0 + $1.connected }
        let rate = workers.reduce(0) { $0 &+ $1.messagesPerSecond }
        let p99 = workers.map(\.latencyP99Micros).max() ?? 0
        let errors = workers.reduce(0) { $0 &+ $1.errors }
        return "\(String(format: "%.1f", elapsed))s  connected \(connected)/\(stations)  \(rate) msgs/s  "
            + "p99 \(String(format: "%.3f", Double(p99) / 1000)) ms  errors \(errors)"
    }
}
