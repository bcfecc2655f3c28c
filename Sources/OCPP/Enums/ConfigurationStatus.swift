/// The answer to a ChangeConfiguration request.
///
/// The raw value is the string of the spec.
public enum ConfigurationStatus: String, Sendable, CaseIterable {
    case accepted = "Accepted"
    case rejected = "Rejected"
    case rebootRequired = "RebootRequired"
    case notSupported = "NotSupported"
}

extension ConfigurationStatus: JSONEnum {
    static let names = JSONNameTable<ConfigurationStatus>()
}
