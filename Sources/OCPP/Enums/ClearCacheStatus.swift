/// The answer to a ClearCache request.
///
/// The raw value is the string of the spec.
public enum ClearCacheStatus: String, Sendable, CaseIterable {
    case accepted = "Accepted"
    case rejected = "Rejected"
}

extension ClearCacheStatus: JSONEnum {
    static let names = JSONNameTable<ClearCacheStatus>()
}
