/// The kind of reset a Reset request asks for.
///
/// The raw value is the string of the spec.
public enum ResetType: String, Sendable, CaseIterable, JSONEnum {
    case hard = "Hard"
    case soft = "Soft"

    static let names = JSONNameTable<Self>()
}
