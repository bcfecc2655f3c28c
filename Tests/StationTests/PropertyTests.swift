import Foundation
import OCPP
import TestSupport
import Testing

@testable import Station

/// Properties over seeded random event sequences: drivers, badges, link drops, CSMS commands and time.
@Suite struct PropertyTests {
    /// Plays one random sequence and ends it cleanly: every EV leaves, the link comes back, queues drain.
    static func play(seed: UInt64, events: Int = 60) -> (harness: StationHarness, registers: [[Double]]) {
        var random = SeededGenerator(seed: seed)
        func pick(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
        let model = StationModel.catalog[pick(0...(StationModel.catalog.count - 1))]
        var harness = StationHarness(model: model, seed: seed)
        harness.boot()
        harness.request("ChangeConfiguration", #"{"key":"AllowOfflineTxForUnknownId","value":"true"}"#, id: "cfg")
        let connectors = model.connectorCount
        var registers = Array(repeating: [Double](), count: connectors + 1)
        var commandId = 0
        for _ in 0..<events {
            let connector = pick(1...connectors)
            commandId += 1
            switch pick(0...11) {
            case 0, 1:
                let ev = EVCharacteristics(
                    maxPowerW: Double(pick(2...22)) * 1000, phases: pick(0...1) == 0 ? 1 : 3,
                    energyWantedWh: Double(pick(100...20_000)))
                harness.handle(.evPlugged(connectorId: connector, ev: ev))
            case 2: harness.handle(.evUnplugged(connectorId: connector))
            case 3, 4: harness.handle(.badgePresented(connectorId: connector, idTag: "TAG\(pick(1...3))"))
            case 5:
                harness.autoConnect.toggle()
                if !harness.autoConnect { harness.handle(.disconnected) }
            case 6: harness.request("RemoteStartTransaction", #"{"idTag":"APP\#(pick(1...2))"}"#, id: "c\(commandId)")
            case 7:
                harness.request("RemoteStopTransaction", #"{"transactionId":\#(1001 + pick(0...5))}"#, id: "c\(commandId)")
            case 8:
                let limit = pick(0...32)
                harness.request(
                    "SetChargingProfile",
                    #"{"connectorId":0,"csChargingProfiles":{"chargingProfileId":1,"stackLevel":0,"chargingProfilePurpose":"TxDefaultProfile","chargingProfileKind":"Relative","chargingSchedule":{"chargingRateUnit":"A","chargingSchedulePeriod":[{"startPeriod":0,"limit":\#(limit)},{"startPeriod":120,"limit":16}]}}}"#,
                    id: "c\(commandId)")
            case 9:
                let message = ["MeterValues", "StatusNotification", "Heartbeat", "BootNotification"][pick(0...3)]
                harness.request("TriggerMessage", #"{"requestedMessage":"\#(message)"}"#, id: "c\(commandId)")
            case 10:
                harness.request("GetCompositeSchedule", #"{"connectorId":\#(connector),"duration":600}"#, id: "c\(commandId)")
            default:
                harness.advance(seconds: Double(pick(1...400)))
            }
            for id in 1...connectors { registers[id].append(harness.station.registerWh(of: id)) }
        }
        harness.autoConnect = true
        for id in 1...connectors { harness.handle(.evUnplugged(connectorId: id)) }
        harness.advance(seconds: 120)
        for id in 1...connectors { registers[id].append(harness.station.registerWh(of: id)) }
        return (harness, registers)
    }

    static let seeds: [UInt64] = Array(1...2_000)

    @Test func energyNeverDecreases() {
        for seed in Self.seeds {
            let (harness, registers) = Self.play(seed: seed)
            for series in registers where !series.isEmpty {
                #expect(zip(series, series.dropFirst()).allSatisfy { $0 <= $1 }, "seed \(seed)")
            }
            for stop in harness.calls(.stopTransaction) {
                let interval = (stop.payload["transactionData"] as? [[String: Any]])?.first?["sampledValue"] as? [[String: Any]]
                let energy = interval?.first { $0["measurand"] as? String == "Energy.Active.Import.Interval" }?["value"] as? String
                #expect((Double(energy ?? "0") ?? -1) >= 0, "seed \(seed)")
            }
        }
    }

    @Test func everyStartTransactionGetsExactlyOneStopTransaction() {
        for seed in Self.seeds {
            let (harness, _) = Self.play(seed: seed)
            var starts: [String: Int] = [:]
            for start in harness.calls(.startTransaction) { starts[start.messageId, default: 0] += 1 }
            var stops: [Int: Set<String>] = [:]
            for stop in harness.calls(.stopTransaction) {
                stops[stop.payload["transactionId"] as? Int ?? -1, default: []].insert(stop.messageId)
            }
            #expect(stops.count == starts.count, "seed \(seed)")
            #expect(stops.values.allSatisfy { $0.count == 1 }, "seed \(seed)")
            #expect(!harness.counts.contains(.transactionLost), "seed \(seed)")
            let started = harness.counts.filter { $0 == .transactionStarted }.count
            let stopped = harness.counts.filter { if case .transactionStopped = $0 { true } else { false } }.count
            #expect(started == stopped, "seed \(seed)")
            #expect(harness.station.queuedCalls == 0, "seed \(seed)")
        }
    }

    @Test func queuedTransactionMessagesKeepTheirOrder() {
        let transactional: Set<Action> = [.startTransaction, .stopTransaction]
        for seed in Self.seeds {
            let (harness, _) = Self.play(seed: seed)
            var seen = Set<String>()
            var stamps: [String] = []
            for call in harness.stationCalls where call.messageId.count == 20 && !seen.contains(call.messageId) {
                guard let action = call.action else { continue }
                let isTransactionMeter = action == .meterValues && call.payload["transactionId"] != nil
                    && ((call.payload["meterValue"] as? [[String: Any]])?.first?["sampledValue"] as? [[String: Any]])?
                        .first?["context"] as? String == "Sample.Clock"
                guard transactional.contains(action) || isTransactionMeter else { continue }
                seen.insert(call.messageId)
                let stamp = (call.payload["timestamp"] as? String)
                    ?? ((call.payload["meterValue"] as? [[String: Any]])?.first?["timestamp"] as? String) ?? ""
                stamps.append(stamp)
            }
            // All stamps share the station's offset, so text order is time order.
            #expect(stamps == stamps.sorted(), "seed \(seed)")
        }
    }

    @Test func everyMessageSentIsValidAgainstTheOCPP16Schemas() async throws {
        var lines = Data()
        var unique = Set<String>()
        for seed in Self.seeds.prefix(300) {
            let (harness, _) = Self.play(seed: seed)
            for message in harness.sent where message.kind != .callError {
                guard let action = message.action, unique.insert(message.text).inserted else { continue }
                let kind = message.kind == .call ? "call" : "callResult"
                lines.append(Data(#"{"action":"\#(action.rawValue)","kind":"\#(kind)","frame":\#(message.text)}"#.utf8))
                lines.append(0x0A)
            }
        }
        let result = try await PythonPeer.run(script: "Tests/StationTests/Peers/validate_schema.py", input: lines, timeout: 300)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.hasPrefix("checked "))
        #expect(unique.count > 1_000)
    }
}
