import Basics

/// The bytes of one link that its ``LinkConditions`` hold back, in each direction, with when each chunk
/// may pass. Exists only while a link is under conditions or still has bytes they delayed: a link the
/// network leaves alone pays nothing. Confined to the channel's loop.
final class LinkShaper {
    /// Bytes written or received at once, or the input's end (after every byte before it), with the
    /// read's failure if it ended by one.
    struct Chunk {
        var release: UInt64
        var bytes: [UInt8]
        var isEnd = false
        var error: SystemCallError?
    }

    /// One direction: its chunks in order and when it is next free to carry more.
    struct Direction {
        var chunks: [Chunk] = []
        var head = 0
        var freeAt: UInt64 = 0
        var bytes = 0

        var isEmpty: Bool { head == chunks.count }

        mutating func push(_ chunk: Chunk) {
            var chunk = chunk
            // Bytes never overtake those before them, whatever the conditions did meanwhile.
            if let last = chunks.last, head < chunks.count { chunk.release = max(chunk.release, last.release) }
            bytes += chunk.bytes.count
            chunks.append(chunk)
        }

        mutating func popDue(now: UInt64) -> Chunk? {
            guard head < chunks.count, chunks[head].release <= now else { return nil }
            let chunk = chunks[head]
            head += 1
            bytes -= chunk.bytes.count
            if head == chunks.count {
                chunks.removeAll(keepingCapacity: false)
                head = 0
            }
            return chunk
        }

        var nextRelease: UInt64? {
            head < chunks.count && chunks[head].release != .max ? chunks[head].release : nil
        }

        mutating func hold() {
            for index in head..<chunks.count { chunks[index].release = .max }
        }

        mutating func release(at now: UInt64) {
            for index in head..<chunks.count where chunks[index].release == .max { chunks[index].release = now }
            freeAt = max(freeAt, now)
        }
    }

    var conditions: LinkConditions {
        didSet { if conditions.seed != oldValue.seed { random = SplitMix64(seed: conditions.seed) } }
    }
    var outbound = Direction()
    var inbound = Direction()
    /// The timer of the next release, if one is armed.
    var timer: TimerID?
    /// The socket is out of the loop's epoll set (partitioned, or its input's end is queued).
    var isDetached = false
    /// A connect waits for the partition to heal.
    var connectDeferred = false
    /// The input's end is queued: nothing more is read.
    var inputEnded = false
    /// Chunks are being passed on: a call made meanwhile (a handler sending) must not pass on more.
    var isPumping = false
    private var random: SplitMix64

    init(_ conditions: LinkConditions) {
        self.conditions = conditions
        random = SplitMix64(seed: conditions.seed)
    }

    /// Whether nothing is held and nothing is imposed: the link can go back to the plain path.
    var isIdle: Bool {
        outbound.isEmpty && inbound.isEmpty && !conditions.delays && !connectDeferred && !inputEnded
    }

    /// When a direction may deliver `count` bytes that came at `now`: after what it carries already, at
    /// its bandwidth, after any retransmission waits, plus the latency.
    func releaseTime(_ direction: inout Direction, count: Int, now: UInt64) -> UInt64 {
        if conditions.isPartitioned { return .max }
        var sent = max(now, direction.freeAt)
        if let rate = conditions.bytesPerSecond, rate > 0 {
            sent += UInt64(count) * 1_000_000_000 / UInt64(rate)
        }
        var timeout = LinkConditions.retransmissionTimeout.nanoseconds
        var losses = 0
        // Bounded: past a few doublings the stall is long enough for any peer's timeout.
        while losses < 6, conditions.lossRate > 0, unit() < conditions.lossRate {
            sent += timeout
            timeout *= 2
            losses += 1
        }
        direction.freeAt = sent
        return sent &+ conditions.latency.nanoseconds
    }

    func queueOutbound(_ bytes: UnsafeRawBufferPointer, now: UInt64) {
        let release = releaseTime(&outbound, count: bytes.count, now: now)
        outbound.push(Chunk(release: release, bytes: Array(bytes)))
    }

    func queueInbound(_ bytes: UnsafeRawBufferPointer, now: UInt64) {
        let release = releaseTime(&inbound, count: bytes.count, now: now)
        inbound.push(Chunk(release: release, bytes: Array(bytes)))
    }

    /// Queues the input's end (`error` when reading failed) after the bytes before it.
    func queueEnd(_ error: SystemCallError?, now: UInt64) {
        inputEnded = true
        let release = releaseTime(&inbound, count: 0, now: now)
        inbound.push(Chunk(release: release, bytes: [], isEnd: true, error: error))
    }

    /// A uniform draw in [0, 1).
    private func unit() -> Double {
        Double(random.next() >> 11) / 9_007_199_254_740_992
    }

    /// The earliest release due, if any is not held.
    var nextRelease: UInt64? {
        switch (outbound.nextRelease, inbound.nextRelease) {
        case (let out?, let into?): min(out, into)
        case (let out?, nil): out
        case (nil, let into?): into
        case (nil, nil): nil
        }
    }
}
