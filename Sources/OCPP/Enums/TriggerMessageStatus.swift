/// The answer to a TriggerMessage request.
///
/// The raw value is the string of the spec.
public enum TriggerMessageStatus: String, Sendable, CaseIterable {
    case accepted = "Accepted"
    case rejected = "Rejected"
    case notImplemented = "NotImplemented"
}

extension TriggerMessageStatus: JSONEnum {
    static let names = JSONNameTable<TriggerMessageStatus>()
}
