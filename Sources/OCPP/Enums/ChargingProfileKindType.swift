/// How a charging profile's schedule is anchored in time.
///
/// The raw value is the string of the spec.
public enum ChargingProfileKindType: String, Sendable, CaseIterable, JSONEnum {
    case absolute = "Absolute"
    case recurring = "Recurring"
    case relative = "Relative"

    static let names = JSONNameTable<Self>()
}
