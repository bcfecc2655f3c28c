/// The 28 actions of OCPP 1.6J; the raw value is the name a CALL carries.
public enum Action: String, Sendable, CaseIterable, JSONEnum {
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

    static let names = JSONNameTable<Self>()
}

extension Action {
    /// Hashes the case, not its name: RawRepresentable's default would hash the raw value's text at each
    /// lookup of a dictionary keyed by actions (the counters of every message).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(ordinal)
    }

    /// The case's place in declaration order. The compiler turns this switch into the case's stored tag,
    /// which is that same number: it costs what reading the tag's byte would, with no unsafe pointer.
    public var ordinal: UInt8 {
        switch self {
        case .authorize: 0
        case .bootNotification: 1
        case .cancelReservation: 2
        case .changeAvailability: 3
        case .changeConfiguration: 4
        case .clearCache: 5
        case .clearChargingProfile: 6
        case .dataTransfer: 7
        case .diagnosticsStatusNotification: 8
        case .firmwareStatusNotification: 9
        case .getCompositeSchedule: 10
        case .getConfiguration: 11
        case .getDiagnostics: 12
        case .getLocalListVersion: 13
        case .heartbeat: 14
        case .meterValues: 15
        case .remoteStartTransaction: 16
        case .remoteStopTransaction: 17
        case .reserveNow: 18
        case .reset: 19
        case .sendLocalList: 20
        case .setChargingProfile: 21
        case .startTransaction: 22
        case .statusNotification: 23
        case .stopTransaction: 24
        case .triggerMessage: 25
        case .unlockConnector: 26
        case .updateFirmware: 27
        }
    }
}
