/// The status of a connector, or of the whole station on connector 0.
///
/// The raw value is the string of the spec.
public enum ChargePointStatus: String, Sendable, CaseIterable, JSONEnum {
    case available = "Available"
    case preparing = "Preparing"
    case charging = "Charging"
    case suspendedEVSE = "SuspendedEVSE"
    case suspendedEV = "SuspendedEV"
    case finishing = "Finishing"
    case reserved = "Reserved"
    case unavailable = "Unavailable"
    case faulted = "Faulted"

    static let names = JSONNameTable<Self>()
}
