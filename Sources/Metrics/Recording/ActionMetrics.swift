/// What was recorded for one OCPP action: calls the stations sent and how the CSMS answered them.
public struct ActionMetrics: Sendable, Equatable {
    /// The action's name, e.g. `StartTransaction`.
    public let name: String
    /// Calls sent by the stations.
    public var sent: UInt64 = 0
    /// Calls answered with a CallResult.
    public var ok: UInt64 = 0
    /// Calls answered with a CallError, by error code.
    public var callErrors = BoundedCounts()
    /// Calls that got no answer in time.
    public var timeouts: UInt64 = 0
    /// Answers that came after their call had timed out (each also counted in ``timeouts``); their
    /// latencies are in the histograms.
    public var late: UInt64 = 0
    /// Calls of this action received from the CSMS (commands such as RemoteStartTransaction).
    public var received: UInt64 = 0
    /// From the moment a call was due to its answer (CallResult or CallError), in microseconds.
    public var latency: LatencyHistogram
    /// From the moment a call was written to its answer, in microseconds.
    public var serviceTime: LatencyHistogram

    /// Makes an empty record for `name`.
    /// - Parameters:
    ///   - highestTrackableLatency: latencies above it, in microseconds, count as it.
    ///   - wholeRange: whether the histograms take their whole range at their first value
    ///     (``LatencyHistogram/init(highestTrackableValue:wholeRange:)``).
    public init(
        name: String, highestTrackableLatency: UInt64 = LatencyHistogram.defaultHighestTrackableValue,
        wholeRange: Bool = false
    ) {
        self.name = name
        latency = LatencyHistogram(highestTrackableValue: highestTrackableLatency, wholeRange: wholeRange)
        serviceTime = LatencyHistogram(highestTrackableValue: highestTrackableLatency, wholeRange: wholeRange)
    }

    /// Calls answered, with a CallResult or a CallError.
    public var answered: UInt64 { ok &+ callErrors.total }

    /// Adds everything recorded in `other`, whatever its name.
    public mutating func merge(_ other: ActionMetrics) {
        sent &+= other.sent
        ok &+= other.ok
        callErrors.merge(other.callErrors)
        timeouts &+= other.timeouts
        late &+= other.late
        received &+= other.received
        latency.merge(other.latency)
        serviceTime.merge(other.serviceTime)
    }
}
