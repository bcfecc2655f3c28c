/// StartTransaction (station → CSMS): Reports that a transaction started; the answer gives its id.
public struct StartTransactionRequest: OCPPRequest {
    /// The answer: ``StartTransactionResponse``.
    public typealias Response = StartTransactionResponse
    /// ``Action/startTransaction``.
    public static var action: Action { .startTransaction }

    /// `connectorId`: Required.
    public var connectorId: Int
    /// `idTag`: At most 20 characters (CiString20Type). Required.
    public var idTag: String
    /// `meterStart`: Required.
    public var meterStart: Int
    /// `reservationId`: Optional.
    public var reservationId: Int?
    /// `timestamp`: Required.
    public var timestamp: OCPPDateTime

    /// Creates the payload; optional fields default to absent.
    public init(connectorId: Int, idTag: String, meterStart: Int, reservationId: Int? = nil, timestamp: OCPPDateTime) {
        self.connectorId = connectorId
        self.idTag = idTag
        self.meterStart = meterStart
        self.reservationId = reservationId
        self.timestamp = timestamp
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var connectorId: Int?
        var idTag: String?
        var meterStart: Int?
        var reservationId: Int?
        var timestamp: OCPPDateTime?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "connectorId") {
                guard connectorId == nil else { throw .duplicate("connectorId") }
                connectorId = try reader.readInt("connectorId")
            } else if reader.matches(member, "idTag") {
                guard idTag == nil else { throw .duplicate("idTag") }
                idTag = try reader.readString("idTag", maxLength: 20)
            } else if reader.matches(member, "meterStart") {
                guard meterStart == nil else { throw .duplicate("meterStart") }
                meterStart = try reader.readInt("meterStart")
            } else if reader.matches(member, "reservationId") {
                guard reservationId == nil else { throw .duplicate("reservationId") }
                reservationId = try reader.readInt("reservationId")
            } else if reader.matches(member, "timestamp") {
                guard timestamp == nil else { throw .duplicate("timestamp") }
                timestamp = try reader.readDateTime("timestamp")
            } else {
                throw reader.unknownField(member)
            }
        }
        guard let connectorId else { throw .missing("connectorId") }
        guard let idTag else { throw .missing("idTag") }
        guard let meterStart else { throw .missing("meterStart") }
        guard let timestamp else { throw .missing("timestamp") }
        self.init(
            connectorId: connectorId,
            idTag: idTag,
            meterStart: meterStart,
            reservationId: reservationId,
            timestamp: timestamp
        )
    }

    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("connectorId")
        writer.int(connectorId)
        writer.key("idTag")
        writer.string(idTag)
        writer.key("meterStart")
        writer.int(meterStart)
        if let reservationId {
            writer.key("reservationId")
            writer.int(reservationId)
        }
        writer.key("timestamp")
        writer.dateTime(timestamp)
        writer.endObject()
    }
}

/// The answer to a ``StartTransactionRequest``.
public struct StartTransactionResponse: OCPPPayload {
    /// `idTagInfo`: Required.
    public var idTagInfo: IdTagInfo
    /// `transactionId`: Required.
    public var transactionId: Int

    /// Creates the payload; optional fields default to absent.
    public init(idTagInfo: IdTagInfo, transactionId: Int) {
        self.idTagInfo = idTagInfo
        self.transactionId = transactionId
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var idTagInfo: IdTagInfo?
        var transactionId: Int?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "idTagInfo") {
                guard idTagInfo == nil else { throw .duplicate("idTagInfo") }
                do {
                    idTagInfo = try IdTagInfo(from: &reader)
                } catch {
                    throw error.inside("idTagInfo")
                }
            } else if reader.matches(member, "transactionId") {
                guard transactionId == nil else { throw .duplicate("transactionId") }
                transactionId = try reader.readInt("transactionId")
            } else {
                throw reader.unknownField(member)
            }
        }
        guard let idTagInfo else { throw .missing("idTagInfo") }
        guard let transactionId else { throw .missing("transactionId") }
        self.init(idTagInfo: idTagInfo, transactionId: transactionId)
    }

    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("idTagInfo")
        idTagInfo.encode(to: &writer)
        writer.key("transactionId")
        writer.int(transactionId)
        writer.endObject()
    }
}
