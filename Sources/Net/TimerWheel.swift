/// A hashed timer wheel: timers hashed by their deadline tick into a ring of slots, each slot an intrusive
/// list of entries in one array, so scheduling and cancelling are O(1) and allocate nothing once the array
/// has grown. Due timers come out ordered by (deadline, insertion sequence), as a sorted batch.
///
/// Time is passed in, in nanoseconds, so tests drive the wheel by hand; the event loop feeds it the
/// monotonic clock. A timer never fires before its deadline, and at most one tick after it.
///
/// Batching: ``nextWakeUp()`` asks for one wake-up per occupied tick, and a collection at `now` takes every
/// timer whose deadline has passed, those of the tick that `now` falls in included. A loop that wakes late
/// (its sleep is rounded up to whole milliseconds) or for I/O fires in that one wake-up every timer due by
/// then, rather than waking again for those whose deadline fell between a tick's start and `now`.
struct TimerWheel {
    private struct Entry {
        var deadline: UInt64
        var sequence: UInt64
        var owner: (any TimerOwner)?
        var tag: UInt32
        var generation: UInt32
        /// Previous and next entries in the slot's list, or in the free list (`next` only); -1 ends a list.
        var previous: Int32
        var next: Int32
        /// The tick the entry is hashed by; `UInt64.max` while the entry is free.
        var tick: UInt64
    }

    private struct Due {
        let deadline: UInt64
        let sequence: UInt64
        let id: TimerID
    }

    let tickNanoseconds: UInt64
    private let slotMask: UInt64
    private var heads: [Int32]
    /// One bit per slot that holds at least one entry, to find the next deadline without visiting slots.
    private var occupied: [UInt64]
    private var entries: ContiguousArray<Entry> = []
    private var freeHead: Int32 = -1
    private var sequence: UInt64 = 0
    /// Every tick before this one has been collected.
    private var currentTick: UInt64
    private var due: [Due] = []
    private var dueIndex = 0

    /// The number of scheduled timers, due ones not yet popped included.
    private(set) var count = 0

    /// - Parameters:
    ///   - slotCount: a power of two; with `tickNanoseconds` it sets one turn of the wheel (4,096 × 1 ms).
    init(now: UInt64, tickNanoseconds: UInt64 = 1_000_000, slotCount: Int = 4096) {
        precondition(slotCount > 0 && slotCount & (slotCount - 1) == 0, "slotCount must be a power of two")
        self.tickNanoseconds = tickNanoseconds
        self.slotMask = UInt64(slotCount - 1)
        self.heads = Array(repeating: -1, count: slotCount)
        self.occupied = Array(repeating: 0, count: (slotCount + 63) / 64)
        self.currentTick = now / tickNanoseconds
    }

    /// Schedules `owner.timerFired(tag)` for `deadline`; a deadline in the past fires at the next collection.
    @discardableResult
    mutating func schedule(at deadline: UInt64, owner: any TimerOwner, tag: UInt32) -> TimerID {
        // Rounded up, so that a timer never fires before its deadline; a deadline too near UInt64.max to
        // round up (a time nobody reaches) stays on its last tick rather than wrapping round to now.
        let (rounded, overflow) = deadline.addingReportingOverflow(tickNanoseconds - 1)
        let tick = max(overflow ? UInt64.max / tickNanoseconds : rounded / tickNanoseconds, currentTick)
        let index: Int32
        if freeHead >= 0 {
            index = freeHead
            freeHead = entries[Int(index)].next
        } else {
            index = Int32(entries.count)
            entries.append(Entry(
                deadline: 0, sequence: 0, owner: nil, tag: 0, generation: 0, previous: -1, next: -1, tick: .max))
        }
        sequence &+= 1
        let slot = Int(tick & slotMask)
        let head = heads[slot]
        entries[Int(index)].deadline = deadline
        entries[Int(index)].sequence = sequence
        entries[Int(index)].owner = owner
        entries[Int(index)].tag = tag
        entries[Int(index)].tick = tick
        entries[Int(index)].previous = -1
        entries[Int(index)].next = head
        if head >= 0 { entries[Int(head)].previous = index }
        heads[slot] = index
        occupied[slot >> 6] |= 1 << UInt64(slot & 63)
        count += 1
        return TimerID(index: UInt32(index), generation: entries[Int(index)].generation)
    }

    /// Cancels a timer. - Returns: whether it was still scheduled.
    @discardableResult
    mutating func cancel(_ id: TimerID) -> Bool {
        let index = Int(id.index)
        guard index < entries.count, entries[index].generation == id.generation, entries[index].tick != .max
        else { return false }
        release(index)
        return true
    }

    /// A time at or before the earliest deadline, or `nil` with no timer: how long the loop may sleep.
    func nextWakeUp() -> UInt64? {
        guard count > 0 else { return nil }
        if dueIndex < due.count { return 0 }
        let slots = Int(slotMask) + 1
        // Visit the bitmap from the current slot around the ring once, a word (or the ring's end) at a time.
        var slot = Int(currentTick & slotMask)
        var offset = 0
        while offset < slots {
            let bit = slot & 63
            let word = occupied[slot >> 6] >> UInt64(bit)
            if word != 0 {
                let found = offset + word.trailingZeroBitCount
                if found < slots { return (currentTick + UInt64(found)) * tickNanoseconds }
            }
            let step = min(64 - bit, slots - slot)
            offset += step
            slot = (slot + step) & Int(slotMask)
        }
        return currentTick * tickNanoseconds
    }

    /// Gathers every timer whose deadline is at or before `now`, sorted by (deadline, sequence), for
    /// ``popDue()`` to hand out.
    mutating func collectDue(now: UInt64) {
        due.removeAll(keepingCapacity: true)
        dueIndex = 0
        // Deadlines are rounded up to their tick, so the tick after `now`'s holds timers due by `now` too
        // (those whose deadline is past the start of `now`'s tick): it is visited, and stays the current
        // one, as its other timers are still to come.
        let lastTick = now / tickNanoseconds + 1
        guard lastTick >= currentTick else { return }
        if count > 0 {
            let slots = slotMask + 1
            let span = min(lastTick - currentTick + 1, slots)
            var offset: UInt64 = 0
            while offset < span {
                let slot = Int((currentTick + offset) & slotMask)
                if occupied[slot >> 6] & (1 << UInt64(slot & 63)) != 0 {
                    var index = heads[slot]
                    while index >= 0 {
                        let entry = entries[Int(index)]
                        if entry.tick < lastTick || (entry.tick == lastTick && entry.deadline <= now) {
                            due.append(Due(
                                deadline: entry.deadline, sequence: entry.sequence,
                                id: TimerID(index: UInt32(index), generation: entry.generation)))
                        }
                        index = entry.next
                    }
                }
                offset += 1
            }
            if due.count > 1 {
                due.sort { ($0.deadline, $0.sequence) < ($1.deadline, $1.sequence) }
            }
        }
        currentTick = lastTick
    }

    /// The next due timer from the last ``collectDue(now:)``, removed from the wheel; a timer cancelled
    /// since the collection (by an earlier timer's owner) is skipped.
    mutating func popDue() -> (owner: any TimerOwner, tag: UInt32)? {
        while dueIndex < due.count {
            let id = due[dueIndex].id
            dueIndex += 1
            let index = Int(id.index)
            guard entries[index].generation == id.generation, entries[index].tick != .max,
                let owner = entries[index].owner
            else { continue }
            let tag = entries[index].tag
            release(index)
            return (owner, tag)
        }
        return nil
    }

    private mutating func release(_ index: Int) {
        let entry = entries[index]
        let slot = Int(entry.tick & slotMask)
        if entry.previous >= 0 {
            entries[Int(entry.previous)].next = entry.next
        } else {
            heads[slot] = entry.next
            if entry.next < 0 { occupied[slot >> 6] &= ~(1 << UInt64(slot & 63)) }
        }
        if entry.next >= 0 { entries[Int(entry.next)].previous = entry.previous }
        entries[index].owner = nil
        entries[index].tick = .max
        entries[index].generation &+= 1
        entries[index].next = freeHead
        entries[index].previous = -1
        freeHead = Int32(index)
        count -= 1
    }
}
