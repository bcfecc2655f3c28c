/// One action's figures as a report states them: counts, percentiles, and the histograms behind them.
public struct ActionFigures: Sendable, Equatable {
    /// The action's name, or `*` for all actions together.
    public var name: String
    /// Calls sent.
    public var sent: UInt64
    /// Calls answered with a CallResult.
    public var ok: UInt64
    /// Calls answered with a CallError, by code.
    public var callErrorsByCode: [String: UInt64]
    /// Calls that got no answer in time.
    public var timeouts: UInt64
    /// Answers that came after their call had timed out: late, not faults; their latencies are in the
    /// percentiles.
    public var late: UInt64
    /// Calls of this action received from the CSMS.
    public var received: UInt64
    /// Latency from when calls were due, in microseconds.
    public var latency: LatencySummary
    /// Service time from when calls were written, in microseconds.
    public var serviceTime: LatencySummary
    /// The latency histogram itself, which merging reports needs; nil when read from a report without it.
    public var latencyBuckets: HistogramBuckets?
    /// The service-time histogram itself; nil when read from a report without it.
    public var serviceTimeBuckets: HistogramBuckets?

    /// Makes figures from their parts.
    public init(
        name: String, sent: UInt64, ok: UInt64, callErrorsByCode: [String: UInt64], timeouts: UInt64,
        received: UInt64, latency: LatencySummary, serviceTime: LatencySummary,
        latencyBuckets: HistogramBuckets? = nil, serviceTimeBuckets: HistogramBuckets? = nil, late: UInt64 = 0
    ) {
        self.name = name
        self.sent = sent
        self.ok = ok
        self.callErrorsByCode = callErrorsByCode
        self.timeouts = timeouts
        self.late = late
        self.received = received
        self.latency = latency
        self.serviceTime = serviceTime
        self.latencyBuckets = latencyBuckets
        self.serviceTimeBuckets = serviceTimeBuckets
    }

    /// States what an ``ActionMetrics`` recorded.
    public init(_ metrics: ActionMetrics) {
        self.init(
            name: metrics.name, sent: metrics.sent, ok: metrics.ok, callErrorsByCode: metrics.callErrors.counts,
            timeouts: metrics.timeouts, received: metrics.received, latency: metrics.latency.summary,
            serviceTime: metrics.serviceTime.summary, latencyBuckets: HistogramBuckets(metrics.latency),
            serviceTimeBuckets: HistogramBuckets(metrics.serviceTime), late: metrics.late)
    }

    /// Calls answered with a CallError.
    public var callErrors: UInt64 { callErrorsByCode.values.reduce(0, &+) }

    /// CallErrors and timeouts: the calls that did not succeed.
    public var errors: UInt64 { callErrors &+ timeouts }
}
