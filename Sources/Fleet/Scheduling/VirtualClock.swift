/// A clock that jumps straight to the next event: simulated time costs no wall time.
public struct VirtualClock: SchedulerClock, Sendable {
    /// The current time on the fleet's timeline.
    public private(set) var now: Int64

    /// A clock that starts at `start` (milliseconds since the Unix epoch).
    public init(start: Int64) {
        now = start
    }

    /// Jumps to `time`; never goes backwards.
    public mutating func wait(until time: Int64) -> Int64 {
        now = max(now, time)
        return now
    }
}
