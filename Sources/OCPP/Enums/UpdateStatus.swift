/// The answer to a SendLocalList request.
///
/// The raw value is the string of the spec.
public enum UpdateStatus: String, Sendable, CaseIterable, JSONEnum {
    case accepted = "Accepted"
    case failed = "Failed"
    case notSupported = "NotSupported"
    case versionMismatch = "VersionMismatch"

    static let names = JSONNameTable<Self>()
}
