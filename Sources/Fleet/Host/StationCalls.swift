/// The CALLs of one station as its host keeps them for their latencies: the one in flight (OCPP lets a
/// station have one), with when it was due and when it was written, and when each CALL waiting in the
/// station's queue was due, oldest first: a CALL that waited behind another is late from when it was due,
/// not from when it left (coordinated omission).
///
/// Times are nanoseconds on the host's monotonic clock (``StationMetrics``).
struct StationCalls {
    /// The CALL in flight: when it was due and when written.
    struct InFlight {
        let due: UInt64
        let written: UInt64
    }

    var inFlight: InFlight?
    /// How many CALLs the station has written, wrapping: compared before and after an event, it tells
    /// whether the event sent one, without looking through the event's effects.
    private(set) var written: UInt32 = 0
    /// One due time per CALL in the station's queue, from `head` on: the queue is read from the front as
    /// a station sends, without moving what is behind.
    private var dues: [UInt64] = []
    private var head = 0

    /// When the CALL a station sends while it handles an event due at `due` was due: the head of its
    /// queue, the oldest waiting one, if the station had CALLs waiting before the event.
    func callDue(eventDue due: UInt64, hadQueued: Bool) -> UInt64 {
        hadQueued && head < dues.count ? min(due, dues[head]) : due
    }

    /// Keeps one due time per CALL in the station's queue after an event due at `due`: the one sent
    /// leaves from the front, those the station queued during the event join at the back with the
    /// event's due time.
    /// - Parameters:
    ///   - queued: how many CALLs the station has queued now.
    ///   - sentFromQueue: whether the station sent a CALL that was waiting in its queue.
    mutating func account(queued: Int, due: UInt64, sentFromQueue: Bool) {
        // Most events find the queue empty and leave it so.
        guard queued > 0 || head < dues.count else { return }
        if sentFromQueue, head < dues.count { head += 1 }
        let excess = dues.count - head - queued
        if excess > 0 { head += excess }
        if head == dues.count {
            // Given back, not kept: a station idles between its CALLs most of the time.
            dues = []
            head = 0
        } else if head > 32, head * 2 > dues.count {
            // The read front is given back once it outweighs what waits.
            dues.removeFirst(head)
            head = 0
        }
        while dues.count - head < queued {
            dues.append(due)
        }
    }

    /// The station wrote a CALL at `now`, due at `due`: it is in flight.
    mutating func wrote(due: UInt64, at now: UInt64) {
        inFlight = InFlight(due: due, written: now)
        written &+= 1
    }

    /// When each CALL waiting in the queue was due, oldest first.
    var queuedDues: ArraySlice<UInt64> { dues[head...] }

    /// How many due times the storage kept for them has room for.
    var dueCapacity: Int { dues.capacity }

    /// Forgets every CALL: the station is gone (powered off by the run).
    mutating func removeAll() {
        inFlight = nil
        dues.removeAll()
        head = 0
    }
}
