import Station

/// The CALLs of one host's stations (a loop's, or a simulation core's) that timed out, kept a while so that an answer coming after all is
/// measured from when its CALL was due, as an answer in time would be.
///
/// Bounded twice: the last ``capacity`` CALLs given up at most, and none given up longer than
/// ``horizonNanos`` ago; the oldest go first. A late answer whose CALL was dropped is still counted, without a latency.
struct GivenUpCalls {
    /// The CALL a station gave up on: when it was due and when it was written, on the host's clock
    /// (``StationMetrics``).
    struct Call: Equatable {
        let due: UInt64
        let written: UInt64
    }

    private struct Key: Hashable {
        let slot: Int
        let messageId: MessageID
    }

    let capacity: Int
    let horizonNanos: UInt64
    private var calls: [Key: Call] = [:]
    /// Keys in the order their CALLs were given up, with when; a key already answered is skipped.
    private var order: [(key: Key, at: UInt64)] = []
    private var head = 0

    /// - Parameters:
    ///   - capacity: the most CALLs kept.
    ///   - horizonNanos: how long a CALL is kept after it was given up.
    init(capacity: Int = 4096, horizonNanos: UInt64 = 300_000_000_000) {
        self.capacity = max(1, capacity)
        self.horizonNanos = horizonNanos
    }

    /// How many CALLs are kept.
    var count: Int { calls.count }

    /// Keeps `call`, given up at `now` by the station in `slot`, after dropping those too old or too many.
    mutating func insert(_ call: Call, slot: Int, messageId: MessageID, now: UInt64) {
        prune(now: now)
        // Counted in the order, answered CALLs included, so that the order too stays bounded.
        while order.count - head >= capacity, dropOldest() {}
        let key = Key(slot: slot, messageId: messageId)
        calls[key] = call
        order.append((key, now))
    }

    /// The CALL `messageId` of the station in `slot`, forgotten, or `nil` when it is not kept (any more).
    mutating func remove(slot: Int, messageId: MessageID, now: UInt64) -> Call? {
        prune(now: now)
        return calls.removeValue(forKey: Key(slot: slot, messageId: messageId))
    }

    private mutating func prune(now: UInt64) {
        while head < order.count, now >= order[head].at, now - order[head].at > horizonNanos {
            _ = dropOldest()
        }
    }

    /// Drops the oldest entry of the order (and its CALL if still kept). - Returns: whether there was one.
    private mutating func dropOldest() -> Bool {
        guard head < order.count else { return false }
        calls.removeValue(forKey: order[head].key)
        head += 1
        // The order's dead front is given back once it outweighs what is left.
        if head > 64, head * 2 > order.count {
            order.removeFirst(head)
            head = 0
        }
        return true
    }
}
