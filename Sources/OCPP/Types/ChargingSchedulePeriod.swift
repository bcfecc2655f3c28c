import JSON

/// One period of a charging schedule: from when, what limit, on how many phases.
public struct ChargingSchedulePeriod: OCPPPayload {
    /// `startPeriod`: Required.
    public var startPeriod: Int
    /// `limit`: A multiple of 0.1. Required.
    public var limit: Double
    /// `numberPhases`: Optional.
    public var numberPhases: Int?

    /// Creates the payload; optional fields default to absent.
    public init(startPeriod: Int, limit: Double, numberPhases: Int? = nil) {
        self.startPeriod = startPeriod
        self.limit = limit
        self.numberPhases = numberPhases
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var startPeriod: Int?
        var limit: Double?
        var numberPhases: Int?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "startPeriod") {
                guard startPeriod == nil else { throw .duplicate("startPeriod") }
                startPeriod = try reader.readInt("startPeriod")
            } else if reader.matches(member, "limit") {
                guard limit == nil else { throw .duplicate("limit") }
                limit = try reader.readTenths("limit")
            } else if reader.matches(member, "numberPhases") {
                guard numberPhases == nil else { throw .duplicate("numberPhases") }
                numberPhases = try reader.readInt("numberPhases")
            } else {
                throw reader.unknownField(member)
            }
        }
        guard let startPeriod else { throw .missing("startPeriod") }
        guard let limit else { throw .missing("limit") }
        self.init(startPeriod: startPeriod, limit: limit, numberPhases: numberPhases)
    }

    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("startPeriod")
        writer.int(startPeriod)
        writer.key("limit")
        writer.double(limit)
        if let numberPhases {
            writer.key("numberPhases")
            writer.int(numberPhases)
        }
        writer.endObject()
    }
}
