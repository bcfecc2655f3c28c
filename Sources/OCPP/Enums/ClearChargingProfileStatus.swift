/// The answer to a ClearChargingProfile request.
///
/// The raw value is the string of the spec.
public enum ClearChargingProfileStatus: String, Sendable, CaseIterable, JSONEnum {
    case accepted = "Accepted"
    case unknown = "Unknown"

    static let names = JSONNameTable<Self>()
}
