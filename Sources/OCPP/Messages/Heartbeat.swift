/// Heartbeat (station → CSMS): Tells the CSMS the station is alive; the answer gives the CSMS's time.
public struct HeartbeatRequest: OCPPRequest {
    /// The answer: ``HeartbeatResponse``.
    public typealias Response = HeartbeatResponse
    /// ``Action/heartbeat``.
    public static var action: Action { .heartbeat }


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

/// The answer to a ``HeartbeatRequest``.
public struct HeartbeatResponse: OCPPPayload {
    /// `currentTime`: Required.
    public var currentTime: OCPPDateTime

    /// Creates the payload; optional fields default to absent.
    public init(currentTime: OCPPDateTime) {
        self.currentTime = currentTime
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var currentTime: OCPPDateTime?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "currentTime") {
                guard currentTime == nil else { throw .duplicate("currentTime") }
                currentTime = try reader.readDateTime("currentTime")
            } else {
                throw reader.unknownField(member)
            }
        }
        guard let currentTime else { throw .missing("currentTime") }
        self.init(currentTime: currentTime)
    }

    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("currentTime")
        writer.dateTime(currentTime)
        writer.endObject()
    }
}
