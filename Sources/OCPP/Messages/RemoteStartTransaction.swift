/// RemoteStartTransaction (CSMS → station): Asks the station to start a transaction.
public struct RemoteStartTransactionRequest: OCPPRequest {
    /// The answer: ``RemoteStartTransactionResponse``.
    public typealias Response = RemoteStartTransactionResponse
    /// ``Action/remoteStartTransaction``.
    public static var action: Action { .remoteStartTransaction }

    /// `connectorId`: Optional.
    public var connectorId: Int?
    /// `idTag`: At most 20 characters (CiString20Type). Required.
    public var idTag: String
    /// `chargingProfile`: Optional.
    public var chargingProfile: ChargingProfile?

    /// Creates the payload; optional fields default to absent.
    public init(connectorId: Int? = nil, idTag: String, chargingProfile: ChargingProfile? = nil) {
        self.connectorId = connectorId
        self.idTag = idTag
        self.chargingProfile = chargingProfile
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var connectorId: Int?
        var idTag: String?
        var chargingProfile: ChargingProfile?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "connectorId") {
                guard connectorId == nil else { throw .duplicate("connectorId") }
                connectorId = try reader.readInt("connectorId")
            } else if reader.matches(member, "idTag") {
                guard idTag == nil else { throw .duplicate("idTag") }
                idTag = try reader.readString("idTag", maxLength: 20)
            } else if reader.matches(member, "chargingProfile") {
                guard chargingProfile == nil else { throw .duplicate("chargingProfile") }
                do {
                    chargingProfile = try ChargingProfile(from: &reader)
                } catch {
                    throw error.inside("chargingProfile")
                }
            } else {
                throw reader.unknownField(member)
            }
        }
        guard let idTag else { throw .missing("idTag") }
        self.init(connectorId: connectorId, idTag: idTag, chargingProfile: chargingProfile)
    }

    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        if let connectorId {
            writer.key("connectorId")
            writer.int(connectorId)
        }
        writer.key("idTag")
        writer.string(idTag)
        if let chargingProfile {
            writer.key("chargingProfile")
            chargingProfile.encode(to: &writer)
        }
        writer.endObject()
    }
}

/// The answer to a ``RemoteStartTransactionRequest``.
public struct RemoteStartTransactionResponse: OCPPPayload {
    /// `status`: Required.
    public var status: RemoteStartStopStatus

    /// Creates the payload; optional fields default to absent.
    public init(status: RemoteStartStopStatus) {
        self.status = status
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var status: RemoteStartStopStatus?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "status") {
                guard status == nil else { throw .duplicate("status") }
                status = try reader.readEnum("status", as: RemoteStartStopStatus.self)
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
