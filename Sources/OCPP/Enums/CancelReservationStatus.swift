/// The answer to a CancelReservation request.
///
/// The raw value is the string of the spec.
public enum CancelReservationStatus: String, Sendable, CaseIterable, JSONEnum {
    case accepted = "Accepted"
    case rejected = "Rejected"

    static let names = JSONNameTable<Self>()
}
