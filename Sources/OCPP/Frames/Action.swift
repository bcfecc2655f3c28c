/// The 28 actions of OCPP 1.6J; the raw value is the name a CALL carries.
public enum Action: String, Sendable, CaseIterable {
    case authorize = "Authorize"
    case bootNotification = "BootNotification"
    case cancelReservation = "CancelReservation"
    case changeAvailability = "ChangeAvailability"
    case changeConfiguration = "ChangeConfiguration"
    case clearCache = "ClearCache"
    case clearChargingProfile = "ClearChargingProfile"
    case dataTransfer = "DataTransfer"
    case diagnosticsStatusNotification = "DiagnosticsStatusNotification"
    case firmwareStatusNotification = "FirmwareStatusNotification"
    case getCompositeSchedule = "GetCompositeSchedule"
    case getConfiguration = "GetConfiguration"
    case getDiagnostics = "GetDiagnostics"
    case getLocalListVersion = "GetLocalListVersion"
    case heartbeat = "Heartbeat"
    case meterValues = "MeterValues"
    case remoteStartTransaction = "RemoteStartTransaction"
    case remoteStopTransaction = "RemoteStopTransaction"
    case reserveNow = "ReserveNow"
    case reset = "Reset"
    case sendLocalList = "SendLocalList"
    case setChargingProfile = "SetChargingProfile"
    case startTransaction = "StartTransaction"
    case statusNotification = "StatusNotification"
    case stopTransaction = "StopTransaction"
    case triggerMessage = "TriggerMessage"
    case unlockConnector = "UnlockConnector"
    case updateFirmware = "UpdateFirmware"
}

extension Action {
    /// Hashes the case, not its name: RawRepresentable's default would hash the raw value's text at each
    /// lookup of a dictionary keyed by actions (the counters of every message). A case without payload
    /// is stored as its index in declaration order (Swift's type layout), which is what is hashed.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(withUnsafeBytes(of: self) { $0[0] })
    }
}

extension Action: JSONEnum {
    static let names = JSONNameTable<Action>()
}
