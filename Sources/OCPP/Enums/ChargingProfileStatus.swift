/// The answer to a SetChargingProfile request.
///
/// The raw value is the string of the spec.
public enum ChargingProfileStatus: String, Sendable, CaseIterable {
    case accepted = "Accepted"
    case rejected = "Rejected"
    case notSupported = "NotSupported"
}

extension ChargingProfileStatus: JSONEnum {
    static let names = JSONNameTable<ChargingProfileStatus>()
}
