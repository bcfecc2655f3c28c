/// The answer to a RemoteStartTransaction or RemoteStopTransaction request.
///
/// The raw value is the string of the spec.
public enum RemoteStartStopStatus: String, Sendable, CaseIterable, JSONEnum {
    case accepted = "Accepted"
    case rejected = "Rejected"

    static let names = JSONNameTable<Self>()
}
