/// The availability a ChangeAvailability request asks for.
///
/// The raw value is the string of the spec.
public enum AvailabilityType: String, Sendable, CaseIterable {
    case inoperative = "Inoperative"
    case operative = "Operative"
}

extension AvailabilityType: JSONEnum {
    static let names = JSONNameTable<AvailabilityType>()
}
