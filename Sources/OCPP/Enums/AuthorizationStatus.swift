/// The status of an identifier in an ``IdTagInfo``.
///
/// The raw value is the string of the spec.
public enum AuthorizationStatus: String, Sendable, CaseIterable, JSONEnum {
    case accepted = "Accepted"
    case blocked = "Blocked"
    case expired = "Expired"
    case invalid = "Invalid"
    case concurrentTx = "ConcurrentTx"

    static let names = JSONNameTable<Self>()
}
