/// One second of a run, as the timeline, the charts and `timeline.csv` show it.
public struct TimelinePoint: Sendable, Equatable {
    /// Seconds since the run started: this point covers `second ..< second + 1`.
    public var second: Int
    /// Calls sent during the second.
    public var sent: UInt64
    /// Calls answered (CallResult or CallError) during the second.
    public var answered: UInt64
    /// CallErrors received during the second.
    public var callErrors: UInt64
    /// Calls that timed out during the second.
    public var timeouts: UInt64
    /// Connection attempts that failed during the second.
    public var connectFailures: UInt64
    /// Links up at the end of the second.
    public var connected: UInt64
    /// The median latency of the calls answered during the second, in microseconds (0 when none).
    public var latencyP50: UInt64
    /// The 99th percentile latency of the calls answered during the second, in microseconds (0 when none).
    public var latencyP99: UInt64
    /// The latencies of the calls answered during the second, which merging reports needs; nil when read
    /// from a report without them.
    public var latencyBuckets: HistogramBuckets?

    /// Makes a point from its figures.
    public init(
        second: Int, sent: UInt64, answered: UInt64, callErrors: UInt64, timeouts: UInt64,
        connectFailures: UInt64, connected: UInt64, latencyP50: UInt64, latencyP99: UInt64,
        latencyBuckets: HistogramBuckets? = nil
    ) {
        self.second = second
        self.sent = sent
        self.answered = answered
        self.callErrors = callErrors
        self.timeouts = timeouts
        self.connectFailures = connectFailures
        self.connected = connected
        self.latencyP50 = latencyP50
        self.latencyP99 = latencyP99
        self.latencyBuckets = latencyBuckets
    }
}
