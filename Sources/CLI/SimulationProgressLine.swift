import Foundation
import Metrics

/// The progress line of `simulate`, where the snapshot's seconds are simulated ones: how far the simulated
/// clock has gone, how many messages the simulator handles per real second, the latency and errors so far.
struct SimulationProgressLine: Sendable {
    /// When the simulation started, on the wall clock.
    let started: Date
    /// The simulated time it runs, in seconds.
    let duration: Double

    /// The line at `now`, for `snapshot`.
    func render(_ snapshot: MetricsSnapshot, stations: Int, now: Date = Date()) -> String {
        let wall = now.timeIntervalSince(started)
        let all = snapshot.allActions
        let rate = wall > 0 ? Double(all.sent) / wall : 0
        let p99 = Double(all.latency.summary.p99) / 1000
        return "simulated \(Self.clock(snapshot.elapsedSeconds)) of \(Self.clock(duration))  \(stations) stations  "
            + "\(Int(rate.rounded())) msgs/s  p99 \(String(format: "%.1f", p99)) ms  "
            + "errors \(all.callErrors.total &+ all.timeouts)"
    }

    /// A simulated duration as hours, minutes and seconds: `26:05:00`.
    static func clock(_ seconds: Double) -> String {
        let total = Int(seconds)
        return String(format: "%02d:%02d:%02d", total / 3600, total / 60 % 60, total % 60)
    }
}
