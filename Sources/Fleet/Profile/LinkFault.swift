/// What the network does to the links a fault reaches, for how long: a partition, slow links, stalls.
///
/// Its duration is wall time, never scaled by `--speed`: it models the network, as the waits of a CALL's
/// answer and of pings do. The fleet applies it on its side of each socket (see `Net.LinkConditions`), to
/// the link open when the fault begins and to every link the station opens until it ends.
public struct LinkFault: Sendable, Equatable {
    /// What kind of fault, for reports and messages.
    public enum Kind: String, Sendable {
        /// Nothing passes either way; links stay open and resume at the end.
        case partition
        /// Added one-way latency and a bandwidth cap.
        case slow
        /// Lost segments stall the link for a TCP retransmission timeout each.
        case stall
    }

    /// What kind of fault.
    public var kind: Kind
    /// How long it lasts, in milliseconds of wall time.
    public var durationMilliseconds: Int64
    /// Added to each direction (a round trip gains twice as much), in milliseconds.
    public var latencyMilliseconds: Int64
    /// The most each direction of a link carries per second; `nil` for no cap.
    public var bytesPerSecond: Int?
    /// The probability that a chunk of bytes is lost once and the link stalls until it is sent again.
    public var lossRate: Double

    /// The profile's name of the event (`partition`, `slowLinks`, `stalls`), which reports use.
    public var eventName: String {
        switch kind {
        case .partition: "partition"
        case .slow: "slowLinks"
        case .stall: "stalls"
        }
    }

    /// A partition of `durationMilliseconds`.
    public static func partition(durationMilliseconds: Int64) -> LinkFault {
        LinkFault(kind: .partition, durationMilliseconds: durationMilliseconds, latencyMilliseconds: 0,
            bytesPerSecond: nil, lossRate: 0)
    }

    /// Slow links for `durationMilliseconds`: `latencyMilliseconds` added one way, at most `bytesPerSecond`.
    public static func slow(durationMilliseconds: Int64, latencyMilliseconds: Int64, bytesPerSecond: Int?) -> LinkFault {
        LinkFault(kind: .slow, durationMilliseconds: durationMilliseconds, latencyMilliseconds: latencyMilliseconds,
            bytesPerSecond: bytesPerSecond, lossRate: 0)
    }

    /// Stalls for `durationMilliseconds`, a chunk of bytes in `1 / lossRate` waiting for its retransmission.
    public static func stall(durationMilliseconds: Int64, lossRate: Double) -> LinkFault {
        LinkFault(kind: .stall, durationMilliseconds: durationMilliseconds, latencyMilliseconds: 0,
            bytesPerSecond: nil, lossRate: lossRate)
    }
}
