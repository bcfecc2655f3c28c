/// The two clocks of a run over real sockets: the event loops' monotonic nanoseconds, and the stations'
/// time (milliseconds since the Unix epoch), which starts at the wall clock and runs `speed` times faster.
///
/// Both are anchored at one instant taken once for the whole run, so that every loop maps a deadline to
/// the same wall time: a station's `now` is `stationStart + elapsed × speed`, and a deadline the station
/// asks for is due on the loops at `start + (deadline − stationStart) / speed`. The profile's `start` only
/// says where in the profile's week the run begins: the plan, drawn on the profile's calendar, moves by
/// ``planShift`` onto the stations' clock, so that at speed 1 a station's timestamps are the wall clock's.
///
/// Every mapping saturates: a deadline from a CSMS's value (an expiry in the year 9999, a heartbeat of
/// 2^31 s) becomes ``never``, a loop instant the run never reaches, instead of trapping.
struct RunClock: Sendable {
    /// A loop instant far beyond any run (about 146 years of uptime), still far from overflowing when a
    /// timer wheel rounds it up to its tick.
    static let never = UInt64.max / 4

    /// The loops' clock (``Net/EventLoop/now()``) when the run started.
    let startNanos: UInt64
    /// The stations' time at ``startNanos``, in milliseconds since the Unix epoch: the wall clock then.
    let stationStart: Int64
    /// The profile's start, in milliseconds since the Unix epoch: where the plan's timeline begins.
    let profileStart: Int64
    /// Milliseconds of station time per millisecond of wall time.
    let speed: Double

    init(startNanos: UInt64, stationStart: Int64, profileStart: Int64, speed: Double) {
        precondition(speed > 0 && speed.isFinite, "speed must be positive")
        self.startNanos = startNanos
        self.stationStart = stationStart
        self.profileStart = profileStart
        self.speed = speed
    }

    /// How far the plan's times move to land on the stations' clock.
    var planShift: Int64 { stationStart &- profileStart }

    /// The stations' time of a time on the plan's (the profile's) calendar.
    func stationTime(forPlanTime time: Int64) -> Int64 {
        Self.saturated(Double(time) + Double(planShift))
    }

    /// The stations' time at the loops' instant `nanos`.
    func stationTime(atNanos nanos: UInt64) -> Int64 {
        let elapsed = nanos > startNanos ? Double(nanos - startNanos) / 1_000_000 : 0
        return Self.saturated(Double(stationStart) + elapsed * speed)
    }

    /// The loops' instant at which station time `time` comes: the run's start for any earlier time,
    /// ``never`` for a time beyond it.
    func nanos(forStationTime time: Int64) -> UInt64 {
        guard time > stationStart else { return startNanos }
        return Self.later(startNanos, byNanos: (Double(time) - Double(stationStart)) / speed * 1_000_000)
    }

    /// The loops' instant of a wait that models the network or the CSMS: a station at `stationNow` (on
    /// the loops' `nanos`) asks for `deadline`, which comes that many wall milliseconds later, unscaled by
    /// the speed. At least `nanos`, at most ``never``.
    func nanos(wallDeadline deadline: Int64, stationNow: Int64, after nanos: UInt64) -> UInt64 {
        Self.later(nanos, byNanos: (Double(deadline) - Double(stationNow)) * 1_000_000)
    }

    /// Microseconds since the run started, the metrics' timeline.
    func elapsedMicros(atNanos nanos: UInt64) -> UInt64 {
        nanos > startNanos ? (nanos - startNanos) / 1000 : 0
    }

    /// How far, in seconds, the stations' clock has run ahead of the wall clock at `nanos`.
    func stationAheadSeconds(atNanos nanos: UInt64) -> Double {
        Double(stationTime(atNanos: nanos) &- stationStart) / 1000 - Double(elapsedMicros(atNanos: nanos)) / 1e6
    }

    private static func later(_ nanos: UInt64, byNanos delta: Double) -> UInt64 {
        guard delta > 0 else { return min(nanos, never) }
        guard nanos < never, delta < Double(never - nanos) else { return never }
        return nanos + UInt64(delta)
    }

    private static func saturated(_ milliseconds: Double) -> Int64 {
        // 2^63, the first value above what Int64 holds; -2^63 is its least.
        let limit = 9_223_372_036_854_775_808.0
        if milliseconds >= limit { return .max }
        if milliseconds <= -limit { return .min }
        return Int64(milliseconds)
    }
}
