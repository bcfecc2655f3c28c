/// One second as one loop saw it: counters plus the latencies of that second, kept whole until the
/// seconds of every loop are merged, since percentiles of percentiles would be wrong. It lives only until
/// then: the ``TimelinePoint`` it becomes keeps a few percentiles, not the histogram.
public struct TimelineSecond: Sendable, Equatable {
    /// Seconds since the run started.
    public var second: Int
    var sent: UInt64 = 0
    var answered: UInt64 = 0
    var callErrors: UInt64 = 0
    var timeouts: UInt64 = 0
    var connectFailures: UInt64 = 0
    var connected: UInt64 = 0
    var connectAttempts: UInt64 = 0
    var accepted: UInt64 = 0
    var refused: UInt64 = 0
    var connectTimeouts: UInt64 = 0
    var booted: UInt64 = 0
    var latency = LatencyHistogram()

    init(second: Int) {
        self.second = second
    }

    mutating func merge(_ other: TimelineSecond) {
        sent &+= other.sent
        answered &+= other.answered
        callErrors &+= other.callErrors
        timeouts &+= other.timeouts
        connectFailures &+= other.connectFailures
        connected &+= other.connected
        connectAttempts &+= other.connectAttempts
        accepted &+= other.accepted
        refused &+= other.refused
        connectTimeouts &+= other.connectTimeouts
        booted &+= other.booted
        latency.merge(other.latency)
    }

    var point: TimelinePoint {
        TimelinePoint(
            second: second, sent: sent, answered: answered, callErrors: callErrors, timeouts: timeouts,
            connectFailures: connectFailures, connected: connected, latencyP50: latency.value(atPercentile: 50),
            latencyP90: latency.value(atPercentile: 90), latencyP99: latency.value(atPercentile: 99),
            latencyMax: latency.maxValue, connectAttempts: connectAttempts, accepted: accepted, refused: refused,
            connectTimeouts: connectTimeouts, booted: booted)
    }

    /// The bytes the second holds in memory: its histogram's counts.
    var retainedBytes: Int {
        MemoryLayout<TimelineSecond>.stride + latency.counts.capacity * MemoryLayout<UInt64>.stride
    }
}
