/// The unit of a charging schedule's limits: amperes or watts.
///
/// The raw value is the string of the spec.
public enum ChargingRateUnitType: String, Sendable, CaseIterable {
    case a = "A"
    case w = "W"
}

extension ChargingRateUnitType: JSONEnum {
    static let names = JSONNameTable<ChargingRateUnitType>()
}
