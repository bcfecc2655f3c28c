/// UnlockConnector (CSMS → station): Asks the station to unlock a connector.
public struct UnlockConnectorRequest: OCPPRequest {
    /// The answer: ``UnlockConnectorResponse``.
    public typealias Response = UnlockConnectorResponse
    /// ``Action/unlockConnector``.
    public static var action: Action { .unlockConnector }

    /// `connectorId`: Required.
    public var connectorId: Int

    /// Creates the payload; optional fields default to absent.
    public init(connectorId: Int) {
        self.connectorId = connectorId
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var connectorId: Int?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "connectorId") {
                guard connectorId == nil else { throw .duplicate("connectorId") }
                connectorId = try reader.readInt("connectorId")
            } else {
                throw reader.unknownField(member)
            }
        }
        guard let connectorId else { throw .missing("connectorId") }
        self.init(connectorId: connectorId)
    }

    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("connectorId")
        writer.int(connectorId)
        writer.endObject()
    }
}

/// The answer to a ``UnlockConnectorRequest``.
public struct UnlockConnectorResponse: OCPPPayload {
    /// `status`: Required.
    public var status: UnlockStatus

    /// Creates the payload; optional fields default to absent.
    public init(status: UnlockStatus) {
        self.status = status
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var status: UnlockStatus?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "status") {
                guard status == nil else { throw .duplicate("status") }
                status = try reader.readEnum("status", as: UnlockStatus.self)
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
