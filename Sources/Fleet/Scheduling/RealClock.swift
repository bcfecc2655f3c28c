#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A clock that follows the wall clock, compressed by a speed factor.
///
/// At speed 60, one second of wall time is one minute of the fleet's timeline: heartbeat and meter
/// intervals shrink with it, as `--speed` promises. Wall time is read from `CLOCK_MONOTONIC`, so a
/// change of the system's date does not disturb a run.
public struct RealClock: SchedulerClock, Sendable {
    /// Where the fleet's timeline starts, in milliseconds since the Unix epoch.
    public let start: Int64
    /// Milliseconds of the fleet's timeline per millisecond of wall time.
    public let speed: Double
    private let wallStartNanoseconds: Int64

    /// A clock whose timeline starts at `start` now, running `speed` times faster than the wall clock.
    public init(start: Int64, speed: Double = 1) {
        precondition(speed > 0, "speed must be positive")
        self.start = start
        self.speed = speed
        wallStartNanoseconds = Self.monotonicNanoseconds()
    }

    /// The current time on the fleet's timeline.
    public var now: Int64 {
        let elapsed = Double(Self.monotonicNanoseconds() - wallStartNanoseconds) / 1_000_000
        return start + Int64(elapsed * speed)
    }

    /// The wall time, in nanoseconds, left until `time` is due on the fleet's timeline (0 if it is due).
    ///
    /// An event loop uses it as its wait timeout instead of sleeping in ``wait(until:)``.
    public func wallNanoseconds(until time: Int64) -> Int64 {
        let dueWall = wallStartNanoseconds + Int64(Double(time - start) / speed * 1_000_000)
        return max(0, dueWall - Self.monotonicNanoseconds())
    }

    /// Sleeps until `time` is due, and returns the time it is on waking (later than `time` when late).
    public mutating func wait(until time: Int64) -> Int64 {
        var left = wallNanoseconds(until: time)
        while left > 0 {
            var request = timespec(tv_sec: Int(left / 1_000_000_000), tv_nsec: Int(left % 1_000_000_000))
            _ = nanosleep(&request, nil)
            left = wallNanoseconds(until: time)
        }
        return max(time, now)
    }

    private static func monotonicNanoseconds() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
    }
}
