/// SetChargingProfile (CSMS → station): Installs a charging profile.
public struct SetChargingProfileRequest: OCPPRequest {
    /// The answer: ``SetChargingProfileResponse``.
    public typealias Response = SetChargingProfileResponse
    /// ``Action/setChargingProfile``.
    public static var action: Action { .setChargingProfile }

    /// `connectorId`: Required.
    public var connectorId: Int
    /// `csChargingProfiles`: Required.
    public var csChargingProfiles: ChargingProfile

    /// Creates the payload; optional fields default to absent.
    public init(connectorId: Int, csChargingProfiles: ChargingProfile) {
        self.connectorId = connectorId
        self.csChargingProfiles = csChargingProfiles
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var connectorId: Int?
        var csChargingProfiles: ChargingProfile?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "connectorId") {
                guard connectorId == nil else { throw .duplicate("connectorId") }
                connectorId = try reader.readInt("connectorId")
            } else if reader.matches(member, "csChargingProfiles") {
                guard csChargingProfiles == nil else { throw .duplicate("csChargingProfiles") }
                do {
                    csChargingProfiles = try ChargingProfile(from: &reader)
                } catch {
                    throw error.inside("csChargingProfiles")
                }
            } else {
                throw reader.unknownField(member)
            }
        }
        guard let connectorId else { throw .missing("connectorId") }
        guard let csChargingProfiles else { throw .missing("csChargingProfiles") }
        self.init(connectorId: connectorId, csChargingProfiles: csChargingProfiles)
    }

    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("connectorId")
        writer.int(connectorId)
        writer.key("csChargingProfiles")
        csChargingProfiles.encode(to: &writer)
        writer.endObject()
    }
}

/// The answer to a ``SetChargingProfileRequest``.
public struct SetChargingProfileResponse: OCPPPayload {
    /// `status`: Required.
    public var status: ChargingProfileStatus

    /// Creates the payload; optional fields default to absent.
    public init(status: ChargingProfileStatus) {
        self.status = status
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var status: ChargingProfileStatus?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "status") {
                guard status == nil else { throw .duplicate("status") }
                status = try reader.readEnum("status", as: ChargingProfileStatus.self)
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
