/// The CSMS's answer to a ``StationRequest``, as a typed value: what a CALLRESULT carries, for peers in one
/// process that need not go through JSON (the simulator's stations and their embedded CSMS).
public enum StationResponse: Sendable, Equatable {
    /// Authorize.
    case authorize(AuthorizeResponse)
    /// BootNotification.
    case bootNotification(BootNotificationResponse)
    /// DataTransfer.
    case dataTransfer(DataTransferResponse)
    /// DiagnosticsStatusNotification.
    case diagnosticsStatusNotification(DiagnosticsStatusNotificationResponse)
    /// FirmwareStatusNotification.
    case firmwareStatusNotification(FirmwareStatusNotificationResponse)
    /// Heartbeat.
    case heartbeat(HeartbeatResponse)
    /// MeterValues.
    case meterValues(MeterValuesResponse)
    /// StartTransaction.
    case startTransaction(StartTransactionResponse)
    /// StatusNotification.
    case statusNotification(StatusNotificationResponse)
    /// StopTransaction.
    case stopTransaction(StopTransactionResponse)

    /// The response as the type a request of `request` expects, or `nil` when it answers another action.
    public func value<Request: OCPPRequest>(answering request: Request.Type) -> Request.Response? {
        switch self {
        case .authorize(let response): response as? Request.Response
        case .bootNotification(let response): response as? Request.Response
        case .dataTransfer(let response): response as? Request.Response
        case .diagnosticsStatusNotification(let response): response as? Request.Response
        case .firmwareStatusNotification(let response): response as? Request.Response
        case .heartbeat(let response): response as? Request.Response
        case .meterValues(let response): response as? Request.Response
        case .startTransaction(let response): response as? Request.Response
        case .statusNotification(let response): response as? Request.Response
        case .stopTransaction(let response): response as? Request.Response
        }
    }

    /// Appends the CALLRESULT that carries this response to `buffer`.
    public func encodeCallResult(messageId: String, into buffer: inout [UInt8]) {
        switch self {
        case .authorize(let response): OCPPFrame.encodeCallResult(messageId: messageId, response, into: &buffer)
        case .bootNotification(let response): OCPPFrame.encodeCallResult(messageId: messageId, response, into: &buffer)
        case .dataTransfer(let response): OCPPFrame.encodeCallResult(messageId: messageId, response, into: &buffer)
        case .diagnosticsStatusNotification(let response):
            OCPPFrame.encodeCallResult(messageId: messageId, response, into: &buffer)
        case .firmwareStatusNotification(let response):
            OCPPFrame.encodeCallResult(messageId: messageId, response, into: &buffer)
        case .heartbeat(let response): OCPPFrame.encodeCallResult(messageId: messageId, response, into: &buffer)
        case .meterValues(let response): OCPPFrame.encodeCallResult(messageId: messageId, response, into: &buffer)
        case .startTransaction(let response): OCPPFrame.encodeCallResult(messageId: messageId, response, into: &buffer)
        case .statusNotification(let response):
            OCPPFrame.encodeCallResult(messageId: messageId, response, into: &buffer)
        case .stopTransaction(let response): OCPPFrame.encodeCallResult(messageId: messageId, response, into: &buffer)
        }
    }

    /// Appends the CALLRESULT that carries this response to `buffer`, answering `call` (read in place): its
    /// message id is copied from the CALL's text, not made into a `String`.
    public func encodeCallResult(answering call: OCPPFrame.Borrowed, into buffer: inout [UInt8]) {
        switch self {
        case .authorize(let response): OCPPFrame.encodeCallResult(answering: call, response, into: &buffer)
        case .bootNotification(let response): OCPPFrame.encodeCallResult(answering: call, response, into: &buffer)
        case .dataTransfer(let response): OCPPFrame.encodeCallResult(answering: call, response, into: &buffer)
        case .diagnosticsStatusNotification(let response):
            OCPPFrame.encodeCallResult(answering: call, response, into: &buffer)
        case .firmwareStatusNotification(let response):
            OCPPFrame.encodeCallResult(answering: call, response, into: &buffer)
        case .heartbeat(let response): OCPPFrame.encodeCallResult(answering: call, response, into: &buffer)
        case .meterValues(let response): OCPPFrame.encodeCallResult(answering: call, response, into: &buffer)
        case .startTransaction(let response): OCPPFrame.encodeCallResult(answering: call, response, into: &buffer)
        case .statusNotification(let response):
            OCPPFrame.encodeCallResult(answering: call, response, into: &buffer)
        case .stopTransaction(let response): OCPPFrame.encodeCallResult(answering: call, response, into: &buffer)
        }
    }
}
