#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The package's one reader of the system's clocks.
///
/// *Monotonic* time (`CLOCK_MONOTONIC`) measures durations and drives the event loops' timers: a change
/// of the system's date does not disturb it, and it has no epoch. *Wall* time (`CLOCK_REALTIME`) is what
/// OCPP's timestamps say: it is read where an instant must mean the same to a station and a CSMS, and
/// anchored once to the monotonic clock when a run starts.
public enum SystemClock {
    /// Monotonic time, in nanoseconds since an arbitrary start (the machine's boot on Linux).
    @inlinable
    public static func monotonicNanoseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
    }

    /// Monotonic time in seconds, for durations that are reported rather than scheduled.
    public static func monotonicSeconds() -> Double {
        Double(monotonicNanoseconds()) / 1e9
    }

    /// Wall time, in microseconds since the Unix epoch.
    public static func wallMicroseconds() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000 + Int64(time.tv_nsec) / 1000
    }

    /// Wall time, in milliseconds since the Unix epoch, as OCPP's `currentTime` counts it.
    public static func wallMilliseconds() -> Int64 {
        wallMicroseconds() / 1000
    }
}
