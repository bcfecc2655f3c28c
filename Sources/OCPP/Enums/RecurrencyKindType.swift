/// How a recurring charging profile repeats.
///
/// The raw value is the string of the spec.
public enum RecurrencyKindType: String, Sendable, CaseIterable {
    case daily = "Daily"
    case weekly = "Weekly"
}

extension RecurrencyKindType: JSONEnum {
    static let names = JSONNameTable<RecurrencyKindType>()
}
