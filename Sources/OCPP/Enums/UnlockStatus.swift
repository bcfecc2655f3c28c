/// The answer to an UnlockConnector request.
///
/// The raw value is the string of the spec.
public enum UnlockStatus: String, Sendable, CaseIterable, JSONEnum {
    case unlocked = "Unlocked"
    case unlockFailed = "UnlockFailed"
    case notSupported = "NotSupported"

    static let names = JSONNameTable<Self>()
}
