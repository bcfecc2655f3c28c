/// When a station tries its connection again after losing it.
public enum ReconnectionPolicy: Sendable, Equatable {
    /// The Green'Up's way: every serverReconnectionTime seconds, no jitter, so that a fleet dropped at once
    /// comes back in step (the reconnection storm).
    case serverReconnectionTime
    /// Doubling delays from `initialMs` up to `maxMs`, each shortened by a random share up to `jitter`
    /// (0 to 1) drawn from the station's seeded generator.
    case exponentialBackoff(initialMs: Int64, maxMs: Int64, jitter: Double)
    /// OCPP 2.0.1's RetryBackOff (Part 4, "Reconnecting"): `waitMinimumMs` doubled after each failed attempt, at
    /// most `repeatTimes` times and then kept, plus on every attempt a fresh random part of 0 to `randomRangeMs`
    /// drawn from the station's seeded generator.
    case retryBackOff(waitMinimumMs: Int64, randomRangeMs: Int64, repeatTimes: Int)

    /// The delay before attempt `attempt` (0 for the first after a drop).
    func delay(attempt: Int, serverReconnectionSeconds: Int, random: inout SeededGenerator) -> Int64 {
        switch self {
        case .serverReconnectionTime:
            return .milliseconds(seconds: serverReconnectionSeconds)
        case .exponentialBackoff(let initial, let maximum, let jitter):
            let doubled = initial << Int64(min(attempt, 30))
            let base = min(maximum, doubled > 0 ? doubled : maximum)
            let share = Double(random.next() >> 11) / Double(1 << 53) * min(1, max(0, jitter))
            return max(1, base - Int64(Double(base) * share))
        case .retryBackOff(let minimum, let range, let repeatTimes):
            let doublings = Int64(max(0, min(attempt, repeatTimes, 62)))
            let base = max(0, minimum).saturatingMultiply(1 << doublings)
            // The draw is spelt out, not left to the standard library's `random(in:using:)`, so that a
            // (seed, station) gives the same waits under every toolchain; for ranges below 10^15 ms the modulo bias
            // is under 2^-14.
            let extra = Int64(random.next() % (UInt64(max(0, min(range, Int64.max - 1))) + 1))
            return max(1, base.saturatingAdd(extra))
        }
    }
}
