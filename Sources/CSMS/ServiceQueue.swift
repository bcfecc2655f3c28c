import Synchronization

/// A single server of known speed: at most `callsPerSecond` answers a second, the rest wait their turn.
///
/// A CSMS whose capacity is known makes a capacity search checkable: below the rate its answers leave at
/// once, above it they queue and their latency grows with the load, as behind a saturated server. Every
/// core of a ``CSMSServer`` shares one queue, so the rate is the whole server's whatever loop a station
/// landed on.
public final class ServiceQueue: Sendable {
    /// How many calls it serves per second.
    public let callsPerSecond: Double
    private let serviceMicros: Int64
    /// When the server is free again, in microseconds since the Unix epoch.
    private let freeAt = Mutex<Int64>(0)

    /// - Parameter callsPerSecond: the rate, more than 0 and at most 1,000,000 (one call per microsecond).
    public init(callsPerSecond: Double) {
        precondition(callsPerSecond > 0 && callsPerSecond <= 1_000_000, "service rate \(callsPerSecond)/s")
        self.callsPerSecond = callsPerSecond
        serviceMicros = max(1, Int64((1_000_000 / callsPerSecond).rounded()))
    }

    /// Takes the server for one call that arrived at `now`.
    /// - Parameter now: milliseconds since the Unix epoch.
    /// - Returns: when its answer is ready (milliseconds since the Unix epoch, never before `now`): after
    ///   every call admitted before it and its own service time.
    public func admit(at now: Int64) -> Int64 {
        let done = freeAt.withLock { freeAt in
            freeAt = max(freeAt, now * 1000) + serviceMicros
            return freeAt
        }
        // Rounded up: an answer never leaves before its service time has passed.
        return (done + 999) / 1000
    }
}
