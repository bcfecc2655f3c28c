/// StopTransaction (station → CSMS): Reports that a transaction stopped.
public struct StopTransactionRequest: OCPPRequest {
    /// The answer: ``StopTransactionResponse``.
    public typealias Response = StopTransactionResponse
    /// ``Action/stopTransaction``.
    public static var action: Action { .stopTransaction }

    /// `idTag`: At most 20 characters (CiString20Type). Optional.
    public var idTag: String?
    /// `meterStop`: Required.
    public var meterStop: Int
    /// `timestamp`: Required.
    public var timestamp: OCPPDateTime
    /// `transactionId`: Required.
    public var transactionId: Int
    /// `reason`: Optional.
    public var reason: Reason?
    /// `transactionData`: Optional.
    public var transactionData: [MeterValue]?

    /// Creates the payload; optional fields default to absent.
    public init(
        idTag: String? = nil,
        meterStop: Int,
        timestamp: OCPPDateTime,
        transactionId: Int,
        reason: Reason? = nil,
        transactionData: [MeterValue]? = nil
    ) {
        self.idTag = idTag
        self.meterStop = meterStop
        self.timestamp = timestamp
        self.transactionId = transactionId
        self.reason = reason
        self.transactionData = transactionData
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var idTag: String?
        var meterStop: Int?
        var timestamp: OCPPDateTime?
        var transactionId: Int?
        var reason: Reason?
        var transactionData: [MeterValue]?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "idTag") {
                guard idTag == nil else { throw .duplicate("idTag") }
                idTag = try reader.readString("idTag", maxLength: 20)
            } else if reader.matches(member, "meterStop") {
                guard meterStop == nil else { throw .duplicate("meterStop") }
                meterStop = try reader.readInt("meterStop")
            } else if reader.matches(member, "timestamp") {
                guard timestamp == nil else { throw .duplicate("timestamp") }
                timestamp = try reader.readDateTime("timestamp")
            } else if reader.matches(member, "transactionId") {
                guard transactionId == nil else { throw .duplicate("transactionId") }
                transactionId = try reader.readInt("transactionId")
            } else if reader.matches(member, "reason") {
                guard reason == nil else { throw .duplicate("reason") }
                reason = try reader.readEnum("reason", as: Reason.self)
            } else if reader.matches(member, "transactionData") {
                guard transactionData == nil else { throw .duplicate("transactionData") }
                var elements: [MeterValue] = []
                var array = try reader.beginArray("transactionData")
                while try reader.nextElement(&array) {
                    do {
                        elements.append(try MeterValue(from: &reader))
                    } catch {
                        throw error.inside("transactionData[\(elements.count)]")
                    }
                }
                transactionData = elements
            } else {
                throw reader.unknownField(member)
            }
        }
        guard let meterStop else { throw .missing("meterStop") }
        guard let timestamp else { throw .missing("timestamp") }
        guard let transactionId else { throw .missing("transactionId") }
        // The schema of StopTransaction, unlike that of MeterValues, has no Hertz unit.
        for (position, value) in (transactionData ?? []).enumerated() {
            if let sample = value.sampledValue.firstIndex(where: { $0.unit == .hertz }) {
                throw OCPPError(
                    code: .propertyConstraintViolation, field: "transactionData[\(position)].sampledValue[\(sample)].unit",
                    reason: "'Hertz' is not a valid unit in StopTransaction")
            }
        }
        self.init(
            idTag: idTag,
            meterStop: meterStop,
            timestamp: timestamp,
            transactionId: transactionId,
            reason: reason,
            transactionData: transactionData
        )
    }

    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        if let idTag {
            writer.key("idTag")
            writer.string(idTag)
        }
        writer.key("meterStop")
        writer.int(meterStop)
        writer.key("timestamp")
        writer.dateTime(timestamp)
        writer.key("transactionId")
        writer.int(transactionId)
        if let reason {
            writer.key("reason")
            writer.enumValue(reason)
        }
        if let transactionData {
            writer.key("transactionData")
            writer.beginArray()
            for element in transactionData {
                element.encode(to: &writer)
            }
            writer.endArray()
        }
        writer.endObject()
    }
}

/// The answer to a ``StopTransactionRequest``.
public struct StopTransactionResponse: OCPPPayload {
    /// `idTagInfo`: Optional.
    public var idTagInfo: IdTagInfo?

    /// Creates the payload; optional fields default to absent.
    public init(idTagInfo: IdTagInfo? = nil) {
        self.idTagInfo = idTagInfo
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var idTagInfo: IdTagInfo?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "idTagInfo") {
                guard idTagInfo == nil else { throw .duplicate("idTagInfo") }
                do {
                    idTagInfo = try IdTagInfo(from: &reader)
                } catch {
                    throw error.inside("idTagInfo")
                }
            } else {
                throw reader.unknownField(member)
            }
        }
        self.init(idTagInfo: idTagInfo)
    }

    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        if let idTagInfo {
            writer.key("idTagInfo")
            idTagInfo.encode(to: &writer)
        }
        writer.endObject()
    }
}
