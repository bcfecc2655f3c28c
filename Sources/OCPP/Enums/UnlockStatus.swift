/// The answer to an UnlockConnector request.
///
/// The raw value is the string of the spec.
public enum UnlockStatus: String, Sendable, CaseIterable {
    case unlocked = "Unlocked"
    case unlockFailed = "UnlockFailed"
    case notSupported = "NotSupported"
}

extension UnlockStatus: JSONEnum {
    static let names = JSONNameTable<UnlockStatus>()
}
