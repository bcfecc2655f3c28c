/// The answer to a ReserveNow request.
///
/// The raw value is the string of the spec.
public enum ReservationStatus: String, Sendable, CaseIterable, JSONEnum {
    case accepted = "Accepted"
    case faulted = "Faulted"
    case occupied = "Occupied"
    case rejected = "Rejected"
    case unavailable = "Unavailable"

    static let names = JSONNameTable<Self>()
}
