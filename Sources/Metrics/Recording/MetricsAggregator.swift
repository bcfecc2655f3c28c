/// Merges what the loops' recorders hand over into one ``MetricsSnapshot``.
///
/// Totals are replaced by each loop's latest collection; seconds are merged across loops and become
/// timeline points once every loop has closed them, so a second's percentiles come from all of its
/// latencies, not from percentiles of percentiles. The points go into a ``Timeline`` of bounded size, so
/// that the aggregator's memory does not grow with the run's length (``timelineBytes``); the peaks the
/// report states (calls sent in a second, links up at once) are taken from every second as it closes.
///
/// ```swift
/// var aggregator = MetricsAggregator(loopCount: 2)
/// aggregator.add(loopMetrics, fromLoop: 1)   // periodically, for each loop
/// let live = aggregator.snapshot()           // progress line, Prometheus
/// let final = aggregator.finish()            // after every loop's collectFinal()
/// ```
public struct MetricsAggregator: Sendable {
    private var latest: [LoopMetrics?]
    private var openSecondByLoop: [Int]
    private var pendingSeconds: [Int: TimelineSecond] = [:]
    private var timeline = Timeline()
    private var peakSent: UInt64 = 0
    private var peakConnected: UInt64 = 0

    /// Makes an aggregator for `loopCount` loops, numbered from 0.
    public init(loopCount: Int) {
        precondition(loopCount > 0, "a run has at least one loop")
        latest = Array(repeating: nil, count: loopCount)
        openSecondByLoop = Array(repeating: 0, count: loopCount)
    }

    /// Takes a loop's latest collection.
    /// - Parameters:
    ///   - metrics: what the loop's ``MetricsRecorder/collect()`` returned.
    ///   - loop: the loop's number, `0 ..< loopCount`.
    public mutating func add(_ metrics: LoopMetrics, fromLoop loop: Int) {
        var totals = metrics
        totals.closedSeconds = []
        latest[loop] = totals
        add(seconds: metrics.closedSeconds, openSecond: metrics.openSecond, fromLoop: loop)
    }

    /// Takes the seconds a loop closed (``MetricsRecorder/collectSeconds()``), leaving its totals as
    /// they were: a loop's totals are then those of its latest ``add(_:fromLoop:)``.
    /// - Parameters:
    ///   - seconds: the seconds the loop closed since its previous collection.
    ///   - openSecond: the first second the loop has not closed.
    ///   - loop: the loop's number, `0 ..< loopCount`.
    public mutating func add(seconds: [TimelineSecond], openSecond: Int, fromLoop loop: Int) {
        for second in seconds {
            // The first loop to close a second hands it over whole: merging it into an empty one would
            // add up its histogram's every count.
            if pendingSeconds[second.second] == nil {
                pendingSeconds[second.second] = second
            } else {
                pendingSeconds[second.second]?.merge(second)
            }
        }
        openSecondByLoop[loop] = openSecond
        finalizeSeconds(before: openSecondByLoop.min() ?? 0)
    }

    /// The run so far: the totals of every loop's latest collection, and the seconds every loop has closed.
    public func snapshot() -> MetricsSnapshot {
        var snapshot = MetricsSnapshot()
        for case let loop? in latest {
            snapshot.elapsedMicros = Swift.max(snapshot.elapsedMicros, loop.elapsedMicros)
            for action in loop.actions {
                snapshot.actions[action.name, default: ActionMetrics(name: action.name)].merge(action)
            }
            snapshot.connections.merge(loop.connections)
            snapshot.transactions.merge(loop.transactions)
            snapshot.csmsFaults.merge(loop.csmsFaults)
            snapshot.schedulerLag.merge(loop.schedulerLag)
            snapshot.connectTime.merge(loop.connectTime)
        }
        snapshot.timeline = timeline
        snapshot.peakSentPerSecond = peakSent
        snapshot.storms = StormMetrics.merged(latest.map { $0?.storms ?? [] })
        // Each loop's own peak and each second's sum are instants that really happened: the larger is
        // the best figure that never overstates.
        snapshot.connections.maxConcurrent = Swift.max(
            snapshot.connections.maxConcurrent, snapshot.connections.current, peakConnected)
        return snapshot
    }

    /// Turns every second still waiting into timeline points, as the run ends, and returns the snapshot.
    public mutating func finish() -> MetricsSnapshot {
        finalizeSeconds(before: Int.max)
        return snapshot()
    }

    private mutating func finalizeSeconds(before open: Int) {
        let ready = pendingSeconds.keys.filter { $0 < open }.sorted()
        for second in ready {
            if let merged = pendingSeconds.removeValue(forKey: second) {
                peakSent = Swift.max(peakSent, merged.counts.sent)
                peakConnected = Swift.max(peakConnected, merged.counts.connected)
                timeline.append(merged.point)
            }
        }
    }

    /// The bytes the aggregator's timeline machinery holds in memory: the timeline's points and the
    /// seconds waiting for a loop to close them. Bounded whatever the run's length.
    public var timelineBytes: Int {
        timeline.retainedBytes + pendingSeconds.values.reduce(0) { $0 + $1.retainedBytes }
    }
}
