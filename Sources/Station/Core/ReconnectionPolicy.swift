/// When a station tries its connection again after losing it.
public enum ReconnectionPolicy: Sendable, Equatable {
    /// The Green'Up's way: every serverReconnectionTime seconds, no jitter, so that a fleet dropped at once
    /// comes back in step (the reconnection storm).
    case serverReconnectionTime
    /// Doubling delays from `initialMs` up to `maxMs`, each shortened by a random share up to `jitter`
    /// (0 to 1) drawn from the station's seeded generator.
    case exponentialBackoff(initialMs: Int64, maxMs: Int64, jitter: Double)

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
        }
    }
}
