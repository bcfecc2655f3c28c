/// The answer to a BootNotification request.
///
/// The raw value is the string of the spec.
public enum RegistrationStatus: String, Sendable, CaseIterable, JSONEnum {
    case accepted = "Accepted"
    case pending = "Pending"
    case rejected = "Rejected"

    static let names = JSONNameTable<Self>()
}
