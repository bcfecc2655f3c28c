import OCPP

/// Every request type of OCPP 1.6J, by the action a CALL of it names.
let requestTypes: [Action: any OCPPRequest.Type] = {
    let types: [any OCPPRequest.Type] = [
        AuthorizeRequest.self, BootNotificationRequest.self, CancelReservationRequest.self,
        ChangeAvailabilityRequest.self, ChangeConfigurationRequest.self, ClearCacheRequest.self,
        ClearChargingProfileRequest.self, DataTransferRequest.self, DiagnosticsStatusNotificationRequest.self,
        FirmwareStatusNotificationRequest.self, GetCompositeScheduleRequest.self, GetConfigurationRequest.self,
        GetDiagnosticsRequest.self, GetLocalListVersionRequest.self, HeartbeatRequest.self, MeterValuesRequest.self,
        RemoteStartTransactionRequest.self, RemoteStopTransactionRequest.self, ReserveNowRequest.self,
        ResetRequest.self, SendLocalListRequest.self, SetChargingProfileRequest.self, StartTransactionRequest.self,
        StatusNotificationRequest.self, StopTransactionRequest.self, TriggerMessageRequest.self,
        UnlockConnectorRequest.self, UpdateFirmwareRequest.self,
    ]
    precondition(types.count == Action.allCases.count, "a request type is missing")
    return Dictionary(uniqueKeysWithValues: types.map { ($0.action, $0) })
}()

/// Stops the fuzzer with the text that shows a broken promise of the code under test.
func fail(_ what: String, _ text: [UInt8]) -> Never {
    fatalError("\(what): \(String(decoding: text.prefix(2000), as: UTF8.self))")
}

/// Parses what the code under test wrote, which must be a frame.
func reparse(_ text: [UInt8]) -> OCPPFrame {
    do {
        return try OCPPFrame(parsing: text)
    } catch {
        fail("what was written does not parse (\(error))", text)
    }
}

extension OCPPRequest {
    /// Whether a CALLRESULT decodes as this request's response.
    static func acceptsResponse(_ result: OCPPFrame.CallResult) -> Bool {
        (try? result.decode(responseTo: Self.self)) != nil
    }

    /// Decodes a CALLRESULT as this request's response and checks that it writes and reads back equal.
    static func checkResponseRoundTrip(_ result: OCPPFrame.CallResult) {
        guard let response = try? result.decode(responseTo: Self.self) else { return }
        var text: [UInt8] = []
        OCPPFrame.encodeCallResult(messageId: result.messageId, response, into: &text)
        guard case .callResult(let again) = reparse(text) else { fail("not a CALLRESULT", text) }
        guard (try? again.decode(responseTo: Self.self)) == response else { fail("decoded back different", text) }
    }
}
