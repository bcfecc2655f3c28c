import OCPP

/// A transaction message the station gave up on: the CSMS will never receive it from this station.
///
/// OCPP 1.6 lets a charge point drop a transaction-related message only after TransactionMessageAttempts;
/// a bounded offline queue (``Station/offlineQueueCapacity``) may have to drop one too. Either way a runner
/// reports it, by station, transaction and action, never silently.
public struct LostMessage: Sendable, Equatable {
    /// Why the message was dropped.
    public enum Reason: String, Sendable, Equatable, CaseIterable {
        /// The CSMS refused it or left it unanswered TransactionMessageAttempts times.
        case attempts
        /// The offline queue was full (``Station/offlineQueueCapacity``).
        case queueFull = "queue_full"
        /// Its transaction's StartTransaction was lost: the CSMS cannot know the transaction it belongs to.
        case startLost = "start_lost"
    }

    /// StartTransaction, MeterValues or StopTransaction.
    public let action: Action
    /// The CSMS's transactionId, nil when the CSMS never gave one (a lost StartTransaction).
    public let transactionId: Int?
    /// The time the message carries (StartTransaction's or StopTransaction's timestamp, the first meter
    /// value's), which names the transaction when it has no id yet.
    public let timestamp: OCPPDateTime?
    public let reason: Reason

    /// Names a lost message.
    public init(action: Action, transactionId: Int?, timestamp: OCPPDateTime?, reason: Reason) {
        self.action = action
        self.transactionId = transactionId
        self.timestamp = timestamp
        self.reason = reason
    }
}
