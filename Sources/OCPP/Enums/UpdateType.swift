/// Whether a SendLocalList replaces the list or changes it.
///
/// The raw value is the string of the spec.
public enum UpdateType: String, Sendable, CaseIterable {
    case differential = "Differential"
    case full = "Full"
}

extension UpdateType: JSONEnum {
    static let names = JSONNameTable<UpdateType>()
}
