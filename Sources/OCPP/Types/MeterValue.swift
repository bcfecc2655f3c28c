import JSON

/// Sampled values taken at one instant.
public struct MeterValue: OCPPPayload {
    /// `timestamp`: Required.
    public var timestamp: OCPPDateTime
    /// `sampledValue`: Required.
    public var sampledValue: [SampledValue]

    /// Creates the payload; optional fields default to absent.
    public init(timestamp: OCPPDateTime, sampledValue: [SampledValue]) {
        self.timestamp = timestamp
        self.sampledValue = sampledValue
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var timestamp: OCPPDateTime?
        var sampledValue: [SampledValue]?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "timestamp") {
                guard timestamp == nil else { throw .duplicate("timestamp") }
                timestamp = try reader.readDateTime("timestamp")
            } else if reader.matches(member, "sampledValue") {
                guard sampledValue == nil else { throw .duplicate("sampledValue") }
                var elements: [SampledValue] = []
                var array = try reader.beginArray("sampledValue")
                while try reader.nextElement(&array) {
                    do {
                        elements.append(try SampledValue(from: &reader))
                    } catch {
                        throw error.inside("sampledValue[\(elements.count)]")
                    }
                }
                sampledValue = elements
            } else {
                throw reader.unknownField(member)
            }
        }
        guard let timestamp else { throw .missing("timestamp") }
        guard let sampledValue else { throw .missing("sampledValue") }
        self.init(timestamp: timestamp, sampledValue: sampledValue)
    }

    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("timestamp")
        writer.dateTime(timestamp)
        writer.key("sampledValue")
        writer.beginArray()
        for element in sampledValue {
            element.encode(to: &writer)
        }
        writer.endArray()
        writer.endObject()
    }
}
