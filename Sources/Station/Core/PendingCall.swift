import OCPP

/// A CALL waiting to be sent. Transaction messages carry the station's local transaction number so that
/// the transactionId can be filled in when the StartTransaction is answered, even offline.
struct PendingCall: Sendable {
    enum Message: Sendable {
        case heartbeat
        /// The connector's status (and fault, when Faulted) when it was queued: the CSMS learns each status
        /// in its place among the other messages (Preparing before StartTransaction, Charging after it).
        case status(connectorId: Int, ChargePointStatus, fault: ChargePointErrorCode?)
        case authorize(connectorId: Int, AuthorizeRequest, forStop: Bool)
        case startTransaction(local: UInt32, StartTransactionRequest)
        case meterValues(local: UInt32?, MeterValuesRequest)
        case stopTransaction(local: UInt32, StopTransactionRequest, energyWh: Int)
        case diagnosticsStatus(DiagnosticsStatus)
        case firmwareStatus(FirmwareStatus)
    }

    var message: Message
    var messageId: MessageID?
    /// How many times the CSMS refused it or left it unanswered (TransactionMessageAttempts counts them).
    var attempts = 0
    /// It waits for ``StationTimer/transactionRetry`` before it is sent again.
    var waitsForRetry = false
    /// When the station queued it (a transaction message), for the age of the offline queue.
    var queuedAt: Int64?
    /// It was sent and no answer came (timeout, link lost): sending it again may make a duplicate.
    var unanswered = false

    var action: Action {
        switch message {
        case .heartbeat: .heartbeat
        case .status: .statusNotification
        case .authorize: .authorize
        case .startTransaction: .startTransaction
        case .meterValues: .meterValues
        case .stopTransaction: .stopTransaction
        case .diagnosticsStatus: .diagnosticsStatusNotification
        case .firmwareStatus: .firmwareStatusNotification
        }
    }

    /// Transaction messages survive the link and are retried; the others are dropped offline.
    var isTransactional: Bool {
        switch message {
        case .startTransaction, .stopTransaction: true
        case .meterValues(let local, _): local != nil
        default: false
        }
    }

    /// Whether the message is kept in the queue when the link drops.
    var survivesDisconnection: Bool {
        switch message {
        case .diagnosticsStatus, .firmwareStatus: true
        default: isTransactional
        }
    }

    /// What the report says of it when it is lost.
    func lost(_ reason: LostMessage.Reason) -> LostMessage {
        switch message {
        case .startTransaction(_, let request):
            LostMessage(action: .startTransaction, transactionId: nil, timestamp: request.timestamp, reason: reason)
        case .meterValues(_, let request):
            LostMessage(
                action: .meterValues, transactionId: request.transactionId, timestamp: request.meterValue.first?.timestamp,
                reason: reason)
        case .stopTransaction(_, let request, _):
            LostMessage(
                action: .stopTransaction, transactionId: request.transactionId == 0 ? nil : request.transactionId,
                timestamp: request.timestamp, reason: reason)
        default:
            LostMessage(action: action, transactionId: nil, timestamp: nil, reason: reason)
        }
    }

    /// Whether nothing of it is needed once it is sent (``InFlightCall/Purpose/forgotten``): its answer
    /// changes nothing, and neither a refusal nor a lost link sends it again.
    var isForgottenOnceSent: Bool {
        switch message {
        case .heartbeat, .status: true
        case .meterValues(let local, _): local == nil
        default: false
        }
    }

    var local: UInt32? {
        switch message {
        case .startTransaction(let local, _), .stopTransaction(let local, _, _): local
        case .meterValues(let local, _): local
        default: nil
        }
    }
}

/// The CALL the station waits an answer for (OCPP-J allows one at a time).
struct InFlightCall: Sendable {
    enum Purpose: Sendable {
        case boot
        /// A Heartbeat, a StatusNotification or a MeterValues outside a transaction: its answer changes
        /// nothing, and it is not sent again whatever becomes of it, so nothing of it is kept (the CALL's
        /// action says how to read the answer). Most CALLs of a fleet: the box of ``queued(_:)`` would be
        /// an allocation for each.
        case forgotten
        /// Boxed: a station waits for an answer a moment at a time and idles the rest, and its call kept
        /// in place would hold a ``PendingCall``'s room (136 B) in every station all the time.
        indirect case queued(PendingCall)
    }

    var messageId: MessageID
    var action: Action
    var purpose: Purpose
}
