/// What the network does to one link, modelled on our side of its socket: a partition, added one-way
/// latency, a bandwidth cap, and the stalls of lost TCP segments.
///
/// Set on a channel with ``WebSocketChannel/conditions`` (or given to
/// ``WebSocketClient/connect(station:on:handler:sourceAddress:conditions:)`` for a link being opened under
/// them). Each direction is shaped on its own, and every byte keeps its order, as on one TCP connection:
///
/// - **Partition**: nothing passes either way and the link stays open, as when a router between the two
///   ends fails. What we send waits (TCP would retransmit it) and goes when the partition heals; what the
///   peer sends stays unread in the kernel until then; a connect waits for the heal (or its timeout), as
///   its SYN would be retransmitted. Pings go unanswered, so ``WebSocketChannel/pingInterval`` decides
///   when our side gives up, as a real station's does. A link that ends during the partition keeps its
///   socket until ``partitionedUntil``, then resets it: the peer learns of it no sooner than it would
///   have, when its next packet finds no connection. (The two kernels still exchange TCP
///   acknowledgements, so only the peers' own timeouts, not TCP's, see the partition.)
/// - **Latency**: every chunk of bytes arrives ``latency`` after it was written or received (a round
///   trip gains twice as much). The TCP handshake itself is not delayed.
/// - **Bandwidth**: a direction carries at most ``bytesPerSecond``; a burst waits its turn.
/// - **Loss**: each chunk is lost with probability ``lossRate``, and with it everything behind it waits
///   for the retransmission: ``retransmissionTimeout``, doubled each time the retransmission is lost too.
public struct LinkConditions: Sendable, Equatable {
    /// While set, the link is partitioned, until this instant of ``EventLoop/now()``'s clock (which only
    /// says when the sockets of links that ended meanwhile are reset: the partition itself lasts until
    /// the conditions change).
    public var partitionedUntil: UInt64?
    /// Added to each direction's delivery.
    public var latency: Duration
    /// The most each direction carries per second; `nil` for no cap.
    public var bytesPerSecond: Int?
    /// The probability (0…1) that a chunk of bytes is lost once and waits for its retransmission.
    public var lossRate: Double
    /// Seeds the draws of the losses, so that a fleet's run can be repeated.
    public var seed: UInt64

    /// Linux's smallest TCP retransmission timeout, the wait of a lost segment on a fast link.
    public static let retransmissionTimeout: Duration = .milliseconds(200)

    /// A link as the network leaves it: nothing added.
    public static let clear = LinkConditions()

    /// Conditions of a link; the defaults add nothing.
    public init(
        partitionedUntil: UInt64? = nil, latency: Duration = .zero, bytesPerSecond: Int? = nil, lossRate: Double = 0,
        seed: UInt64 = 0
    ) {
        self.partitionedUntil = partitionedUntil
        self.latency = latency
        self.bytesPerSecond = bytesPerSecond
        self.lossRate = lossRate
        self.seed = seed
    }

    /// Whether nothing passes.
    public var isPartitioned: Bool { partitionedUntil != nil }

    /// Whether bytes are held back at all.
    var delays: Bool {
        isPartitioned || latency > .zero || bytesPerSecond != nil || lossRate > 0
    }
}
