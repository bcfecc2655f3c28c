/// What was recorded about charging transactions.
public struct TransactionMetrics: Sendable, Equatable {
    /// Transactions the CSMS accepted (StartTransaction answered).
    public var started: UInt64 = 0
    /// Transactions ended by a StopTransaction the CSMS answered.
    public var stopped: UInt64 = 0
    /// Transactions that could not be ended properly (link lost for good, StopTransaction never answered).
    public var lost: UInt64 = 0
    /// Energy delivered in stopped transactions, in watt-hours.
    public var energyWh: UInt64 = 0
    /// Transaction messages (StartTransaction, MeterValues, StopTransaction) the stations gave up on, by
    /// reason (`attempts`, `queue_full`, `start_lost`).
    public var lostMessages = BoundedCounts()
    /// The first lost messages, at most ``lostMessageListLimit``, oldest first (see ``LostMessageRecord``).
    public var lostMessageList: [LostMessageRecord] = []
    /// CALLs the stations sent again after their previous sending got no answer (a timeout, or the link
    /// dropped under it): the CSMS may have received each twice, under one message id.
    public var duplicatesSent: UInt64 = 0
    /// Transaction messages the stations still held unanswered when the run ended (queued, waiting for a
    /// retry, or in flight): their link did not come back within the stop's grace period, or their CSMS
    /// was down. Not given up on, as ``lostMessages`` are, but not delivered either.
    public var unsentAtEnd: UInt64 = 0

    /// How many lost messages the report names; the count goes on past it.
    public static let lostMessageListLimit = 100

    /// Makes an empty record.
    public init() {}

    /// Adds the counts of `other`.
    public mutating func merge(_ other: TransactionMetrics) {
        started &+= other.started
        stopped &+= other.stopped
        lost &+= other.lost
        energyWh &+= other.energyWh
        lostMessages.merge(other.lostMessages)
        if !other.lostMessageList.isEmpty {
            lostMessageList = Array((lostMessageList + other.lostMessageList).sorted().prefix(Self.lostMessageListLimit))
        }
        duplicatesSent &+= other.duplicatesSent
        unsentAtEnd &+= other.unsentAtEnd
    }

    /// Counts a lost message, and names it while the list has room.
    public mutating func addLost(_ record: LostMessageRecord) {
        lostMessages.add(record.reason)
        if lostMessageList.count < Self.lostMessageListLimit { lostMessageList.append(record) }
    }
}
