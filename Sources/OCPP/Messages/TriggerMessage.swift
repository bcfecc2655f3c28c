/// TriggerMessage (CSMS → station): Asks the station to send one of its messages now.
public struct TriggerMessageRequest: OCPPRequest {
    /// The answer: ``TriggerMessageResponse``.
    public typealias Response = TriggerMessageResponse
    /// ``Action/triggerMessage``.
    public static var action: Action { .triggerMessage }

    /// `requestedMessage`: Required.
    public var requestedMessage: MessageTrigger
    /// `connectorId`: Optional.
    public var connectorId: Int?

    /// Creates the payload; optional fields default to absent.
    public init(requestedMessage: MessageTrigger, connectorId: Int? = nil) {
        self.requestedMessage = requestedMessage
        self.connectorId = connectorId
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var requestedMessage: MessageTrigger?
        var connectorId: Int?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "requestedMessage") {
                guard requestedMessage == nil else { throw .duplicate("requestedMessage") }
                requestedMessage = try reader.readEnum("requestedMessage", as: MessageTrigger.self)
            } else if reader.matches(member, "connectorId") {
                guard connectorId == nil else { throw .duplicate("connectorId") }
                connectorId = try reader.readInt("connectorId")
            } else {
                throw reader.unknownField(member)
            }
        }
        guard let requestedMessage else { throw .missing("requestedMessage") }
        self.init(requestedMessage: requestedMessage, connectorId: connectorId)
    }

    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("requestedMessage")
        writer.enumValue(requestedMessage)
        if let connectorId {
            writer.key("connectorId")
            writer.int(connectorId)
        }
        writer.endObject()
    }
}

/// The answer to a ``TriggerMessageRequest``.
public struct TriggerMessageResponse: OCPPPayload {
    /// `status`: Required.
    public var status: TriggerMessageStatus

    /// Creates the payload; optional fields default to absent.
    public init(status: TriggerMessageStatus) {
        self.status = status
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var status: TriggerMessageStatus?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "status") {
                guard status == nil else { throw .duplicate("status") }
                status = try reader.readEnum("status", as: TriggerMessageStatus.self)
            } else {
                throw reader.unknownField(member)
            }
        }
        guard let status else { throw .missing("status") }
        self.init(status: status)
    }

    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("status")
        writer.enumValue(status)
        writer.endObject()
    }
}
