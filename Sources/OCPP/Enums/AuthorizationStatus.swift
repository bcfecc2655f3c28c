/// The status of an identifier in an ``IdTagInfo``.
///
/// The raw value is the string of the spec.
public enum AuthorizationStatus: String, Sendable, CaseIterable {
    case accepted = "Accepted"
    case blocked = "Blocked"
    case expired = "Expired"
    case invalid = "Invalid"
    case concurrentTx = "ConcurrentTx"
}

extension AuthorizationStatus: JSONEnum {
    static let names = JSONNameTable<AuthorizationStatus>()
}
