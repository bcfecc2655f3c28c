/// DiagnosticsStatusNotification (station → CSMS): Reports the state of a diagnostics upload.
public struct DiagnosticsStatusNotificationRequest: OCPPRequest {
    /// The answer: ``DiagnosticsStatusNotificationResponse``.
    public typealias Response = DiagnosticsStatusNotificationResponse
    /// ``Action/diagnosticsStatusNotification``.
    public static var action: Action { .diagnosticsStatusNotification }

    /// `status`: Required.
    public var status: DiagnosticsStatus

    /// Creates the payload; optional fields default to absent.
    public init(status: DiagnosticsStatus) {
        self.status = status
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var status: DiagnosticsStatus?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "status") {
                guard status == nil else { throw .duplicate("status") }
                status = try reader.readEnum("status", as: DiagnosticsStatus.self)
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

/// The answer to a ``DiagnosticsStatusNotificationRequest``.
public struct DiagnosticsStatusNotificationResponse: OCPPPayload {
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
