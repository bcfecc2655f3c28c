/// A request the CSMS sends to a station, decoded by its action.
public enum CentralSystemRequest: Sendable, Equatable {
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
    public init(_ call: OCPPFrame.Call) throws(OCPPError) {
        do {
            try self.init(action: call.action, payload: call.payload)
        } catch {
            throw error.answering(call.messageId)
        }
    }

    /// Decodes the payload of a request of `action`.
    public init(action: Action, payload: JSONPayload) throws(OCPPError) {
        switch action {
        case .cancelReservation: self = .cancelReservation(try CancelReservationRequest(decoding: payload))
        case .changeAvailability: self = .changeAvailability(try ChangeAvailabilityRequest(decoding: payload))
        case .changeConfiguration: self = .changeConfiguration(try ChangeConfigurationRequest(decoding: payload))
        case .clearCache: self = .clearCache(try ClearCacheRequest(decoding: payload))
        case .clearChargingProfile: self = .clearChargingProfile(try ClearChargingProfileRequest(decoding: payload))
        case .dataTransfer: self = .dataTransfer(try DataTransferRequest(decoding: payload))
        case .getCompositeSchedule: self = .getCompositeSchedule(try GetCompositeScheduleRequest(decoding: payload))
        case .getConfiguration: self = .getConfiguration(try GetConfigurationRequest(decoding: payload))
        case .getDiagnostics: self = .getDiagnostics(try GetDiagnosticsRequest(decoding: payload))
        case .getLocalListVersion: self = .getLocalListVersion(try GetLocalListVersionRequest(decoding: payload))
        case .remoteStartTransaction: self = .remoteStartTransaction(try RemoteStartTransactionRequest(decoding: payload))
        case .remoteStopTransaction: self = .remoteStopTransaction(try RemoteStopTransactionRequest(decoding: payload))
        case .reserveNow: self = .reserveNow(try ReserveNowRequest(decoding: payload))
        case .reset: self = .reset(try ResetRequest(decoding: payload))
        case .sendLocalList: self = .sendLocalList(try SendLocalListRequest(decoding: payload))
        case .setChargingProfile: self = .setChargingProfile(try SetChargingProfileRequest(decoding: payload))
        case .triggerMessage: self = .triggerMessage(try TriggerMessageRequest(decoding: payload))
        case .unlockConnector: self = .unlockConnector(try UnlockConnectorRequest(decoding: payload))
        case .updateFirmware: self = .updateFirmware(try UpdateFirmwareRequest(decoding: payload))
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
