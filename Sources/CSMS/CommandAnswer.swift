import OCPP

/// Reads a station's answer to a command: the payload is checked against the action's response type,
/// and its `status` (when the response has one) names the outcome.
enum CommandAnswer {
    /// The answer's status, or `Answered` for a response without one.
    /// - Throws: ``OCPP/OCPPError`` when the payload does not match the action's response.
    static func status(of action: Action, payload: JSONPayload) throws(OCPPError) -> String {
        switch action {
        case .cancelReservation: try CancelReservationResponse(decoding: payload).status.rawValue
        case .changeAvailability: try ChangeAvailabilityResponse(decoding: payload).status.rawValue
        case .changeConfiguration: try ChangeConfigurationResponse(decoding: payload).status.rawValue
        case .clearCache: try ClearCacheResponse(decoding: payload).status.rawValue
        case .clearChargingProfile: try ClearChargingProfileResponse(decoding: payload).status.rawValue
        case .dataTransfer: try DataTransferResponse(decoding: payload).status.rawValue
        case .getCompositeSchedule: try GetCompositeScheduleResponse(decoding: payload).status.rawValue
        case .remoteStartTransaction: try RemoteStartTransactionResponse(decoding: payload).status.rawValue
        case .remoteStopTransaction: try RemoteStopTransactionResponse(decoding: payload).status.rawValue
        case .reserveNow: try ReserveNowResponse(decoding: payload).status.rawValue
        case .reset: try ResetResponse(decoding: payload).status.rawValue
        case .sendLocalList: try SendLocalListResponse(decoding: payload).status.rawValue
        case .setChargingProfile: try SetChargingProfileResponse(decoding: payload).status.rawValue
        case .triggerMessage: try TriggerMessageResponse(decoding: payload).status.rawValue
        case .unlockConnector: try UnlockConnectorResponse(decoding: payload).status.rawValue
        case .getConfiguration: try answered(GetConfigurationResponse(decoding: payload))
        case .getDiagnostics: try answered(GetDiagnosticsResponse(decoding: payload))
        case .getLocalListVersion: try answered(GetLocalListVersionResponse(decoding: payload))
        case .updateFirmware: try answered(UpdateFirmwareResponse(decoding: payload))
        case .authorize, .bootNotification, .diagnosticsStatusNotification, .firmwareStatusNotification,
            .heartbeat, .meterValues, .startTransaction, .statusNotification, .stopTransaction:
            // Only stations send these; the core never has one pending.
            "Answered"
        }
    }

    private static func answered(_: some OCPPPayload) -> String { "Answered" }
}
