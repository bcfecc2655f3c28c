/// Whether a SendLocalList replaces the list or changes it.
///
/// The raw value is the string of the spec.
public enum UpdateType: String, Sendable, CaseIterable, JSONEnum {
    case differential = "Differential"
    case full = "Full"

    static let names = JSONNameTable<Self>()
}
