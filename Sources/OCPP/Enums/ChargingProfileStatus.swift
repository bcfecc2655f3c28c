/// The answer to a SetChargingProfile request.
///
/// The raw value is the string of the spec.
public enum ChargingProfileStatus: String, Sendable, CaseIterable, JSONEnum {
    case accepted = "Accepted"
    case rejected = "Rejected"
    case notSupported = "NotSupported"

    static let names = JSONNameTable<Self>()
}
