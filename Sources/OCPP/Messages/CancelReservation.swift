/// CancelReservation (CSMS → station): Cancels a reservation.
public struct CancelReservationRequest: OCPPRequest {
    /// The answer: ``CancelReservationResponse``.
    public typealias Response = CancelReservationResponse
    /// ``Action/cancelReservation``.
    public static var action: Action { .cancelReservation }

    /// `reservationId`: Required.
    public var reservationId: Int

    /// Creates the payload; optional fields default to absent.
    public init(reservationId: Int) {
        self.reservationId = reservationId
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var reservationId: Int?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "reservationId") {
                guard reservationId == nil else { throw .duplicate("reservationId") }
                reservationId = try reader.readInt("reservationId")
            } else {
                throw reader.unknownField(member)
            }
        }
        guard let reservationId else { throw .missing("reservationId") }
        self.init(reservationId: reservationId)
    }

    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("reservationId")
        writer.int(reservationId)
        writer.endObject()
    }
}

/// The answer to a ``CancelReservationRequest``.
public struct CancelReservationResponse: OCPPPayload {
    /// `status`: Required.
    public var status: CancelReservationStatus

    /// Creates the payload; optional fields default to absent.
    public init(status: CancelReservationStatus) {
        self.status = status
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var status: CancelReservationStatus?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "status") {
                guard status == nil else { throw .duplicate("status") }
                status = try reader.readEnum("status", as: CancelReservationStatus.self)
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
