/// StatusNotification (station → CSMS): Reports the status of a connector, or of the station on connector 0.
public struct StatusNotificationRequest: OCPPRequest {
    /// The answer: ``StatusNotificationResponse``.
    public typealias Response = StatusNotificationResponse
    /// ``Action/statusNotification``.
    public static var action: Action { .statusNotification }

    /// `connectorId`: Required.
    public var connectorId: Int
    /// `errorCode`: Required.
    public var errorCode: ChargePointErrorCode
    /// `info`: At most 50 characters (CiString50Type). Optional.
    public var info: String?
    /// `status`: Required.
    public var status: ChargePointStatus
    /// `timestamp`: Optional.
    public var timestamp: OCPPDateTime?
    /// `vendorId`: At most 255 characters (CiString255Type). Optional.
    public var vendorId: String?
    /// `vendorErrorCode`: At most 50 characters (CiString50Type). Optional.
    public var vendorErrorCode: String?

    /// Creates the payload; optional fields default to absent.
    public init(
        connectorId: Int,
        errorCode: ChargePointErrorCode,
        info: String? = nil,
        status: ChargePointStatus,
        timestamp: OCPPDateTime? = nil,
        vendorId: String? = nil,
        vendorErrorCode: String? = nil
    ) {
        self.connectorId = connectorId
        self.errorCode = errorCode
        self.info = info
        self.status = status
        self.timestamp = timestamp
        self.vendorId = vendorId
        self.vendorErrorCode = vendorErrorCode
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var connectorId: Int?
        var errorCode: ChargePointErrorCode?
        var info: String?
        var status: ChargePointStatus?
        var timestamp: OCPPDateTime?
        var vendorId: String?
        var vendorErrorCode: String?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "connectorId") {
                guard connectorId == nil else { throw .duplicate("connectorId") }
                connectorId = try reader.readInt("connectorId")
            } else if reader.matches(member, "errorCode") {
                guard errorCode == nil else { throw .duplicate("errorCode") }
                errorCode = try reader.readEnum("errorCode", as: ChargePointErrorCode.self)
            } else if reader.matches(member, "info") {
                guard info == nil else { throw .duplicate("info") }
                info = try reader.readString("info", maxLength: 50)
            } else if reader.matches(member, "status") {
                guard status == nil else { throw .duplicate("status") }
                status = try reader.readEnum("status", as: ChargePointStatus.self)
            } else if reader.matches(member, "timestamp") {
                guard timestamp == nil else { throw .duplicate("timestamp") }
                timestamp = try reader.readDateTime("timestamp")
            } else if reader.matches(member, "vendorId") {
                guard vendorId == nil else { throw .duplicate("vendorId") }
                vendorId = try reader.readString("vendorId", maxLength: 255)
            } else if reader.matches(member, "vendorErrorCode") {
                guard vendorErrorCode == nil else { throw .duplicate("vendorErrorCode") }
                vendorErrorCode = try reader.readString("vendorErrorCode", maxLength: 50)
            } else {
                throw reader.unknownField(member)
            }
        }
        guard let connectorId else { throw .missing("connectorId") }
        guard let errorCode else { throw .missing("errorCode") }
        guard let status else { throw .missing("status") }
        self.init(
            connectorId: connectorId,
            errorCode: errorCode,
            info: info,
            status: status,
            timestamp: timestamp,
            vendorId: vendorId,
            vendorErrorCode: vendorErrorCode
        )
    }

    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("connectorId")
        writer.int(connectorId)
        writer.key("errorCode")
        writer.enumValue(errorCode)
        if let info {
            writer.key("info")
            writer.string(info)
        }
        writer.key("status")
        writer.enumValue(status)
        if let timestamp {
            writer.key("timestamp")
            writer.dateTime(timestamp)
        }
        if let vendorId {
            writer.key("vendorId")
            writer.string(vendorId)
        }
        if let vendorErrorCode {
            writer.key("vendorErrorCode")
            writer.string(vendorErrorCode)
        }
        writer.endObject()
    }
}

/// The answer to a ``StatusNotificationRequest``.
public struct StatusNotificationResponse: OCPPPayload {
    /// Creates the payload, an empty object.
    public init() {}

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            throw reader.unknownField(member)
        }
        self.init()
    }

    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.endObject()
    }
}
