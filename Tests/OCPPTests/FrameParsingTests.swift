import OCPP
import Testing

@Suite struct FrameParsingTests {
    private func parse(_ text: String) throws(OCPPError) -> OCPPFrame {
        try OCPPFrame(parsing: Array(text.utf8))
    }

    private func error(parsing text: String) -> OCPPError? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func aCallCarriesItsIdActionAndPayload() throws {
        let frame = try parse(#"[2, "19223201", "BootNotification", {"chargePointVendor": "Legrand", "chargePointModel": "059004"}]"#)
        guard case .call(let call) = frame else {
            Issue.record("not a call: \(frame)")
            return
        }
        #expect(call.messageId == "19223201")
        #expect(call.action == .bootNotification)
        let request = try BootNotificationRequest(decoding: call.payload)
        #expect(request == BootNotificationRequest(chargePointVendor: "Legrand", chargePointModel: "059004"))
    }

    @Test func aCallResultDecodesAsTheResponseOfItsRequest() throws {
        let frame = try parse(#"[3,"7",{"currentTime":"2019-04-19T16:25:43.083+02:00"}]"#)
        guard case .callResult(let result) = frame else {
            Issue.record("not a result: \(frame)")
            return
        }
        let response = try result.decode(responseTo: HeartbeatRequest.self)
        #expect(response.currentTime == OCPPDateTime(millisecondsSinceEpoch: 1_555_683_943_083, utcOffsetMinutes: 120))
    }

    @Test func aCallErrorCarriesItsCodeDescriptionAndDetails() throws {
        let frame = try parse(#"[4,"7","OccurenceConstraintViolation","idTag missing",{"a":1}]"#)
        guard case .callError(let error) = frame else {
            Issue.record("not parsed as a CALLERROR")
            return
        }
        #expect(error.messageId == "7" && error.code == .occurenceConstraintViolation)
        #expect(error.description == "idTag missing")
        #expect(error.details == (try JSONPayload(validating: Array(#"{"a":1}"#.utf8))))
    }

    @Test func anUnknownActionIsNotImplementedAndKeepsTheMessageId() {
        let error = error(parsing: #"[2,"abc","Dance",{}]"#)
        #expect(error?.code == .notImplemented)
        #expect(error?.messageId == "abc")
    }

    @Test func textThatIsNotJSONIsAFormationViolation() {
        #expect(error(parsing: #"[2,"abc","Heartbeat",{]"#)?.code == .formationViolation)
    }

    @Test func jsonThatIsNotAnArrayIsAFormationViolation() {
        #expect(error(parsing: #"{"hello":1}"#)?.code == .formationViolation)
        #expect(error(parsing: #"42"#)?.code == .formationViolation)
    }

    @Test func anArrayThatIsNotAFrameIsAProtocolError() {
        #expect(error(parsing: #"[5,"abc",{}]"#)?.code == .protocolError)
        #expect(error(parsing: #"[2,"abc","Heartbeat"]"#)?.code == .protocolError)
    }

    @Test func textThatIsNotJSONIsAFormationViolationWhateverItsActionAndFields() {
        // The whole text is read as JSON before the action and the payload's fields are looked at.
        for text in [#"[2,"abc","Dance",{]"#, #"[2,"abc","Reset",{} x}]"#, #"[2,"abc","Reset",{}] x"#] {
            let error = error(parsing: text)
            #expect(error?.code == .formationViolation, "\(text)")
            #expect(error?.messageId == "abc", "\(text)")
        }
    }

    @Test func aMissingOrExtraElementIsAProtocolErrorWhateverItsType() {
        for text in [
            #"[2,"abc","Heartbeat",{},{}]"#, #"[2,"abc","Heartbeat",{},1]"#, #"[2,"abc","Heartbeat",{},"x"]"#,
            #"[2,"abc","Heartbeat"]"#, #"[3,"abc",{},{}]"#, #"[3,"abc"]"#, #"[4,"abc","GenericError","",{},{}]"#,
            #"[4,"abc","GenericError",""]"#,
        ] {
            let error = error(parsing: text)
            #expect(error?.code == .protocolError, "\(text)")
            #expect(error?.messageId == "abc", "\(text)")
        }
    }

    @Test func theActionIsCheckedBeforeThePayload() {
        #expect(error(parsing: #"[2,"abc","Dance",[]]"#)?.code == .notImplemented)
        #expect(error(parsing: #"[2,"abc","Heartbeat",[]]"#)?.code == .formationViolation)
    }

    @Test func aUniqueIdLongerThan36CharactersIsAProtocolErrorNotToBeAnswered() {
        let shape = error(parsing: #"[2,"1234567890123456789012345678901234567","Heartbeat",{}]"#)
        #expect(shape?.code == .protocolError)
        #expect(shape?.messageId == nil)
        #expect(error(parsing: #"[2,"1234567890123456789012345678901234567","Heartbeat",{]"#)?.messageId == nil)
    }

    @Test func aMessageTypeIdOutsideInt32IsAProtocolError() {
        #expect(error(parsing: #"[4294967298,"abc",{}]"#)?.code == .protocolError)
    }

    @Test func encodedFramesParseBack() throws {
        var buffer: [UInt8] = []
        OCPPFrame.encodeCall(messageId: "1", HeartbeatRequest(), into: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == #"[2,"1","Heartbeat",{}]"#)
        guard case .call(let call) = try OCPPFrame(parsing: buffer) else {
            Issue.record("not parsed as a CALL")
            return
        }
        #expect(call.messageId == "1" && call.action == .heartbeat && call.payload == .emptyObject)
    }
}
