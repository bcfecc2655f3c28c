/// ChangeAvailability (CSMS → station): Makes a connector, or the whole station on connector 0, operative or inoperative.
public struct ChangeAvailabilityRequest: OCPPRequest {
    /// The answer: ``ChangeAvailabilityResponse``.
    public typealias Response = ChangeAvailabilityResponse
    /// ``Action/changeAvailability``.
    public static var action: Action { .changeAvailability }

    /// `connectorId`: Required.
    public var connectorId: Int
    /// `type`: Required.
    public var type: AvailabilityType

    /// Creates the payload; optional fields default to absent.
    public init(connectorId: Int, type: AvailabilityType) {
        self.connectorId = connectorId
        self.type = type
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var connectorId: Int?
        var type: AvailabilityType?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "connectorId") {
                guard connectorId == nil else { throw .duplicate("connectorId") }
                connectorId = try reader.readInt("connectorId")
            } else if reader.matches(member, "type") {
                guard type == nil else { throw .duplicate("type") }
                type = try reader.readEnum("type", as: AvailabilityType.self)
            } else {
                throw reader.unknownField(member)
            }
        }
        guard let connectorId else { throw .missing("connectorId") }
        guard let type else { throw .missing("type") }
        self.init(connectorId: connectorId, type: type)
    }

    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("connectorId")
        writer.int(connectorId)
        writer.key("type")
        writer.enumValue(type)
        writer.endObject()
    }
}

/// The answer to a ``ChangeAvailabilityRequest``.
public struct ChangeAvailabilityResponse: OCPPPayload {
    /// `status`: Required.
    public var status: AvailabilityStatus

    /// Creates the payload; optional fields default to absent.
    public init(status: AvailabilityStatus) {
        self.status = status
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var status: AvailabilityStatus?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "status") {
                guard status == nil else { throw .duplicate("status") }
                status = try reader.readEnum("status", as: AvailabilityStatus.self)
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
