/// A priority queue of discrete events ordered by (time, insertion sequence).
///
/// A binary min-heap in one contiguous array of ``ScheduledEvent`` values: pushing and popping cost
/// O(log n) with no allocation once the array has grown to the peak number of pending events.
/// Equal times fire in the order they were scheduled, as swift-nio's embedded loop does, so a run is
/// a function of its inputs alone.
///
/// There is no cancellation: an owner that needs to cancel a timer keeps a generation number per
/// timer and ignores an event whose generation is stale when it fires. That keeps the entries plain
/// values and the heap free of holes.
public struct EventQueue<Payload> {
    // Inlinable, so that callers in other modules get a queue specialized for their payload.
    @usableFromInline var heap: [ScheduledEvent<Payload>] = []
    @usableFromInline var nextSequence: UInt64 = 0

    /// An empty queue, with room for `capacity` pending events before it grows.
    @inlinable
    public init(capacity: Int = 0) {
        heap.reserveCapacity(capacity)
    }

    /// The number of pending events.
    @inlinable public var count: Int { heap.count }

    /// Whether no event is pending.
    @inlinable public var isEmpty: Bool { heap.isEmpty }

    /// The time of the earliest pending event, if any.
    @inlinable public var nextTime: Int64? { heap.first?.time }

    /// The earliest pending event, left in the queue.
    @inlinable public var first: ScheduledEvent<Payload>? { heap.first }

    /// Adds `payload`, due at `time`.
    @inlinable
    public mutating func push(_ payload: Payload, at time: Int64) {
        push(payload, at: time, sequence: nextSequence)
        nextSequence &+= 1
    }

    /// Adds `payload`, due at `time`, with a sequence number the caller draws: for a queue that is one of
    /// several lists of events sharing one insertion order.
    @inlinable
    public mutating func push(_ payload: Payload, at time: Int64, sequence: UInt64) {
        heap.append(ScheduledEvent(time: time, sequence: sequence, payload: payload))
        siftUp(from: heap.count - 1)
    }

    /// Removes and returns the earliest event, if any.
    @inlinable
    public mutating func pop() -> ScheduledEvent<Payload>? {
        guard let first = heap.first else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            siftDown(from: 0)
        }
        return first
    }

    @inlinable
    mutating func siftUp(from start: Int) {
        var child = start
        let event = heap[child]
        while child > 0 {
            let parent = (child - 1) >> 1
            guard event.precedes(heap[parent]) else { break }
            heap[child] = heap[parent]
            child = parent
        }
        heap[child] = event
    }

    @inlinable
    mutating func siftDown(from start: Int) {
        let count = heap.count
        var parent = start
        let event = heap[parent]
        while true {
            var child = 2 * parent + 1
            guard child < count else { break }
            if child + 1 < count && heap[child + 1].precedes(heap[child]) {
                child += 1
            }
            guard heap[child].precedes(event) else { break }
            heap[parent] = heap[child]
            parent = child
        }
        heap[parent] = event
    }
}

extension EventQueue: Sendable where Payload: Sendable {}
