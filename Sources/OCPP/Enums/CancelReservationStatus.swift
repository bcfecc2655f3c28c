/// The answer to a CancelReservation request.
///
/// The raw value is the string of the spec.
public enum CancelReservationStatus: String, Sendable, CaseIterable {
    case accepted = "Accepted"
    case rejected = "Rejected"
}

extension CancelReservationStatus: JSONEnum {
    static let names = JSONNameTable<CancelReservationStatus>()
}
