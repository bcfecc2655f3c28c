/// The clock a ``Scheduler`` runs on; a simulation's is the ``VirtualClock``.
///
/// Times are milliseconds on the fleet's timeline (Unix epoch based, starting at the profile's start),
/// the same `now` the station state machines receive.
public protocol SchedulerClock {
    /// The current time on the fleet's timeline.
    var now: Int64 { get }

    /// Waits until `time` is due and returns the time it is then.
    ///
    /// A virtual clock jumps there at once and returns `time`; a clock that cannot jump returns a later
    /// time when it was already late: the difference is the scheduler's lag.
    mutating func wait(until time: Int64) -> Int64
}
