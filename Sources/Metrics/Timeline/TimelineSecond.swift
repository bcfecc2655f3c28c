/// One second as one loop saw it: counts plus the latencies of that second, kept whole until the
/// seconds of every loop are merged, since percentiles of percentiles would be wrong. It lives only until
/// then: the ``TimelinePoint`` it becomes keeps a few percentiles, not the histogram.
public struct TimelineSecond: Sendable, Equatable {
    /// Seconds since the run started.
    public var second: Int
    var counts = TimelineCounts()
    var latency = LatencyHistogram()

    init(second: Int) {
        self.second = second
    }

    /// Adds the same second as another loop saw it.
    mutating func merge(_ other: TimelineSecond) {
        counts.add(sameStretchOf: other.counts)
        latency.merge(other.latency)
    }

    var point: TimelinePoint {
        TimelinePoint(
            second: second, counts: counts, latencyP50: latency.value(atPercentile: 50),
            latencyP90: latency.value(atPercentile: 90), latencyP99: latency.value(atPercentile: 99),
            latencyMax: latency.maxValue)
    }

    /// The bytes the second holds in memory: its histogram's counts.
    var retainedBytes: Int {
        MemoryLayout<TimelineSecond>.stride + latency.counts.capacity * MemoryLayout<UInt64>.stride
    }
}
