/// Whether a sampled value is a raw number or signed data.
///
/// The raw value is the string of the spec.
public enum ValueFormat: String, Sendable, CaseIterable {
    case raw = "Raw"
    case signedData = "SignedData"
}

extension ValueFormat: JSONEnum {
    static let names = JSONNameTable<ValueFormat>()
}
