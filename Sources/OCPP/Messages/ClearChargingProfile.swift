/// ClearChargingProfile (CSMS → station): Removes the charging profiles that match all the given criteria.
public struct ClearChargingProfileRequest: OCPPRequest {
    /// The answer: ``ClearChargingProfileResponse``.
    public typealias Response = ClearChargingProfileResponse
    /// ``Action/clearChargingProfile``.
    public static var action: Action { .clearChargingProfile }

    /// `id`: Optional.
    public var id: Int?
    /// `connectorId`: Optional.
    public var connectorId: Int?
    /// `chargingProfilePurpose`: Optional.
    public var chargingProfilePurpose: ChargingProfilePurposeType?
    /// `stackLevel`: Optional.
    public var stackLevel: Int?

    /// Creates the payload; optional fields default to absent.
    public init(
        id: Int? = nil,
        connectorId: Int? = nil,
        chargingProfilePurpose: ChargingProfilePurposeType? = nil,
        stackLevel: Int? = nil
    ) {
        self.id = id
        self.connectorId = connectorId
        self.chargingProfilePurpose = chargingProfilePurpose
        self.stackLevel = stackLevel
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var id: Int?
        var connectorId: Int?
        var chargingProfilePurpose: ChargingProfilePurposeType?
        var stackLevel: Int?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "id") {
                guard id == nil else { throw .duplicate("id") }
                id = try reader.readInt("id")
            } else if reader.matches(member, "connectorId") {
                guard connectorId == nil else { throw .duplicate("connectorId") }
                connectorId = try reader.readInt("connectorId")
            } else if reader.matches(member, "chargingProfilePurpose") {
                guard chargingProfilePurpose == nil else { throw .duplicate("chargingProfilePurpose") }
                chargingProfilePurpose = try reader.readEnum("chargingProfilePurpose", as: ChargingProfilePurposeType.self)
            } else if reader.matches(member, "stackLevel") {
                guard stackLevel == nil else { throw .duplicate("stackLevel") }
                stackLevel = try reader.readInt("stackLevel")
            } else {
                throw reader.unknownField(member)
            }
        }
        self.init(
            id: id,
            connectorId: connectorId,
            chargingProfilePurpose: chargingProfilePurpose,
            stackLevel: stackLevel
        )
    }

    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        if let id {
            writer.key("id")
            writer.int(id)
        }
        if let connectorId {
            writer.key("connectorId")
            writer.int(connectorId)
        }
        if let chargingProfilePurpose {
            writer.key("chargingProfilePurpose")
            writer.enumValue(chargingProfilePurpose)
        }
        if let stackLevel {
            writer.key("stackLevel")
            writer.int(stackLevel)
        }
        writer.endObject()
    }
}

/// The answer to a ``ClearChargingProfileRequest``.
public struct ClearChargingProfileResponse: OCPPPayload {
    /// `status`: Required.
    public var status: ClearChargingProfileStatus

    /// Creates the payload; optional fields default to absent.
    public init(status: ClearChargingProfileStatus) {
        self.status = status
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var status: ClearChargingProfileStatus?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "status") {
                guard status == nil else { throw .duplicate("status") }
                status = try reader.readEnum("status", as: ClearChargingProfileStatus.self)
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
