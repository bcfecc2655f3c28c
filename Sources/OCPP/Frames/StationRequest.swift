import JSON

/// A request a station sends to the CSMS, decoded by its action.
public enum StationRequest: Sendable, Equatable, ActionDecodable {
    /// Authorize.
    case authorize(AuthorizeRequest)
    /// BootNotification.
    case bootNotification(BootNotificationRequest)
    /// DataTransfer.
    case dataTransfer(DataTransferRequest)
    /// DiagnosticsStatusNotification.
    case diagnosticsStatusNotification(DiagnosticsStatusNotificationRequest)
    /// FirmwareStatusNotification.
    case firmwareStatusNotification(FirmwareStatusNotificationRequest)
    /// Heartbeat.
    case heartbeat(HeartbeatRequest)
    /// MeterValues.
    case meterValues(MeterValuesRequest)
    /// StartTransaction.
    case startTransaction(StartTransactionRequest)
    /// StatusNotification.
    case statusNotification(StatusNotificationRequest)
    /// StopTransaction.
    case stopTransaction(StopTransactionRequest)

    /// Decodes the request of a CALL.
    /// - Throws: ``OCPPError`` carrying the CALL's message id: ``CallErrorCode/notSupported`` for
    ///   an action that only a station receives, else the code of the payload's first violation.
    public init(_ call: OCPPFrame.Call) throws(OCPPError) { try self.init(decoding: call) }

    /// Decodes the request of a CALL read in place.
    /// - Throws: ``OCPPError`` carrying the CALL's message id, as for an ``OCPPFrame/Call``;
    ///   ``CallErrorCode/protocolError`` when the frame is no CALL.
    public init(_ frame: OCPPFrame.Borrowed) throws(OCPPError) { try self.init(decoding: frame) }

    init(action: Action, text: some PayloadText) throws(OCPPError) {
        switch action {
        case .authorize: self = .authorize(try text.decode(AuthorizeRequest.self))
        case .bootNotification: self = .bootNotification(try text.decode(BootNotificationRequest.self))
        case .dataTransfer: self = .dataTransfer(try text.decode(DataTransferRequest.self))
        case .diagnosticsStatusNotification: self = .diagnosticsStatusNotification(try text.decode(DiagnosticsStatusNotificationRequest.self))
        case .firmwareStatusNotification: self = .firmwareStatusNotification(try text.decode(FirmwareStatusNotificationRequest.self))
        case .heartbeat: self = .heartbeat(try text.decode(HeartbeatRequest.self))
        case .meterValues: self = .meterValues(try text.decode(MeterValuesRequest.self))
        case .startTransaction: self = .startTransaction(try text.decode(StartTransactionRequest.self))
        case .statusNotification: self = .statusNotification(try text.decode(StatusNotificationRequest.self))
        case .stopTransaction: self = .stopTransaction(try text.decode(StopTransactionRequest.self))
        default:
            throw OCPPError(code: .notSupported, field: "Action", reason: "'\(action.rawValue)' is sent to a station")
        }
    }

    /// The action of the request.
    public var action: Action {
        switch self {
        case .authorize: .authorize
        case .bootNotification: .bootNotification
        case .dataTransfer: .dataTransfer
        case .diagnosticsStatusNotification: .diagnosticsStatusNotification
        case .firmwareStatusNotification: .firmwareStatusNotification
        case .heartbeat: .heartbeat
        case .meterValues: .meterValues
        case .startTransaction: .startTransaction
        case .statusNotification: .statusNotification
        case .stopTransaction: .stopTransaction
        }
    }

    /// Appends the CALL that carries this request to `buffer`.
    public func encodeCall(messageId: String, into buffer: inout [UInt8]) {
        encodeCall(into: &buffer) { $0.string(messageId) }
    }

    /// Appends the CALL that carries this request to `buffer`, its id's bytes as they are.
    /// - Parameter messageId: the id's UTF-8 text, of bytes JSON writes unescaped (a station's digits).
    public func encodeCall(unescapedMessageId messageId: UnsafeRawBufferPointer, into buffer: inout [UInt8]) {
        encodeCall(into: &buffer) { writer in writer.unescapedString { $0.append(contentsOf: messageId) } }
    }

    private func encodeCall(into buffer: inout [UInt8], messageId: (inout JSONWriter) -> Void) {
        switch self {
        case .authorize(let request): OCPPFrame.encodeCall(request, into: &buffer, messageId: messageId)
        case .bootNotification(let request): OCPPFrame.encodeCall(request, into: &buffer, messageId: messageId)
        case .dataTransfer(let request): OCPPFrame.encodeCall(request, into: &buffer, messageId: messageId)
        case .diagnosticsStatusNotification(let request): OCPPFrame.encodeCall(request, into: &buffer, messageId: messageId)
        case .firmwareStatusNotification(let request): OCPPFrame.encodeCall(request, into: &buffer, messageId: messageId)
        case .heartbeat(let request): OCPPFrame.encodeCall(request, into: &buffer, messageId: messageId)
        case .meterValues(let request): OCPPFrame.encodeCall(request, into: &buffer, messageId: messageId)
        case .startTransaction(let request): OCPPFrame.encodeCall(request, into: &buffer, messageId: messageId)
        case .statusNotification(let request): OCPPFrame.encodeCall(request, into: &buffer, messageId: messageId)
        case .stopTransaction(let request): OCPPFrame.encodeCall(request, into: &buffer, messageId: messageId)
        }
    }
}
