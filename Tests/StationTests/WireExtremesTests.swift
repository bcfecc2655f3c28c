import Foundation
import OCPP
import Testing

@testable import Station

/// Every number and date-time field a CSMS can send, in its requests and in its answers, at the extremes:
/// the station answers (or, Rejected, keeps silent), and afterwards still serves drivers and lives through
/// a day of timers. Frames are JSON text, so that values no typed payload could hold are tried too.
@Suite struct WireExtremesTests {
    /// A frame with `<name>` placeholders, one per number or date-time field.
    struct Template: CustomStringConvertible {
        enum Role {
            /// A CSMS request.
            case request(String)
            /// The CSMS's answer to a station CALL, with what makes the station send that CALL.
            case answer(Action)
        }

        let role: Role
        let json: String

        var fields: [String] {
            var names: [String] = []
            var rest = Substring(json)
            while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
                names.append(String(rest[rest.index(after: open)..<close]))
                rest = rest[rest.index(after: close)...]
            }
            return names
        }

        /// The JSON with `field` set to `value` and every other field to its ordinary value.
        func filled(_ field: String, with value: String) -> String {
            var text = json
            for name in fields {
                text = text.replacingOccurrences(of: "<\(name)>", with: name == field ? value : WireExtremesTests.ordinary[name] ?? "1")
            }
            return text
        }

        var description: String {
            switch role {
            case .request(let action): action
            case .answer(let action): "answer to \(action.rawValue)"
            }
        }
    }

    static let numbers = [
        "-9223372036854775808", "9223372036854775807", "-2147483648", "2147483647", "9007199254740992", "0", "-1",
        "1e308", "-1e308", "9223372036854775808", "0.5",
    ]
    static let dates = [
        "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z", "2700-01-01T00:00:00Z", "0001-01-01T00:00:00+23:59",
        "9999-12-31T23:59:59-23:59",
    ]
    /// Numbers and dates, whatever the field's own kind; a string field holding a number (a configuration
    /// value) gets the numbers as strings.
    static func extremes(of field: String) -> [String] {
        let quotedNumbers = numbers.map { "\"\($0)\"" }
        return field == "value" ? quotedNumbers : numbers + dates.map { "\"\($0)\"" } + [quotedNumbers[1]]
    }

    /// The value of a field when another one is tried.
    static let ordinary: [String: String] = [
        "connectorId": "3", "reservationId": "1", "id": "1", "stackLevel": "0", "duration": "86400",
        "retries": "1", "retryInterval": "60", "startTime": "\"2019-04-19T00:00:00Z\"",
        "stopTime": "\"2019-04-19T12:00:00Z\"", "transactionId": "1001", "expiryDate": "\"2019-04-19T18:00:00Z\"",
        "listVersion": "1", "retrieveDate": "\"2019-04-19T14:30:43Z\"", "chargingProfileId": "1",
        "validFrom": "\"2019-04-19T00:00:00Z\"", "validTo": "\"2019-04-21T00:00:00Z\"",
        "startSchedule": "\"2019-04-19T14:00:00Z\"", "startPeriod": "0", "limit": "16", "numberPhases": "3",
        "laterStartPeriod": "3600", "laterLimit": "8", "minChargingRate": "6", "value": "\"3600\"",
        "currentTime": "\"2019-04-19T14:25:43.083Z\"", "interval": "3600",
    ]

    static func profile(_ purpose: String, _ kind: String, transaction: Bool) -> String {
        let recurrency = kind == "Recurring" ? #","recurrencyKind":"Daily""# : ""
        let transactionId = transaction ? #","transactionId":<transactionId>"# : ""
        return #"{"chargingProfileId":<chargingProfileId>\#(transactionId),"stackLevel":<stackLevel>,"chargingProfilePurpose":"\#(purpose)","chargingProfileKind":"\#(kind)"\#(recurrency),"validFrom":<validFrom>,"validTo":<validTo>,"chargingSchedule":{"duration":<duration>,"startSchedule":<startSchedule>,"chargingRateUnit":"A","chargingSchedulePeriod":[{"startPeriod":<startPeriod>,"limit":<limit>,"numberPhases":<numberPhases>},{"startPeriod":<laterStartPeriod>,"limit":<laterLimit>}],"minChargingRate":<minChargingRate>}}"#
    }

    static let integerKeys = [
        "HeartbeatInterval", "MeterValueSampleInterval", "ConnectionTimeOut", "MinimumStatusDuration",
        "TransactionMessageAttempts", "TransactionMessageRetryInterval", "serverReconnectionTime", "confBasicTime",
        "confAuthorizeTime", "confBottNotificationTime", "chargingStationMaxLimit", "ClockAlignedDataInterval",
    ]

    static let templates: [Template] =
        [
            Template(role: .request("CancelReservation"), json: #"{"reservationId":<reservationId>}"#),
            Template(role: .request("ChangeAvailability"), json: #"{"connectorId":<connectorId>,"type":"Inoperative"}"#),
            Template(role: .request("ClearCache"), json: "{}"),
            Template(
                role: .request("ClearChargingProfile"),
                json: #"{"id":<id>,"connectorId":<connectorId>,"chargingProfilePurpose":"TxDefaultProfile","stackLevel":<stackLevel>}"#),
            Template(role: .request("DataTransfer"), json: #"{"vendorId":"com.example","messageId":"m","data":"d"}"#),
            Template(
                role: .request("GetCompositeSchedule"),
                json: #"{"connectorId":<connectorId>,"duration":<duration>,"chargingRateUnit":"A"}"#),
            Template(role: .request("GetConfiguration"), json: "{}"),
            Template(
                role: .request("GetDiagnostics"),
                json: #"{"location":"ftp://logs.example.com/","retries":<retries>,"retryInterval":<retryInterval>,"startTime":<startTime>,"stopTime":<stopTime>}"#),
            Template(role: .request("GetLocalListVersion"), json: "{}"),
            Template(
                role: .request("RemoteStartTransaction"),
                json: #"{"connectorId":<connectorId>,"idTag":"APP","chargingProfile":\#(profile("TxProfile", "Relative", transaction: false))}"#),
            Template(role: .request("RemoteStopTransaction"), json: #"{"transactionId":<transactionId>}"#),
            Template(
                role: .request("ReserveNow"),
                json: #"{"connectorId":<connectorId>,"expiryDate":<expiryDate>,"idTag":"MINE","reservationId":<reservationId>}"#),
            Template(role: .request("Reset"), json: #"{"type":"Soft"}"#),
            Template(
                role: .request("SendLocalList"),
                json: #"{"listVersion":<listVersion>,"updateType":"Full","localAuthorizationList":[{"idTag":"BADGE2","idTagInfo":{"status":"Accepted","expiryDate":<expiryDate>}}]}"#),
            Template(
                role: .request("SetChargingProfile"),
                json: #"{"connectorId":<connectorId>,"csChargingProfiles":\#(profile("TxDefaultProfile", "Absolute", transaction: false))}"#),
            Template(
                role: .request("SetChargingProfile"),
                json: #"{"connectorId":1,"csChargingProfiles":\#(profile("TxProfile", "Relative", transaction: true))}"#),
            Template(
                role: .request("SetChargingProfile"),
                json: #"{"connectorId":0,"csChargingProfiles":\#(profile("ChargePointMaxProfile", "Recurring", transaction: false))}"#),
            Template(role: .request("TriggerMessage"), json: #"{"requestedMessage":"MeterValues","connectorId":<connectorId>}"#),
            Template(role: .request("UnlockConnector"), json: #"{"connectorId":<connectorId>}"#),
            Template(
                role: .request("UpdateFirmware"),
                json: #"{"location":"https://fw.example.com/fw.bin","retries":<retries>,"retrieveDate":<retrieveDate>,"retryInterval":<retryInterval>}"#),
            Template(role: .answer(.heartbeat), json: #"{"currentTime":<currentTime>}"#),
            Template(role: .answer(.authorize), json: #"{"idTagInfo":{"status":"Accepted","expiryDate":<expiryDate>}}"#),
            Template(
                role: .answer(.startTransaction),
                json: #"{"idTagInfo":{"status":"Accepted","expiryDate":<expiryDate>},"transactionId":<transactionId>}"#),
            Template(role: .answer(.stopTransaction), json: #"{"idTagInfo":{"status":"Accepted","expiryDate":<expiryDate>}}"#),
        ]
        + integerKeys.map { Template(role: .request("ChangeConfiguration"), json: #"{"key":"\#($0)","value":<value>}"#) }
        + ["Accepted", "Pending", "Rejected"].map {
            Template(
                role: .answer(.bootNotification),
                json: #"{"status":"\#($0)","currentTime":<currentTime>,"interval":<interval>}"#)
        }

    /// A station charging on connector 1 (transaction 1001), with an authorization cache that badges are
    /// checked against, and hourly heartbeats and samples so that a day of timers stays short.
    static func chargingStation(model: StationModel, seed: UInt64) -> StationHarness {
        var harness = StationHarness(model: model, seed: seed)
        harness.boot()
        for (key, value) in [
            ("HeartbeatInterval", "3600"), ("MeterValueSampleInterval", "3600"), ("AuthorizationCacheEnabled", "true"),
            ("LocalPreAuthorize", "true"), ("LocalAuthListEnabled", "true"),
        ] {
            harness.request("ChangeConfiguration", #"{"key":"\#(key)","value":"\#(value)"}"#, id: "setup")
        }
        harness.handle(.evPlugged(connectorId: 1, ev: .typical))
        harness.handle(.badgePresented(connectorId: 1, idTag: "BADGE1"))
        return harness
    }

    /// Plays one frame: a request with the value in one field, or an answer with it that the station is
    /// led to ask for. Returns whether the station must stay silent (its boot was Rejected).
    static func play(_ template: Template, _ payload: String, on harness: inout StationHarness) -> Bool {
        switch template.role {
        case .request(let action):
            let before = harness.sent.count
            harness.receive(#"[2,"x","\#(action)",\#(payload)]"#)
            let answers = harness.sent[before...].filter { $0.messageId == "x" && $0.kind != .call }
            #expect(answers.count == 1, "\(template) \(payload)")
            return false
        case .answer(let action):
            let accepting = StationHarness.acceptingCSMS()
            harness.csms = { asked, request in asked == action ? .result(payload) : accepting(asked, request) }
            switch action {
            case .bootNotification:
                harness.request("Reset", #"{"type":"Hard"}"#, id: "reset")
                harness.advance(seconds: 40)
            case .heartbeat:
                harness.request("TriggerMessage", #"{"requestedMessage":"Heartbeat"}"#, id: "trigger")
            case .authorize, .startTransaction:
                harness.handle(.evPlugged(connectorId: 3, ev: .typical))
                harness.handle(.badgePresented(connectorId: 3, idTag: "BADGE3"))
            default:
                harness.handle(.evUnplugged(connectorId: 1))
            }
            #expect(harness.calls(action).count >= 1, "\(template) \(payload)")
            harness.csms = accepting
            let rejected = harness.completed.last { $0.action == .bootNotification }.map {
                $0.outcome == .answered && payload.contains(#""status":"Rejected""#)
            }
            return action == .bootNotification && rejected == true
        }
    }

    @Test func everyNumberAndDateFieldAtItsExtremesLeavesTheStationAlive() {
        var random = SeededGenerator(seed: 0x5EED_F1E1D)
        var cases = 0
        for template in Self.templates {
            let fields = template.fields
            for field in fields.isEmpty ? [""] : fields {
                for value in fields.isEmpty ? [""] : Self.extremes(of: field) {
                    cases += 1
                    let model = StationModel.catalog[Int(random.next() % UInt64(StationModel.catalog.count))]
                    var harness = Self.chargingStation(model: model, seed: random.next())
                    let payload = template.filled(field, with: value)
                    let silent = Self.play(template, payload, on: &harness)
                    let label = "\(template) \(payload)"
                    let probe = harness.request("GetLocalListVersion", "{}", id: "probe")
                    #expect(probe?.kind == (silent ? nil : .callResult), "\(label)")
                    // Still serving drivers, through a day of timers.
                    harness.handle(.evPlugged(connectorId: 2, ev: .typical))
                    harness.handle(.badgePresented(connectorId: 2, idTag: "BADGE2"))
                    harness.advance(seconds: 43_200)
                    harness.handle(.evUnplugged(connectorId: 2))
                    harness.handle(.evUnplugged(connectorId: 1))
                    harness.advance(seconds: 43_200)
                    #expect(harness.station.isRegistered, "\(label)")
                    #expect(harness.timers.values.allSatisfy { $0 <= harness.now + Station.timerHorizonMs }, "\(label)")
                    #expect(harness.request("GetLocalListVersion", "{}", id: "after")?.kind == .callResult, "\(label)")
                }
            }
        }
        #expect(cases > 1_400)
    }
}
