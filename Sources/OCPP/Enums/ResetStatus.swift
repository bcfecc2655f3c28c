/// The answer to a Reset request.
///
/// The raw value is the string of the spec.
public enum ResetStatus: String, Sendable, CaseIterable {
    case accepted = "Accepted"
    case rejected = "Rejected"
}

extension ResetStatus: JSONEnum {
    static let names = JSONNameTable<ResetStatus>()
}
