/// The kind of reset a Reset request asks for.
///
/// The raw value is the string of the spec.
public enum ResetType: String, Sendable, CaseIterable {
    case hard = "Hard"
    case soft = "Soft"
}

extension ResetType: JSONEnum {
    static let names = JSONNameTable<ResetType>()
}
