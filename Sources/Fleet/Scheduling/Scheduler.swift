/// Discrete events on a clock: what is due fires in (time, insertion sequence) order.
///
/// It drives a simulation in virtual time (``VirtualClock``: jump to the next event); on a ``RealClock``
/// it fires at wall-clock time scaled by the speed (a run over sockets keeps its time on its event loops'
/// timer wheels instead). It records how late each event fired, the scheduler lag that the report shows:
/// a slow simulator cannot hide its delay.
public struct Scheduler<Payload, Clock: SchedulerClock> {
    private var queue: EventQueue<Payload>
    /// The clock the events fire on.
    public private(set) var clock: Clock
    /// How many events have fired so far.
    public private(set) var firedCount: Int = 0
    /// The largest lag seen so far, in milliseconds: how much later than due an event fired.
    public private(set) var maxLag: Int64 = 0

    /// A scheduler on `clock`, with room for `capacity` pending events before its queue grows.
    public init(clock: Clock, capacity: Int = 0) {
        self.clock = clock
        queue = EventQueue(capacity: capacity)
    }

    /// The current time of the clock.
    public var now: Int64 { clock.now }

    /// The number of pending events.
    public var pendingCount: Int { queue.count }

    /// The time of the earliest pending event, if any.
    public var nextTime: Int64? { queue.nextTime }

    /// Schedules `payload` at `time`; a time in the past fires as soon as possible, after what is due.
    public mutating func schedule(_ payload: Payload, at time: Int64) {
        queue.push(payload, at: time)
    }

    /// Schedules `payload` `delay` milliseconds from now.
    public mutating func schedule(_ payload: Payload, after delay: Int64) {
        queue.push(payload, at: clock.now + delay)
    }

    /// Waits for the earliest event due no later than `limit`, and returns it with the time it fired at.
    ///
    /// Returns `nil` without waiting when no event is due by `limit`; the clock then stays where it is.
    public mutating func next(notAfter limit: Int64) -> (event: ScheduledEvent<Payload>, firedAt: Int64)? {
        guard let due = queue.nextTime, due <= limit, let event = queue.pop() else { return nil }
        let firedAt = clock.wait(until: due)
        firedCount += 1
        maxLag = max(maxLag, firedAt - due)
        return (event, firedAt)
    }

    /// Moves the clock to `time` (for a virtual clock: the end of a simulated span with nothing left to fire).
    public mutating func advance(to time: Int64) {
        _ = clock.wait(until: time)
    }
}
