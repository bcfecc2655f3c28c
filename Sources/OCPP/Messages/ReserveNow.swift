/// ReserveNow (CSMS → station): Reserves a connector for an identifier.
public struct ReserveNowRequest: OCPPRequest {
    /// The answer: ``ReserveNowResponse``.
    public typealias Response = ReserveNowResponse
    /// ``Action/reserveNow``.
    public static var action: Action { .reserveNow }

    /// `connectorId`: Required.
    public var connectorId: Int
    /// `expiryDate`: Required.
    public var expiryDate: OCPPDateTime
    /// `idTag`: At most 20 characters (CiString20Type). Required.
    public var idTag: String
    /// `parentIdTag`: At most 20 characters (CiString20Type). Optional.
    public var parentIdTag: String?
    /// `reservationId`: Required.
    public var reservationId: Int

    /// Creates the payload; optional fields default to absent.
    public init(
        connectorId: Int,
        expiryDate: OCPPDateTime,
        idTag: String,
        parentIdTag: String? = nil,
        reservationId: Int
    ) {
        self.connectorId = connectorId
        self.expiryDate = expiryDate
        self.idTag = idTag
        self.parentIdTag = parentIdTag
        self.reservationId = reservationId
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var connectorId: Int?
        var expiryDate: OCPPDateTime?
        var idTag: String?
        var parentIdTag: String?
        var reservationId: Int?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "connectorId") {
                guard connectorId == nil else { throw .duplicate("connectorId") }
                connectorId = try reader.readInt("connectorId")
            } else if reader.matches(member, "expiryDate") {
                guard expiryDate == nil else { throw .duplicate("expiryDate") }
                expiryDate = try reader.readDateTime("expiryDate")
            } else if reader.matches(member, "idTag") {
                guard idTag == nil else { throw .duplicate("idTag") }
                idTag = try reader.readString("idTag", maxLength: 20)
            } else if reader.matches(member, "parentIdTag") {
                guard parentIdTag == nil else { throw .duplicate("parentIdTag") }
                parentIdTag = try reader.readString("parentIdTag", maxLength: 20)
            } else if reader.matches(member, "reservationId") {
                guard reservationId == nil else { throw .duplicate("reservationId") }
                reservationId = try reader.readInt("reservationId")
            } else {
                throw reader.unknownField(member)
            }
        }
        guard let connectorId else { throw .missing("connectorId") }
        guard let expiryDate else { throw .missing("expiryDate") }
        guard let idTag else { throw .missing("idTag") }
        guard let reservationId else { throw .missing("reservationId") }
        self.init(
            connectorId: connectorId,
            expiryDate: expiryDate,
            idTag: idTag,
            parentIdTag: parentIdTag,
            reservationId: reservationId
        )
    }

    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("connectorId")
        writer.int(connectorId)
        writer.key("expiryDate")
        writer.dateTime(expiryDate)
        writer.key("idTag")
        writer.string(idTag)
        if let parentIdTag {
            writer.key("parentIdTag")
            writer.string(parentIdTag)
        }
        writer.key("reservationId")
        writer.int(reservationId)
        writer.endObject()
    }
}

/// The answer to a ``ReserveNowRequest``.
public struct ReserveNowResponse: OCPPPayload {
    /// `status`: Required.
    public var status: ReservationStatus

    /// Creates the payload; optional fields default to absent.
    public init(status: ReservationStatus) {
        self.status = status
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var status: ReservationStatus?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "status") {
                guard status == nil else { throw .duplicate("status") }
                status = try reader.readEnum("status", as: ReservationStatus.self)
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
