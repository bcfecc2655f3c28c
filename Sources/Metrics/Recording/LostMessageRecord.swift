/// A transaction message a station gave up on, as the report names it.
public struct LostMessageRecord: Sendable, Equatable, Comparable {
    /// The station's id (its chargeBoxId).
    public var station: String
    /// `StartTransaction`, `MeterValues` or `StopTransaction`.
    public var action: String
    /// The CSMS's transactionId, nil when the CSMS never gave one.
    public var transactionId: Int?
    /// The time the message carries (ISO 8601, the station's clock), which names a transaction without an id.
    public var timestamp: String?
    /// Why it was dropped: `attempts`, `queue_full`, `start_lost`.
    public var reason: String

    /// Makes a record.
    public init(station: String, action: String, transactionId: Int?, timestamp: String?, reason: String) {
        self.station = station
        self.action = action
        self.transactionId = transactionId
        self.timestamp = timestamp
        self.reason = reason
    }

    /// Oldest first (by the time the message carries), then by station and action: the order a merged
    /// report keeps whatever the order the loops or shards were merged in.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.timestamp ?? "", lhs.station, lhs.action, lhs.transactionId ?? -1, lhs.reason)
            < (rhs.timestamp ?? "", rhs.station, rhs.action, rhs.transactionId ?? -1, rhs.reason)
    }
}
