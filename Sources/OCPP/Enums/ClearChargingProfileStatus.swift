/// The answer to a ClearChargingProfile request.
///
/// The raw value is the string of the spec.
public enum ClearChargingProfileStatus: String, Sendable, CaseIterable {
    case accepted = "Accepted"
    case unknown = "Unknown"
}

extension ClearChargingProfileStatus: JSONEnum {
    static let names = JSONNameTable<ClearChargingProfileStatus>()
}
