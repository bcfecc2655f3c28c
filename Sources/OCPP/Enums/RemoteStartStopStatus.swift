/// The answer to a RemoteStartTransaction or RemoteStopTransaction request.
///
/// The raw value is the string of the spec.
public enum RemoteStartStopStatus: String, Sendable, CaseIterable {
    case accepted = "Accepted"
    case rejected = "Rejected"
}

extension RemoteStartStopStatus: JSONEnum {
    static let names = JSONNameTable<RemoteStartStopStatus>()
}
