/// The summary's lines about storms, one per storm: the fault and when, how many of its stations came
/// back and how fast, BootNotification latency before and during it, and the messages kept offline.
enum StormSummary {
    /// The lines, each starting with the summary's `storm` label; none when the run had no storm.
    static func lines(_ storms: [StormMetrics]) -> [String] {
        storms.map { storm in
            let percentiles = StormJSON.recoveryPercentiles.map { percentile in
                "\(percentile.key) " + (storm.recovery(percent: percentile.percent).map(seconds) ?? "not reached")
            }
            let origin = storm.injected ? "" : " (detected)"
            var line = "storm         \(storm.fault)\(origin) at \(NumberText.fixed(Double(storm.startMicros) / 1e6, decimals: 1)) s: "
                + "\(storm.recovered)/\(storm.stations) stations back, " + percentiles.joined(separator: " ")
            if let p50 = storm.linkLost(percent: 50), let p100 = storm.linkLost(percent: 100), p100 > 0 {
                line += ", links lost after p50 \(seconds(p50)) p100 \(seconds(p100))"
            }
            let before = storm.bootLatencyBefore.summary
            let during = storm.bootLatencyDuring.summary
            if during.count > 0 {
                line += ", BootNotification p99 \(NumberText.millis(before.p99)) ms before / "
                    + "\(NumberText.millis(during.p99)) ms during"
            }
            if storm.refused.total > 0 {
                line += ", refused " + storm.refused.sorted.map { "\($0.name) \($0.count)" }.joined(separator: ", ")
            }
            if storm.queuedMessages > 0 {
                line += ", \(storm.queuedMessages) message\(storm.queuedMessages == 1 ? "" : "s") waiting when "
                    + "back (up to \(NumberText.millis(storm.queuedWait.maxValue)) ms, at most "
                    + "\(storm.queuedPeak) for a station)"
            }
            return line
        }
    }

    private static func seconds(_ millis: UInt64) -> String {
        NumberText.fixed(Double(millis) / 1000, decimals: 1) + " s"
    }
}
