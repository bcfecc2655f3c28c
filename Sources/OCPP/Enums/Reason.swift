/// Why a transaction stopped.
///
/// The raw value is the string of the spec.
public enum Reason: String, Sendable, CaseIterable, JSONEnum {
    case emergencyStop = "EmergencyStop"
    case evDisconnected = "EVDisconnected"
    case hardReset = "HardReset"
    case local = "Local"
    case other = "Other"
    case powerLoss = "PowerLoss"
    case reboot = "Reboot"
    case remote = "Remote"
    case softReset = "SoftReset"
    case unlockCommand = "UnlockCommand"
    case deAuthorized = "DeAuthorized"

    static let names = JSONNameTable<Self>()
}
