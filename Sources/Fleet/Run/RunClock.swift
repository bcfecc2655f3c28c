/// The two clocks of a run over real sockets: the event loops' monotonic nanoseconds, and the stations'
/// time (milliseconds since the Unix epoch on the profile's timeline), which runs `speed` times faster.
///
/// Both are anchored at one instant taken once for the whole run, so that every loop maps a deadline to
/// the same wall time: a station's `now` is `profileStart + elapsed × speed`, and a deadline the station
/// asks for is due on the loops at `start + (deadline − profileStart) / speed`.
struct RunClock: Sendable {
    /// The loops' clock (``Net/EventLoop/now()``) when the run started.
    let startNanos: UInt64
    /// The profile's start, in milliseconds since the Unix epoch: the stations' time at ``startNanos``.
    let profileStart: Int64
    /// Milliseconds of station time per millisecond of wall time.
    let speed: Double

    init(startNanos: UInt64, profileStart: Int64, speed: Double) {
        precondition(speed > 0, "speed must be positive")
        self.startNanos = startNanos
        self.profileStart = profileStart
        self.speed = speed
    }

    /// The stations' time at the loops' instant `nanos`.
    func stationTime(atNanos nanos: UInt64) -> Int64 {
        let elapsed = nanos > startNanos ? Double(nanos - startNanos) / 1_000_000 : 0
        return profileStart + Int64(elapsed * speed)
    }

    /// The loops' instant at which station time `time` comes (the run's start for any earlier time).
    func nanos(forStationTime time: Int64) -> UInt64 {
        guard time > profileStart else { return startNanos }
        return startNanos + UInt64(Double(time - profileStart) / speed * 1_000_000)
    }

    /// Microseconds since the run started, the metrics' timeline.
    func elapsedMicros(atNanos nanos: UInt64) -> UInt64 {
        nanos > startNanos ? (nanos - startNanos) / 1000 : 0
    }
}
