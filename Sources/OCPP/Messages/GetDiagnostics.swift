/// GetDiagnostics (CSMS → station): Asks the station to upload a diagnostics file.
public struct GetDiagnosticsRequest: OCPPRequest {
    /// The answer: ``GetDiagnosticsResponse``.
    public typealias Response = GetDiagnosticsResponse
    /// ``Action/getDiagnostics``.
    public static var action: Action { .getDiagnostics }

    /// `location`: A URI. Required.
    public var location: String
    /// `retries`: Optional.
    public var retries: Int?
    /// `retryInterval`: Optional.
    public var retryInterval: Int?
    /// `startTime`: Optional.
    public var startTime: OCPPDateTime?
    /// `stopTime`: Optional.
    public var stopTime: OCPPDateTime?

    /// Creates the payload; optional fields default to absent.
    public init(
        location: String,
        retries: Int? = nil,
        retryInterval: Int? = nil,
        startTime: OCPPDateTime? = nil,
        stopTime: OCPPDateTime? = nil
    ) {
        self.location = location
        self.retries = retries
        self.retryInterval = retryInterval
        self.startTime = startTime
        self.stopTime = stopTime
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var location: String?
        var retries: Int?
        var retryInterval: Int?
        var startTime: OCPPDateTime?
        var stopTime: OCPPDateTime?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "location") {
                guard location == nil else { throw .duplicate("location") }
                location = try reader.readURI("location")
            } else if reader.matches(member, "retries") {
                guard retries == nil else { throw .duplicate("retries") }
                retries = try reader.readInt("retries")
            } else if reader.matches(member, "retryInterval") {
                guard retryInterval == nil else { throw .duplicate("retryInterval") }
                retryInterval = try reader.readInt("retryInterval")
            } else if reader.matches(member, "startTime") {
                guard startTime == nil else { throw .duplicate("startTime") }
                startTime = try reader.readDateTime("startTime")
            } else if reader.matches(member, "stopTime") {
                guard stopTime == nil else { throw .duplicate("stopTime") }
                stopTime = try reader.readDateTime("stopTime")
            } else {
                throw reader.unknownField(member)
            }
        }
        guard let location else { throw .missing("location") }
        self.init(
            location: location,
            retries: retries,
            retryInterval: retryInterval,
            startTime: startTime,
            stopTime: stopTime
        )
    }

    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("location")
        writer.string(location)
        if let retries {
            writer.key("retries")
            writer.int(retries)
        }
        if let retryInterval {
            writer.key("retryInterval")
            writer.int(retryInterval)
        }
        if let startTime {
            writer.key("startTime")
            writer.dateTime(startTime)
        }
        if let stopTime {
            writer.key("stopTime")
            writer.dateTime(stopTime)
        }
        writer.endObject()
    }
}

/// The answer to a ``GetDiagnosticsRequest``.
public struct GetDiagnosticsResponse: OCPPPayload {
    /// `fileName`: At most 255 characters (CiString255Type). Optional.
    public var fileName: String?

    /// Creates the payload; optional fields default to absent.
    public init(fileName: String? = nil) {
        self.fileName = fileName
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var fileName: String?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "fileName") {
                guard fileName == nil else { throw .duplicate("fileName") }
                fileName = try reader.readString("fileName", maxLength: 255)
            } else {
                throw reader.unknownField(member)
            }
        }
        self.init(fileName: fileName)
    }

    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        if let fileName {
            writer.key("fileName")
            writer.string(fileName)
        }
        writer.endObject()
    }
}
