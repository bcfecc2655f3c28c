/// What a loop's channels hold unsent because the kernel did not take it yet: their peers read more
/// slowly than the loop writes (or, with backpressure, the loop reads their answers too slowly). A running
/// total the channels keep as their send buffers change, so that reading it costs nothing.
///
/// Bytes the link's simulated conditions hold back (``LinkConditions``) are not in it: they wait by design.
public struct SendQueueDepth: Sendable, Equatable {
    /// The bytes waiting, over every channel of the loop.
    public var bytes = 0
    /// The channels with bytes waiting.
    public var channels = 0

    /// An empty queue.
    public init() {}

    /// One channel's buffer went from `before` to `after` bytes.
    mutating func change(from before: Int, to after: Int) {
        bytes += after - before
        if before == 0, after > 0 { channels += 1 }
        if before > 0, after == 0 { channels -= 1 }
    }
}
