/// The answer to a GetCompositeSchedule request.
///
/// The raw value is the string of the spec.
public enum GetCompositeScheduleStatus: String, Sendable, CaseIterable {
    case accepted = "Accepted"
    case rejected = "Rejected"
}

extension GetCompositeScheduleStatus: JSONEnum {
    static let names = JSONNameTable<GetCompositeScheduleStatus>()
}
