/// The answer to a GetCompositeSchedule request.
///
/// The raw value is the string of the spec.
public enum GetCompositeScheduleStatus: String, Sendable, CaseIterable, JSONEnum {
    case accepted = "Accepted"
    case rejected = "Rejected"

    static let names = JSONNameTable<Self>()
}
