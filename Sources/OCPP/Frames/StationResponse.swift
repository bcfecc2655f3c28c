import JSON

/// The CSMS's answer to a ``StationRequest``, as a typed value: what a CALLRESULT carries, for peers in one
/// process that need not go through JSON (the simulator's stations and their embedded CSMS).
public enum StationResponse: PayloadEncodable, Equatable {
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

    /// Writes the payload of the response.
    public func encode(to writer: inout JSONWriter) {
        switch self {
        case .authorize(let response): response.encode(to: &writer)
        case .bootNotification(let response): response.encode(to: &writer)
        case .dataTransfer(let response): response.encode(to: &writer)
        case .diagnosticsStatusNotification(let response): response.encode(to: &writer)
        case .firmwareStatusNotification(let response): response.encode(to: &writer)
        case .heartbeat(let response): response.encode(to: &writer)
        case .meterValues(let response): response.encode(to: &writer)
        case .startTransaction(let response): response.encode(to: &writer)
        case .statusNotification(let response): response.encode(to: &writer)
        case .stopTransaction(let response): response.encode(to: &writer)
        }
    }

    /// Appends the CALLRESULT that carries this response to `buffer`.
    public func encodeCallResult(messageId: String, into buffer: inout [UInt8]) {
        OCPPFrame.encodeCallResult(messageId: messageId, self, into: &buffer)
    }

    /// Appends the CALLRESULT that carries this response to `buffer`, answering `call` (read in place): its
    /// message id is copied from the CALL's text, not made into a `String`.
    public func encodeCallResult(answering call: OCPPFrame.Borrowed, into buffer: inout [UInt8]) {
        OCPPFrame.encodeCallResult(answering: call, self, into: &buffer)
    }
}
