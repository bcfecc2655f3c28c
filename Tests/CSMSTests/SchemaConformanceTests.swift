import CSMS
import Foundation
import OCPP
import TestSupport
import Testing

/// Every kind of frame the core emits, checked by the official OCPP 1.6 JSON schemas (the Python `ocpp`
/// package's copy) in one Python run.
@Suite struct SchemaConformanceTests {
    /// A frame and the action it belongs to (the CALL it answers, for a CALLRESULT or CALLERROR).
    struct Emitted {
        let action: String
        let frame: [UInt8]
    }

    static let now: Int64 = 1_700_000_000_000

    /// Drives one station through every station → CSMS message, every badge outcome and every bad frame,
    /// and fails one call on purpose.
    static func answers() throws -> [Emitted] {
        let badges = BadgeList([
            .valid("VALID", expiryDate: now + 3_600_000, parentIdTag: "PARENT"),
            .expired("EXPIRED", expiryDate: now - 1),
            .blocked("BLOCKED"),
        ])
        var harness = CSMSHarness(CSMSConfiguration(
            heartbeatInterval: 60, badges: badges))
        harness.now = now
        let station = harness.connect()
        let time = OCPPDateTime(millisecondsSinceEpoch: now, utcOffsetMinutes: 120)
        let calls: [StationRequest] = [
            .bootNotification(BootNotificationRequest(
                chargePointVendor: "Legrand", chargePointModel: "GreenUp", firmwareVersion: "1.0")),
            .heartbeat(HeartbeatRequest()),
            .authorize(AuthorizeRequest(idTag: "VALID")),
            .authorize(AuthorizeRequest(idTag: "EXPIRED")),
            .authorize(AuthorizeRequest(idTag: "BLOCKED")),
            .authorize(AuthorizeRequest(idTag: "UNKNOWN")),
            .startTransaction(StartTransactionRequest(connectorId: 1, idTag: "VALID", meterStart: 0, timestamp: time)),
            .statusNotification(StatusNotificationRequest(connectorId: 1, errorCode: .noError, status: .charging)),
            .meterValues(MeterValuesRequest(
                connectorId: 1, transactionId: 1,
                meterValue: [MeterValue(timestamp: time, sampledValue: [
                    SampledValue(value: "1500", context: .samplePeriodic, measurand: .energyActiveImportRegister,
                                 unit: .wh),
                ])])),
            .stopTransaction(StopTransactionRequest(idTag: "VALID", meterStop: 1500, timestamp: time, transactionId: 1)),
            .stopTransaction(StopTransactionRequest(meterStop: 1500, timestamp: time, transactionId: 99)),
            .dataTransfer(DataTransferRequest(vendorId: "Legrand", data: "x")),
            .diagnosticsStatusNotification(DiagnosticsStatusNotificationRequest(status: .uploaded)),
            .firmwareStatusNotification(FirmwareStatusNotificationRequest(status: .installed)),
        ]
        var emitted: [Emitted] = []
        for (number, request) in calls.enumerated() {
            var frame: [UInt8] = []
            request.encodeCall(messageId: "\(number)", into: &frame)
            emitted += harness.deliver(String(decoding: frame, as: UTF8.self), from: station)
                .compactMap(\CSMSEffect.frame).map { Emitted(action: request.action.rawValue, frame: $0.bytes) }
        }
        let badFrames = [
            ("Heartbeat", "not json"),
            ("Heartbeat", #"{"a":1}"#),
            ("Heartbeat", #"[2,"b7","Heartbeat"]"#),
            ("Heartbeat", #"[2,"b1","Heartbeat",{"extra":true}]"#),
            ("Reset", #"[2,"b2","Reset",{"type":"Soft"}]"#),
            ("Fly", #"[2,"b3","Fly",{}]"#),
            ("BootNotification", #"[2,"b4","BootNotification",{"chargePointModel":"x"}]"#),
            ("StatusNotification", #"[2,"b5","StatusNotification",{"connectorId":"1","errorCode":"NoError","status":"Available"}]"#),
            ("Authorize", #"[2,"b6","Authorize",{"idTag":"ABCDEFGHIJKLMNOPQRSTUVWXYZ"}]"#),
        ]
        for (action, text) in badFrames {
            emitted += harness.deliver(text, from: station).compactMap(\CSMSEffect.frame)
                .map { Emitted(action: action, frame: $0.bytes) }
        }
        var failing = CSMSHarness(CSMSConfiguration(faults: FaultPlan(internalErrorShare: 1)))
        let failed = failing.connect()
        emitted += failing.deliver(#"[2,"f1","Heartbeat",{}]"#, from: failed).compactMap(\CSMSEffect.frame)
            .map { Emitted(action: "Heartbeat", frame: $0.bytes) }
        return emitted
    }

    /// Sends one command of each kind a profile can ask for.
    static func commands() -> [Emitted] {
        var harness = CSMSHarness()
        let time = OCPPDateTime(millisecondsSinceEpoch: now)
        let profile = ChargingProfile(
            chargingProfileId: 1, stackLevel: 0, chargingProfilePurpose: .txDefaultProfile,
            chargingProfileKind: .absolute, validFrom: time,
            chargingSchedule: ChargingSchedule(
                duration: 3600, startSchedule: time, chargingRateUnit: .a,
                chargingSchedulePeriod: [ChargingSchedulePeriod(startPeriod: 0, limit: 16.5)]))
        let commands: [CentralSystemRequest] = [
            .remoteStartTransaction(RemoteStartTransactionRequest(connectorId: 1, idTag: "VALID", chargingProfile:
                ChargingProfile(chargingProfileId: 2, stackLevel: 1, chargingProfilePurpose: .txProfile,
                                chargingProfileKind: .relative, chargingSchedule: profile.chargingSchedule))),
            .remoteStopTransaction(RemoteStopTransactionRequest(transactionId: 1)),
            .setChargingProfile(SetChargingProfileRequest(connectorId: 0, csChargingProfiles: profile)),
            .clearChargingProfile(ClearChargingProfileRequest(id: 1)),
            .reset(ResetRequest(type: .hard)),
            .changeConfiguration(ChangeConfigurationRequest(key: "MeterValueSampleInterval", value: "60")),
            .getConfiguration(GetConfigurationRequest(key: ["HeartbeatInterval"])),
            .triggerMessage(TriggerMessageRequest(requestedMessage: .statusNotification, connectorId: 1)),
            .updateFirmware(UpdateFirmwareRequest(location: "https://example.invalid/fw.bin", retrieveDate: time)),
            .changeAvailability(ChangeAvailabilityRequest(connectorId: 0, type: .inoperative)),
            .unlockConnector(UnlockConnectorRequest(connectorId: 1)),
        ]
        var emitted: [Emitted] = []
        for command in commands {
            let station = harness.connect("GU-\(command.action.rawValue)")
            harness.effects.removeAll()
            harness.csms.send(command, to: station, now: now, into: &harness.effects)
            emitted += harness.effects.compactMap(\.frame).map { Emitted(action: command.action.rawValue, frame: $0.bytes) }
        }
        return emitted
    }

    @Test func everyFrameTheCoreEmitsMatchesTheOfficialSchemas() async throws {
        let answers = try Self.answers()
        let commands = Self.commands()
        // Every kind is there: each answer, the injected fault, each code of the bad frames, each command.
        let kinds = Set(answers.compactMap { emitted -> String? in
            switch try? OCPPFrame(parsing: emitted.frame) {
            case .callResult: "\(emitted.action) result"
            case .callError(let error): error.code.rawValue
            default: nil
            }
        })
        #expect(kinds.isSuperset(of: [
            "BootNotification result", "Heartbeat result", "Authorize result", "StartTransaction result",
            "StopTransaction result", "MeterValues result", "StatusNotification result", "DataTransfer result",
            "DiagnosticsStatusNotification result", "FirmwareStatusNotification result", "InternalError",
            "FormationViolation", "ProtocolError", "NotSupported", "NotImplemented", "OccurenceConstraintViolation",
            "TypeConstraintViolation", "PropertyConstraintViolation",
        ]))
        #expect(commands.count == 11)

        var input = Data()
        for emitted in answers + commands {
            let line: [String: String] = ["action": emitted.action, "frame": String(decoding: emitted.frame, as: UTF8.self)]
            input += try JSONSerialization.data(withJSONObject: line)
            input += Data("\n".utf8)
        }
        let run = try await PythonPeer.run(script: "Tests/CSMSTests/Peers/validate_frames.py", input: input)
        try #require(run.status == 0, "validator failed: \(run.stderr)")
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(report["checked"] as? Int == answers.count + commands.count)
        #expect((report["violations"] as? [String]) == [])
    }
}
