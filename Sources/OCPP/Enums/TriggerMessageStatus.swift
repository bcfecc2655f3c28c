/// The answer to a TriggerMessage request.
///
/// The raw value is the string of the spec.
public enum TriggerMessageStatus: String, Sendable, CaseIterable, JSONEnum {
    case accepted = "Accepted"
    case rejected = "Rejected"
    case notImplemented = "NotImplemented"

    static let names = JSONNameTable<Self>()
}
