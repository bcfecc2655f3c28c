/// UpdateFirmware (CSMS → station): Asks the station to download and install firmware.
public struct UpdateFirmwareRequest: OCPPRequest {
    /// The answer: ``UpdateFirmwareResponse``.
    public typealias Response = UpdateFirmwareResponse
    /// ``Action/updateFirmware``.
    public static var action: Action { .updateFirmware }

    /// `location`: A URI. Required.
    public var location: String
    /// `retries`: Optional.
    public var retries: Int?
    /// `retrieveDate`: Required.
    public var retrieveDate: OCPPDateTime
    /// `retryInterval`: Optional.
    public var retryInterval: Int?

    /// Creates the payload; optional fields default to absent.
    public init(location: String, retries: Int? = nil, retrieveDate: OCPPDateTime, retryInterval: Int? = nil) {
        self.location = location
        self.retries = retries
        self.retrieveDate = retrieveDate
        self.retryInterval = retryInterval
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var location: String?
        var retries: Int?
        var retrieveDate: OCPPDateTime?
        var retryInterval: Int?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "location") {
                guard location == nil else { throw .duplicate("location") }
                location = try reader.readURI("location")
            } else if reader.matches(member, "retries") {
                guard retries == nil else { throw .duplicate("retries") }
                retries = try reader.readInt("retries")
            } else if reader.matches(member, "retrieveDate") {
                guard retrieveDate == nil else { throw .duplicate("retrieveDate") }
                retrieveDate = try reader.readDateTime("retrieveDate")
            } else if reader.matches(member, "retryInterval") {
                guard retryInterval == nil else { throw .duplicate("retryInterval") }
                retryInterval = try reader.readInt("retryInterval")
            } else {
                throw reader.unknownField(member)
            }
        }
        guard let location else { throw .missing("location") }
        guard let retrieveDate else { throw .missing("retrieveDate") }
        self.init(location: location, retries: retries, retrieveDate: retrieveDate, retryInterval: retryInterval)
    }

    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("location")
        writer.string(location)
        if let retries {
            writer.key("retries")
            writer.int(retries)
        }
        writer.key("retrieveDate")
        writer.dateTime(retrieveDate)
        if let retryInterval {
            writer.key("retryInterval")
            writer.int(retryInterval)
        }
        writer.endObject()
    }
}

/// The answer to a ``UpdateFirmwareRequest``.
public struct UpdateFirmwareResponse: OCPPPayload {
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
