/// The answer to a ChangeAvailability request.
///
/// The raw value is the string of the spec.
public enum AvailabilityStatus: String, Sendable, CaseIterable, JSONEnum {
    case accepted = "Accepted"
    case rejected = "Rejected"
    case scheduled = "Scheduled"

    static let names = JSONNameTable<Self>()
}
