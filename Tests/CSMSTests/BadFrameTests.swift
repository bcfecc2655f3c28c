import CSMS
import OCPP
import Testing

@Suite struct BadFrameTests {
    func error(for text: String) throws -> OCPPFrame.CallError {
        var harness = CSMSHarness()
        let station = harness.connect()
        return try harness.callError(text, from: station)
    }

    @Test func aCallCutShortIsAFormationViolationAnsweredWithItsId() throws {
        let answer = try error(for: "[2, \"1\", \"Heartbeat\", {")
        #expect(answer.code == .formationViolation)
        #expect(answer.messageId == "1")
    }

    @Test func garbageIsAnsweredWithIdMinusOne() throws {
        let answer = try error(for: "hello")
        #expect(answer.code == .formationViolation)
        #expect(answer.messageId == "-1")
    }

    @Test func aCallOfAnUnknownActionIsNotImplemented() throws {
        let answer = try error(for: #"[2,"7","FlyToTheMoon",{}]"#)
        #expect(answer.code == .notImplemented)
        #expect(answer.messageId == "7")
    }

    @Test func aCallOfAnActionOnlyStationsReceiveIsNotSupported() throws {
        let answer = try error(for: #"[2,"7","Reset",{"type":"Hard"}]"#)
        #expect(answer.code == .notSupported)
        #expect(answer.messageId == "7")
    }

    @Test func aMissingRequiredFieldIsAnOccurenceConstraintViolation() throws {
        let answer = try error(for: #"[2,"8","BootNotification",{"chargePointVendor":"Legrand"}]"#)
        #expect(answer.code == .occurenceConstraintViolation)
        #expect(answer.messageId == "8")
    }

    @Test func aFieldOfTheWrongTypeIsATypeConstraintViolation() throws {
        let answer = try error(for: #"[2,"9","StatusNotification",{"connectorId":"1","errorCode":"NoError","status":"Available"}]"#)
        #expect(answer.code == .typeConstraintViolation)
    }

    @Test func anUnknownEnumValueIsAPropertyConstraintViolation() throws {
        let answer = try error(for: #"[2,"9","StatusNotification",{"connectorId":1,"errorCode":"NoError","status":"Dancing"}]"#)
        #expect(answer.code == .propertyConstraintViolation)
    }

    @Test func anUnknownFieldIsAFormationViolation() throws {
        let answer = try error(for: #"[2,"9","Heartbeat",{"mood":"fine"}]"#)
        #expect(answer.code == .formationViolation)
    }

    @Test func aFrameThatIsNotAnArrayIsAFormationViolation() throws {
        let answer = try error(for: #"{"hello":"world"}"#)
        #expect(answer.code == .formationViolation)
        #expect(answer.messageId == "-1")
    }

    @Test func aBrokenAnswerIsNeverAnswered() {
        var harness = CSMSHarness()
        let station = harness.connect()
        #expect(harness.deliver(#"[3,"x",[]]"#, from: station).isEmpty)
        #expect(harness.deliver(#"[4,"x",5]"#, from: station).isEmpty)
    }

    @Test func callErrorsAreCountedByCode() throws {
        var harness = CSMSHarness()
        let station = harness.connect()
        _ = try harness.callError(#"[2,"1","Nope",{}]"#, from: station)
        _ = try harness.callError(#"[2,"2","Nope",{}]"#, from: station)
        _ = try harness.callError(#"[2,"3","Heartbeat",{"x":1}]"#, from: station)
        let counters = harness.csms.counterSnapshot
        #expect(counters["call_errors.NotImplemented"] == 2)
        #expect(counters["call_errors.FormationViolation"] == 1)
        #expect(counters["received.Heartbeat"] == 1)
        #expect(counters["answered.Heartbeat"] == nil)
    }
}
