/// MeterValues (station → CSMS): Reports sampled meter values, during a transaction or not.
public struct MeterValuesRequest: OCPPRequest {
    /// The answer: ``MeterValuesResponse``.
    public typealias Response = MeterValuesResponse
    /// ``Action/meterValues``.
    public static var action: Action { .meterValues }

    /// `connectorId`: Required.
    public var connectorId: Int
    /// `transactionId`: Optional.
    public var transactionId: Int?
    /// `meterValue`: At least 1 element. Required.
    public var meterValue: [MeterValue]

    /// Creates the payload; optional fields default to absent.
    public init(connectorId: Int, transactionId: Int? = nil, meterValue: [MeterValue]) {
        self.connectorId = connectorId
        self.transactionId = transactionId
        self.meterValue = meterValue
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var connectorId: Int?
        var transactionId: Int?
        var meterValue: [MeterValue]?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "connectorId") {
                guard connectorId == nil else { throw .duplicate("connectorId") }
                connectorId = try reader.readInt("connectorId")
            } else if reader.matches(member, "transactionId") {
                guard transactionId == nil else { throw .duplicate("transactionId") }
                transactionId = try reader.readInt("transactionId")
            } else if reader.matches(member, "meterValue") {
                guard meterValue == nil else { throw .duplicate("meterValue") }
                var elements: [MeterValue] = []
                var array = try reader.beginArray("meterValue")
                while try reader.nextElement(&array) {
                    do {
                        elements.append(try MeterValue(from: &reader))
                    } catch {
                        throw error.inside("meterValue[\(elements.count)]")
                    }
                }
                meterValue = elements
            } else {
                throw reader.unknownField(member)
            }
        }
        guard let connectorId else { throw .missing("connectorId") }
        guard let meterValue else { throw .missing("meterValue") }
        // The schema asks for at least one meter value, each with at least one sampled value.
        guard !meterValue.isEmpty else {
            throw OCPPError(code: .occurenceConstraintViolation, field: "meterValue", reason: "needs at least 1 element")
        }
        for (position, value) in meterValue.enumerated() where value.sampledValue.isEmpty {
            throw OCPPError(
                code: .occurenceConstraintViolation, field: "meterValue[\(position)].sampledValue",
                reason: "needs at least 1 element")
        }
        self.init(connectorId: connectorId, transactionId: transactionId, meterValue: meterValue)
    }

    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("connectorId")
        writer.int(connectorId)
        if let transactionId {
            writer.key("transactionId")
            writer.int(transactionId)
        }
        writer.key("meterValue")
        writer.beginArray()
        for element in meterValue {
            element.encode(to: &writer)
        }
        writer.endArray()
        writer.endObject()
    }
}

/// The answer to a ``MeterValuesRequest``.
public struct MeterValuesResponse: OCPPPayload {
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
