/// The message a TriggerMessage request asks for.
///
/// The raw value is the string of the spec.
public enum MessageTrigger: String, Sendable, CaseIterable, JSONEnum {
    case bootNotification = "BootNotification"
    case diagnosticsStatusNotification = "DiagnosticsStatusNotification"
    case firmwareStatusNotification = "FirmwareStatusNotification"
    case heartbeat = "Heartbeat"
    case meterValues = "MeterValues"
    case statusNotification = "StatusNotification"

    static let names = JSONNameTable<Self>()
}
