/// The answer to a ChangeConfiguration request.
///
/// The raw value is the string of the spec.
public enum ConfigurationStatus: String, Sendable, CaseIterable, JSONEnum {
    case accepted = "Accepted"
    case rejected = "Rejected"
    case rebootRequired = "RebootRequired"
    case notSupported = "NotSupported"

    static let names = JSONNameTable<Self>()
}
