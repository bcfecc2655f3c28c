/// The answer to a ChangeAvailability request.
///
/// The raw value is the string of the spec.
public enum AvailabilityStatus: String, Sendable, CaseIterable {
    case accepted = "Accepted"
    case rejected = "Rejected"
    case scheduled = "Scheduled"
}

extension AvailabilityStatus: JSONEnum {
    static let names = JSONNameTable<AvailabilityStatus>()
}
