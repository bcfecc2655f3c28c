/// One entry of the ``EventQueue``: a payload due at a time, with the sequence number that breaks ties.
///
/// Entries are small values: the queue stores them inline, with no closure and no allocation per event.
public struct ScheduledEvent<Payload> {
    /// When the event is due, in milliseconds on the fleet's timeline (Unix epoch based).
    public let time: Int64
    /// The insertion order: of two events due at the same time, the one scheduled first fires first.
    public let sequence: UInt64
    /// What happens.
    public let payload: Payload

    @inlinable
    init(time: Int64, sequence: UInt64, payload: Payload) {
        self.time = time
        self.sequence = sequence
        self.payload = payload
    }

    @inlinable @inline(__always)
    func precedes(_ other: ScheduledEvent) -> Bool {
        time < other.time || (time == other.time && sequence < other.sequence)
    }
}

extension ScheduledEvent: Sendable where Payload: Sendable {}
