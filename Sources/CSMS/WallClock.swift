import Glibc

/// The time the socket server gives the core: wall-clock milliseconds since the Unix epoch, as OCPP's
/// `currentTime` needs. (The event loop's clock is monotonic and has no epoch.)
enum WallClock {
    static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1000 + Int64(time.tv_nsec) / 1_000_000
    }
}
