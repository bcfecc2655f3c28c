/// How a station waits before it tries to connect again after its link dropped or a try failed.
public enum ReconnectionStrategy: Sendable, Equatable {
    /// The Green'Up's own: every `serverReconnectionTime` (30 s), with no jitter, so a fleet that lost its
    /// server comes back in step, in waves.
    case greenUp
    /// The same wait every time, with no jitter.
    case fixed(intervalMilliseconds: Int64)
    /// Waits doubling from `initial` up to `maximum`, each shortened by a random part of up to `jitter`
    /// (0 to 1) of itself, so that a fleet spreads out.
    case exponential(initialMilliseconds: Int64, maximumMilliseconds: Int64, jitter: Double)
    /// OCPP 2.0.1's RetryBackOff: `waitMinimum` plus a random part of up to `randomRange` at first, the
    /// `waitMinimum` part doubling after each failed attempt up to `repeatTimes` doublings, then kept; every
    /// attempt draws its own random part. What a CSMS sees from a 2.0.1-style fleet.
    case retryBackOff(waitMinimumMilliseconds: Int64, randomRangeMilliseconds: Int64, repeatTimes: Int)
}
