/// What a charging profile is for.
///
/// The raw value is the string of the spec.
public enum ChargingProfilePurposeType: String, Sendable, CaseIterable {
    case chargePointMaxProfile = "ChargePointMaxProfile"
    case txDefaultProfile = "TxDefaultProfile"
    case txProfile = "TxProfile"
}

extension ChargingProfilePurposeType: JSONEnum {
    static let names = JSONNameTable<ChargingProfilePurposeType>()
}
