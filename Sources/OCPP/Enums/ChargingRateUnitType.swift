/// The unit of a charging schedule's limits: amperes or watts.
///
/// The raw value is the string of the spec.
public enum ChargingRateUnitType: String, Sendable, CaseIterable, JSONEnum {
    case a = "A"
    case w = "W"

    static let names = JSONNameTable<Self>()
}
