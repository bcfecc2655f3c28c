/// What a charging profile is for.
///
/// The raw value is the string of the spec.
public enum ChargingProfilePurposeType: String, Sendable, CaseIterable, JSONEnum {
    case chargePointMaxProfile = "ChargePointMaxProfile"
    case txDefaultProfile = "TxDefaultProfile"
    case txProfile = "TxProfile"

    static let names = JSONNameTable<Self>()
}
