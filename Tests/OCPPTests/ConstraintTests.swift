import OCPP
import Testing

/// Each constraint of the official schemas, broken once, gives the CallError code OCPP-J 1.6 §4.2.3 names.
@Suite struct ConstraintTests {
    struct Case: CustomStringConvertible, Sendable {
        let json: String
        let code: CallErrorCode
        let field: String
        var description: String { json }
    }

    static let startTransactionCases: [Case] = [
        Case(json: #"{"connectorId":1,"meterStart":0,"timestamp":"2019-04-19T16:25:43Z"}"#,
             code: .occurenceConstraintViolation, field: "idTag"),
        Case(json: #"{"connectorId":"1","idTag":"A","meterStart":0,"timestamp":"2019-04-19T16:25:43Z"}"#,
             code: .typeConstraintViolation, field: "connectorId"),
        Case(json: #"{"connectorId":1,"idTag":"A","meterStart":1.5,"timestamp":"2019-04-19T16:25:43Z"}"#,
             code: .typeConstraintViolation, field: "meterStart"),
        Case(json: #"{"connectorId":1,"idTag":"A","meterStart":1.0,"timestamp":"2019-04-19T16:25:43Z"}"#,
             code: .typeConstraintViolation, field: "meterStart"),
        Case(json: #"{"connectorId":1,"idTag":"123456789012345678901","meterStart":0,"timestamp":"2019-04-19T16:25:43Z"}"#,
             code: .propertyConstraintViolation, field: "idTag"),
        Case(json: #"{"connectorId":1,"idTag":"A","meterStart":0,"timestamp":"2019-13-19T16:25:43Z"}"#,
             code: .typeConstraintViolation, field: "timestamp"),
        Case(json: #"{"connectorId":1,"idTag":"A","meterStart":0,"timestamp":"2019-04-19T16:25:43"}"#,
             code: .typeConstraintViolation, field: "timestamp"),
        Case(json: #"{"connectorId":1,"idTag":"A","meterStart":0,"timestamp":"2019-04-19T16:25:43Z","extra":1}"#,
             code: .formationViolation, field: "extra"),
        Case(json: #"{"connectorId":1,"connectorId":2,"idTag":"A","meterStart":0,"timestamp":"2019-04-19T16:25:43Z"}"#,
             code: .formationViolation, field: "connectorId"),
        Case(json: #"{"connectorId":1,"idTag":"A","meterStart":0,"reservationId":null,"timestamp":"2019-04-19T16:25:43Z"}"#,
             code: .typeConstraintViolation, field: "reservationId"),
        Case(json: #"{"connectorId":99999999999999999999,"idTag":"A","meterStart":0,"timestamp":"2019-04-19T16:25:43Z"}"#,
             code: .propertyConstraintViolation, field: "connectorId"),
        Case(json: #"["connectorId"]"#, code: .formationViolation, field: ""),
    ]

    @Test(arguments: startTransactionCases)
    func aBrokenStartTransactionGivesTheCodeOfItsViolation(_ broken: Case) {
        do {
            _ = try StartTransactionRequest(decodingJSON: Array(broken.json.utf8))
            Issue.record("accepted \(broken.json)")
        } catch {
            #expect(error.code == broken.code, "\(error)")
            #expect(error.field == broken.field, "\(error)")
        }
    }

    static let otherCases: [(String, Case)] = [
        ("status", Case(json: #"{"connectorId":1,"errorCode":"NoError","status":"Charging!"}"#,
                        code: .propertyConstraintViolation, field: "status")),
        ("meterValue", Case(json: #"{"connectorId":1,"meterValue":[]}"#,
                            code: .occurenceConstraintViolation, field: "meterValue")),
        ("sampledValue", Case(
            json: #"{"connectorId":1,"meterValue":[{"timestamp":"2019-04-19T16:25:43Z","sampledValue":[]}]}"#,
            code: .occurenceConstraintViolation, field: "meterValue[0].sampledValue")),
        ("unit", Case(
            json: #"{"connectorId":1,"meterValue":[{"timestamp":"2019-04-19T16:25:43Z","sampledValue":[{"value":"1"},{"value":"2","unit":"Volt"}]}]}"#,
            code: .propertyConstraintViolation, field: "meterValue[0].sampledValue[1].unit")),
        ("hertz", Case(
            json: #"{"meterStop":1,"timestamp":"2019-04-19T16:25:43Z","transactionId":1,"transactionData":[{"timestamp":"2019-04-19T16:25:43Z","sampledValue":[{"value":"50","unit":"Hertz"}]}]}"#,
            code: .propertyConstraintViolation, field: "transactionData[0].sampledValue[0].unit")),
        ("limit", Case(
            json: #"{"connectorId":1,"csChargingProfiles":{"chargingProfileId":1,"stackLevel":0,"chargingProfilePurpose":"TxDefaultProfile","chargingProfileKind":"Absolute","chargingSchedule":{"chargingRateUnit":"A","chargingSchedulePeriod":[{"startPeriod":0,"limit":10.05}]}}}"#,
            code: .propertyConstraintViolation, field: "csChargingProfiles.chargingSchedule.chargingSchedulePeriod[0].limit")),
        ("location", Case(json: #"{"location":"no scheme here"}"#, code: .propertyConstraintViolation, field: "location")),
        ("key", Case(json: #"{"key":["HeartbeatInterval",3]}"#, code: .typeConstraintViolation, field: "key[1]")),
    ]

    @Test func eachViolationInOtherMessagesGivesItsCodeAndPath() {
        for (name, broken) in Self.otherCases {
            let bytes = Array(broken.json.utf8)
            let result: OCPPError?
            do {
                switch name {
                case "status": _ = try StatusNotificationRequest(decodingJSON: bytes)
                case "meterValue", "sampledValue", "unit": _ = try MeterValuesRequest(decodingJSON: bytes)
                case "hertz": _ = try StopTransactionRequest(decodingJSON: bytes)
                case "limit": _ = try SetChargingProfileRequest(decodingJSON: bytes)
                case "location": _ = try GetDiagnosticsRequest(decodingJSON: bytes)
                default: _ = try GetConfigurationRequest(decodingJSON: bytes)
                }
                result = nil
            } catch {
                result = error
            }
            #expect(result?.code == broken.code, "\(name): \(String(describing: result))")
            #expect(result?.field == broken.field, "\(name): \(String(describing: result))")
        }
    }

    @Test func ciStringLengthsCountCharactersNotBytes() throws {
        let twentyAccents = String(repeating: "é", count: 20)
        let request = try AuthorizeRequest(decodingJSON: Array("{\"idTag\":\"\(twentyAccents)\"}".utf8))
        #expect(request.idTag == twentyAccents)
        #expect(throws: OCPPError.self) {
            try AuthorizeRequest(decodingJSON: Array("{\"idTag\":\"\(twentyAccents)é\"}".utf8))
        }
    }

    @Test func aRequestSentToTheWrongSideIsNotSupportedAndAnswersItsMessageId() throws {
        guard case .call(let call) = try OCPPFrame(parsing: Array(#"[2,"m1","Reset",{"type":"Hard"}]"#.utf8)) else {
            Issue.record("not a call")
            return
        }
        #expect(try CentralSystemRequest(call) == .reset(ResetRequest(type: .hard)))
        #expect(throws: OCPPError(code: .notSupported, messageId: "m1", field: "Action",
                                  reason: "'Reset' is sent to a station")) {
            try StationRequest(call)
        }
    }

    @Test func aPayloadErrorFromADispatchedCallCarriesTheMessageId() throws {
        guard case .call(let call) = try OCPPFrame(parsing: Array(#"[2,"m2","Authorize",{}]"#.utf8)) else {
            Issue.record("not a call")
            return
        }
        do {
            _ = try StationRequest(call)
            Issue.record("accepted an Authorize without idTag")
        } catch {
            #expect(error.code == .occurenceConstraintViolation)
            #expect(error.messageId == "m2")
        }
    }

    @Test func aPeersFormatViolationReadsAsFormationViolation() throws {
        let frame = try OCPPFrame(parsing: Array(#"[4,"m3","FormatViolation","bad",{}]"#.utf8))
        guard case .callError(let error) = frame else {
            Issue.record("not a call error")
            return
        }
        #expect(error.code == .formationViolation)
    }
}
