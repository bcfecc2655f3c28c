import OCPP
import Testing

/// Hostile and broken bytes end in an OCPPError, never a crash or a hang.
@Suite struct MalformedInputTests {
    /// Parses a frame and, for a CALL, decodes it for both sides; returns the first error.
    private func firstError(_ bytes: [UInt8]) -> OCPPError? {
        do {
            switch try OCPPFrame(parsing: bytes) {
            case .call(let call):
                if Action.allCases.contains(call.action) {
                    do {
                        _ = try StationRequest(call)
                    } catch where error.code == .notSupported {
                        _ = try CentralSystemRequest(call)
                    }
                }
            case .callResult(let result):
                _ = try result.decode(responseTo: MeterValuesRequest.self)
            case .callError:
                break
            }
            return nil
        } catch {
            return error
        }
    }

    static let meterValuesFrame = Array((#"[2,"7","MeterValues",{"connectorId":1,"transactionId":42,"meterValue":"#
        + #"[{"timestamp":"2019-04-19T16:25:43.083+02:00","sampledValue":[{"value":"15.9","context":"Sample.Clock","#
        + #""measurand":"Current.Import","location":"Outlet","unit":"A"}]}]}]"#).utf8)

    @Test func theUntruncatedFrameIsValid() {
        #expect(firstError(Self.meterValuesFrame) == nil)
    }

    @Test func everyTruncationOfAFrameIsAnError() {
        for length in 0..<Self.meterValuesFrame.count {
            #expect(firstError(Array(Self.meterValuesFrame[..<length])) != nil, "accepted \(length) bytes")
        }
    }

    static let corpus: [(String, [UInt8])] = {
        func text(_ string: String) -> [UInt8] { Array(string.utf8) }
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let deepObject = String(repeating: #"{"a":"#, count: 10_000) + "1" + String(repeating: "}", count: 10_000)
        let megabyte = String(repeating: "x", count: 1_000_000)
        return [
            ("empty", []),
            ("whitespace", text("  \n ")),
            ("NUL bytes", [0, 0, 0]),
            ("not JSON", text("hello")),
            ("a number", text("2")),
            ("an object", text(#"{"a":1}"#)),
            ("empty array", text("[]")),
            ("only a type", text("[2]")),
            ("type as string", text(#"["2","1","Heartbeat",{}]"#)),
            ("unknown type", text(#"[9,"1","Heartbeat",{}]"#)),
            ("id as number", text(#"[2,1,"Heartbeat",{}]"#)),
            ("action as number", text(#"[2,"1",5,{}]"#)),
            ("payload as array", text(#"[2,"1","Heartbeat",[]]"#)),
            ("payload as string", text(#"[2,"1","Heartbeat","{}"]"#)),
            ("extra element", text(#"[2,"1","Heartbeat",{},{}]"#)),
            ("trailing junk", text(#"[2,"1","Heartbeat",{}] x"#)),
            ("trailing comma", text(#"[2,"1","Heartbeat",{},]"#)),
            ("unknown action", text(#"[2,"1","Dance",{}]"#)),
            ("broken payload", text(#"[2,"1","Heartbeat",{]"#)),
            ("junk in payload", text(#"[2,"1","Heartbeat",{"a":[1,{"b":null}]}]"#)),
            ("nested junk in a field", text(#"[2,"1","Authorize",{"idTag":[[[{"x":[]}]]]}]"#)),
            ("wrong types", text(#"[2,"1","StatusNotification",{"connectorId":true,"errorCode":1,"status":{}}]"#)),
            ("invalid UTF-8", [0x5B, 0x32, 0x2C, 0x22, 0xFF, 0xFE, 0x22, 0x2C, 0x22, 0x48, 0x22, 0x2C, 0x7B, 0x7D, 0x5D]),
            ("overlong UTF-8 in a value", text(#"[2,"1","Authorize",{"idTag":""#) + [0xC0, 0x80] + text(#""}]"#)),
            ("surrogate in UTF-8", text(#"[2,"1","Authorize",{"idTag":""#) + [0xED, 0xA0, 0x80] + text(#""}]"#)),
            ("truncated UTF-8", text(#"[2,"1","Authorize",{"idTag":""#) + [0xE2, 0x82] + text(#""}]"#)),
            ("lone surrogate escape", text(#"[2,"1","Authorize",{"idTag":"\ud800"}]"#)),
            ("bad escape", text(#"[2,"1","Authorize",{"idTag":"\q"}]"#)),
            ("control character", text("[2,\"1\",\"Authorize\",{\"idTag\":\"a\u{1}\"}]")),
            ("huge integer", text(#"[2,"1","UnlockConnector",{"connectorId":123456789012345678901234567890}]"#)),
            ("huge exponent", text(#"[2,"1","SetChargingProfile",{"connectorId":1,"csChargingProfiles":{"chargingProfileId":1,"stackLevel":0,"chargingProfilePurpose":"TxProfile","chargingProfileKind":"Absolute","chargingSchedule":{"chargingRateUnit":"A","chargingSchedulePeriod":[{"startPeriod":0,"limit":1e999999}]}}}]"#)),
            ("huge type", text("[99999999999999999999999,\"1\",\"Heartbeat\",{}]")),
            ("leading zero", text(#"[2,"1","UnlockConnector",{"connectorId":01}]"#)),
            ("bare minus", text(#"[2,"1","UnlockConnector",{"connectorId":-}]"#)),
            ("10,000-deep arrays", text(deep)),
            ("10,000-deep payload", text(#"[2,"1","Heartbeat","# + deepObject + "]")),
            ("10,000-deep field", text(#"[2,"1","Authorize",{"idTag":"# + deep + "}]")),
            ("10,000-deep details", text(#"[4,"1","GenericError","",{"a":"# + deep + "}]")),
            ("1 MB message id", text(#"[2,""# + megabyte + #"","Heartbeat",{}]"#)),
            ("1 MB action", text(#"[2,"1",""# + megabyte + #"",{}]"#)),
            ("1 MB idTag", text(#"[2,"1","Authorize",{"idTag":""# + megabyte + #""}]"#)),
            ("1 MB unknown key", text(#"[2,"1","Heartbeat",{""# + megabyte + #"":1}]"#)),
            ("2 MB frame", text(#"[2,"1","DataTransfer",{"vendorId":"v","data":""# + megabyte + megabyte + #""}]"#)),
            ("duplicate keys", text(#"[2,"1","Authorize",{"idTag":"a","idTag":"b"}]"#)),
            ("duplicate escaped key", text(#"[2,"1","Authorize",{"idTag":"a","id\u0054ag":"b"}]"#)),
            ("result of wrong shape", text(#"[3,"1",{"connectorId":1}]"#)),
            ("error with number code", text(#"[4,"1",5,"",{}]"#)),
            ("error without details", text(#"[4,"1","GenericError",""]"#)),
        ]
    }()

    @Test func everyInputOfTheCorpusIsAnErrorWithACode() {
        for (name, bytes) in Self.corpus {
            #expect(firstError(bytes) != nil, "\(name) was accepted")
        }
    }

    @Test func eachKindOfBreakageGetsItsCode() {
        func code(_ name: String) -> CallErrorCode? {
            firstError(Self.corpus.first { $0.0 == name }!.1)?.code
        }
        #expect(code("not JSON") == .formationViolation)
        #expect(code("invalid UTF-8") == .formationViolation)
        #expect(code("10,000-deep arrays") == .formationViolation)
        #expect(code("2 MB frame") == .formationViolation)
        #expect(code("an object") == .formationViolation)
        #expect(code("unknown type") == .protocolError)
        #expect(code("id as number") == .protocolError)
        #expect(code("unknown action") == .notImplemented)
        #expect(code("duplicate keys") == .formationViolation)
        #expect(code("huge integer") == .propertyConstraintViolation)
        #expect(code("wrong types") == .typeConstraintViolation)
        #expect(code("1 MB idTag") == .propertyConstraintViolation)
    }
}
