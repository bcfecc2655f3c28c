/// The answer to a Reset request.
///
/// The raw value is the string of the spec.
public enum ResetStatus: String, Sendable, CaseIterable, JSONEnum {
    case accepted = "Accepted"
    case rejected = "Rejected"

    static let names = JSONNameTable<Self>()
}
