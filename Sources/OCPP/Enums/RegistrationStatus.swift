/// The answer to a BootNotification request.
///
/// The raw value is the string of the spec.
public enum RegistrationStatus: String, Sendable, CaseIterable {
    case accepted = "Accepted"
    case pending = "Pending"
    case rejected = "Rejected"
}

extension RegistrationStatus: JSONEnum {
    static let names = JSONNameTable<RegistrationStatus>()
}
