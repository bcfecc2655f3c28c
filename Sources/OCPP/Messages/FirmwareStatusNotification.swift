/// FirmwareStatusNotification (station → CSMS): Reports the state of a firmware update.
public struct FirmwareStatusNotificationRequest: OCPPRequest {
    /// The answer: ``FirmwareStatusNotificationResponse``.
    public typealias Response = FirmwareStatusNotificationResponse
    /// ``Action/firmwareStatusNotification``.
    public static var action: Action { .firmwareStatusNotification }

    /// `status`: Required.
    public var status: FirmwareStatus

    /// Creates the payload; optional fields default to absent.
    public init(status: FirmwareStatus) {
        self.status = status
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var status: FirmwareStatus?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "status") {
                guard status == nil else { throw .duplicate("status") }
                status = try reader.readEnum("status", as: FirmwareStatus.self)
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

/// The answer to a ``FirmwareStatusNotificationRequest``.
public struct FirmwareStatusNotificationResponse: OCPPPayload {
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
