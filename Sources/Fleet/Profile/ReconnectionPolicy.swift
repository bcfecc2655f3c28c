/// How a station waits before it tries to connect again after its link dropped or a try failed.
public enum ReconnectionPolicy: Sendable, Equatable {
    /// The same wait every time, with no jitter: what a Green'Up does (`serverReconnectionTime`,
    /// 30 s), so a fleet that lost its server comes back in step, in waves.
    case fixed(intervalMilliseconds: Int64)
    /// Waits growing by `multiplier` from `initial` up to `maximum`, each shortened by a random part of up
    /// to `jitter` (0 to 1) of itself, so that a fleet spreads out.
    case exponential(initialMilliseconds: Int64, maximumMilliseconds: Int64, multiplier: Double, jitter: Double)

    /// The Green'Up's own: 30 s, fixed.
    public static let greenUp = ReconnectionPolicy.fixed(intervalMilliseconds: 30_000)

    /// The wait before try number `attempt` (1 for the first try after a loss).
    public func delay(attempt: Int, stream: inout RandomStream) -> Int64 {
        switch self {
        case .fixed(let interval):
            return interval
        case .exponential(let initial, let maximum, let multiplier, let jitter):
            var wait = Double(initial)
            var step = 1
            while step < attempt && wait < Double(maximum) {
                wait *= multiplier
                step += 1
            }
            wait = min(wait, Double(maximum))
            return Int64(wait * (1 - jitter * stream.unit()))
        }
    }
}
