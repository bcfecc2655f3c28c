/// A request the CSMS sends to a station, decoded by its action.
public enum CentralSystemRequest: Sendable, Equatable, ActionDecodable {
    /// CancelReservation.
    case cancelReservation(CancelReservationRequest)
    /// ChangeAvailability.
    case changeAvailability(ChangeAvailabilityRequest)
    /// ChangeConfiguration.
    case changeConfiguration(ChangeConfigurationRequest)
    /// ClearCache.
    case clearCache(ClearCacheRequest)
    /// ClearChargingProfile.
    case clearChargingProfile(ClearChargingProfileRequest)
    /// DataTransfer.
    case dataTransfer(DataTransferRequest)
    /// GetCompositeSchedule.
    case getCompositeSchedule(GetCompositeScheduleRequest)
    /// GetConfiguration.
    case getConfiguration(GetConfigurationRequest)
    /// GetDiagnostics.
    case getDiagnostics(GetDiagnosticsRequest)
    /// GetLocalListVersion.
    case getLocalListVersion(GetLocalListVersionRequest)
    /// RemoteStartTransaction.
    case remoteStartTransaction(RemoteStartTransactionRequest)
    /// RemoteStopTransaction.
    case remoteStopTransaction(RemoteStopTransactionRequest)
    /// ReserveNow.
    case reserveNow(ReserveNowRequest)
    /// Reset.
    case reset(ResetRequest)
    /// SendLocalList.
    case sendLocalList(SendLocalListRequest)
    /// SetChargingProfile.
    case setChargingProfile(SetChargingProfileRequest)
    /// TriggerMessage.
    case triggerMessage(TriggerMessageRequest)
    /// UnlockConnector.
    case unlockConnector(UnlockConnectorRequest)
    /// UpdateFirmware.
    case updateFirmware(UpdateFirmwareRequest)

    /// Decodes the request of a CALL.
    /// - Throws: ``OCPPError`` carrying the CALL's message id: ``CallErrorCode/notSupported`` for
    ///   an action that only the CSMS receives, else the code of the payload's first violation.
    public init(_ call: OCPPFrame.Call) throws(OCPPError) { try self.init(decoding: call) }

    /// Decodes the request of a CALL read in place.
    /// - Throws: ``OCPPError`` carrying the CALL's message id, as for an ``OCPPFrame/Call``;
    ///   ``CallErrorCode/protocolError`` when the frame is no CALL.
    public init(_ frame: OCPPFrame.Borrowed) throws(OCPPError) { try self.init(decoding: frame) }

    init(action: Action, text: some PayloadText) throws(OCPPError) {
        switch action {
        case .cancelReservation: self = .cancelReservation(try text.decode(CancelReservationRequest.self))
        case .changeAvailability: self = .changeAvailability(try text.decode(ChangeAvailabilityRequest.self))
        case .changeConfiguration: self = .changeConfiguration(try text.decode(ChangeConfigurationRequest.self))
        case .clearCache: self = .clearCache(try text.decode(ClearCacheRequest.self))
        case .clearChargingProfile: self = .clearChargingProfile(try text.decode(ClearChargingProfileRequest.self))
        case .dataTransfer: self = .dataTransfer(try text.decode(DataTransferRequest.self))
        case .getCompositeSchedule: self = .getCompositeSchedule(try text.decode(GetCompositeScheduleRequest.self))
        case .getConfiguration: self = .getConfiguration(try text.decode(GetConfigurationRequest.self))
        case .getDiagnostics: self = .getDiagnostics(try text.decode(GetDiagnosticsRequest.self))
        case .getLocalListVersion: self = .getLocalListVersion(try text.decode(GetLocalListVersionRequest.self))
        case .remoteStartTransaction: self = .remoteStartTransaction(try text.decode(RemoteStartTransactionRequest.self))
        case .remoteStopTransaction: self = .remoteStopTransaction(try text.decode(RemoteStopTransactionRequest.self))
        case .reserveNow: self = .reserveNow(try text.decode(ReserveNowRequest.self))
        case .reset: self = .reset(try text.decode(ResetRequest.self))
        case .sendLocalList: self = .sendLocalList(try text.decode(SendLocalListRequest.self))
        case .setChargingProfile: self = .setChargingProfile(try text.decode(SetChargingProfileRequest.self))
        case .triggerMessage: self = .triggerMessage(try text.decode(TriggerMessageRequest.self))
        case .unlockConnector: self = .unlockConnector(try text.decode(UnlockConnectorRequest.self))
        case .updateFirmware: self = .updateFirmware(try text.decode(UpdateFirmwareRequest.self))
        default:
            throw OCPPError(code: .notSupported, field: "Action", reason: "'\(action.rawValue)' is sent to the CSMS")
        }
    }

    /// The action of the request.
    public var action: Action {
        switch self {
        case .cancelReservation: .cancelReservation
        case .changeAvailability: .changeAvailability
        case .changeConfiguration: .changeConfiguration
        case .clearCache: .clearCache
        case .clearChargingProfile: .clearChargingProfile
        case .dataTransfer: .dataTransfer
        case .getCompositeSchedule: .getCompositeSchedule
        case .getConfiguration: .getConfiguration
        case .getDiagnostics: .getDiagnostics
        case .getLocalListVersion: .getLocalListVersion
        case .remoteStartTransaction: .remoteStartTransaction
        case .remoteStopTransaction: .remoteStopTransaction
        case .reserveNow: .reserveNow
        case .reset: .reset
        case .sendLocalList: .sendLocalList
        case .setChargingProfile: .setChargingProfile
        case .triggerMessage: .triggerMessage
        case .unlockConnector: .unlockConnector
        case .updateFirmware: .updateFirmware
        }
    }

    /// Appends the CALL that carries this request to `buffer`.
    public func encodeCall(messageId: String, into buffer: inout [UInt8]) {
        switch self {
        case .cancelReservation(let request): OCPPFrame.encodeCall(messageId: messageId, request, into: &buffer)
        case .changeAvailability(let request): OCPPFrame.encodeCall(messageId: messageId, request, into: &buffer)
        case .changeConfiguration(let request): OCPPFrame.encodeCall(messageId: messageId, request, into: &buffer)
        case .clearCache(let request): OCPPFrame.encodeCall(messageId: messageId, request, into: &buffer)
        case .clearChargingProfile(let request): OCPPFrame.encodeCall(messageId: messageId, request, into: &buffer)
        case .dataTransfer(let request): OCPPFrame.encodeCall(messageId: messageId, request, into: &buffer)
        case .getCompositeSchedule(let request): OCPPFrame.encodeCall(messageId: messageId, request, into: &buffer)
        case .getConfiguration(let request): OCPPFrame.encodeCall(messageId: messageId, request, into: &buffer)
        case .getDiagnostics(let request): OCPPFrame.encodeCall(messageId: messageId, request, into: &buffer)
        case .getLocalListVersion(let request): OCPPFrame.encodeCall(messageId: messageId, request, into: &buffer)
        case .remoteStartTransaction(let request): OCPPFrame.encodeCall(messageId: messageId, request, into: &buffer)
        case .remoteStopTransaction(let request): OCPPFrame.encodeCall(messageId: messageId, request, into: &buffer)
        case .reserveNow(let request): OCPPFrame.encodeCall(messageId: messageId, request, into: &buffer)
        case .reset(let request): OCPPFrame.encodeCall(messageId: messageId, request, into: &buffer)
        case .sendLocalList(let request): OCPPFrame.encodeCall(messageId: messageId, request, into: &buffer)
        case .setChargingProfile(let request): OCPPFrame.encodeCall(messageId: messageId, request, into: &buffer)
        case .triggerMessage(let request): OCPPFrame.encodeCall(messageId: messageId, request, into: &buffer)
        case .unlockConnector(let request): OCPPFrame.encodeCall(messageId: messageId, request, into: &buffer)
        case .updateFirmware(let request): OCPPFrame.encodeCall(messageId: messageId, request, into: &buffer)
        }
    }
}
