/// The availability a ChangeAvailability request asks for.
///
/// The raw value is the string of the spec.
public enum AvailabilityType: String, Sendable, CaseIterable, JSONEnum {
    case inoperative = "Inoperative"
    case operative = "Operative"

    static let names = JSONNameTable<Self>()
}
