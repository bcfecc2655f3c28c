/// Whether a sampled value is a raw number or signed data.
///
/// The raw value is the string of the spec.
public enum ValueFormat: String, Sendable, CaseIterable, JSONEnum {
    case raw = "Raw"
    case signedData = "SignedData"

    static let names = JSONNameTable<Self>()
}
