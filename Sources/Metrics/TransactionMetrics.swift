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

    /// Makes an empty record.
    public init() {}

    /// Adds the counts of `other`.
    public mutating func merge(_ other: TransactionMetrics) {
        started &+= other.started
        stopped &+= other.stopped
        lost &+= other.lost
        energyWh &+= other.energyWh
    }
}
