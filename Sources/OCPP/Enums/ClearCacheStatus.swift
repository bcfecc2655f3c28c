/// The answer to a ClearCache request.
///
/// The raw value is the string of the spec.
public enum ClearCacheStatus: String, Sendable, CaseIterable, JSONEnum {
    case accepted = "Accepted"
    case rejected = "Rejected"

    static let names = JSONNameTable<Self>()
}
