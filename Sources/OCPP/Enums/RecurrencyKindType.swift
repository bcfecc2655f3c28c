/// How a recurring charging profile repeats.
///
/// The raw value is the string of the spec.
public enum RecurrencyKindType: String, Sendable, CaseIterable, JSONEnum {
    case daily = "Daily"
    case weekly = "Weekly"

    static let names = JSONNameTable<Self>()
}
