import Basics
import Foundation
import Metrics
import TestSupport
import Testing

@testable import Fleet

@Suite struct SimulationTests {
    private static let minute: Int64 = 60_000

    /// A simulation of `profile` written to a fresh trace file; returns the trace's lines and the report.
    private func simulate(
        _ profile: String, stations: Int, minutes: Int64, seed: UInt64 = 1, shard: FleetShard = .whole,
        threads: Int? = nil, reconnection: ReconnectionStrategy? = nil
    ) throws -> (lines: [String], report: RunReport) {
        var loaded = try Profile.load(file: packageRootPath("Profiles/\(profile).json"))
        if let reconnection { loaded.reconnection = reconnection }
        let plan = FleetPlan(profile: loaded, fleetSize: stations, seed: seed, duration: minutes * Self.minute, shard: shard)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fleet-trace-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let simulation = try Simulation(plan: plan, tracePath: path, threads: threads)
        try simulation.run()
        let report = simulation.report(profileName: profile)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return (text.split(separator: "\n").map(String.init), report)
    }

    /// The time and station number of a trace line (`{"t":…,"station":"GU000012",…`).
    private func key(_ line: String) -> (Int64, Int) {
        let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        let time = (object?["t"] as? NSNumber)?.int64Value ?? -1
        let station = Int(((object?["station"] as? String) ?? "").drop { !$0.isNumber }) ?? -1
        return (time, station)
    }

    @Test func twoRunsWithTheSameInputsWriteTheSameTrace() throws {
        let first = try simulate("smoke", stations: 10, minutes: 10)
        let second = try simulate("smoke", stations: 10, minutes: 10)
        #expect(first.lines.count > 200)
        #expect(first.lines == second.lines)
    }

    /// A run of `profile`'s first stations with frames typed or as JSON, with or without a trace; returns the
    /// trace's bytes (empty without one) and the report, its process figures (CPU, memory) left out.
    private func simulate(
        _ profile: String, stations: Int, minutes: Int64, typedFrames: Bool, traced: Bool
    ) throws -> (trace: Data, report: RunReport) {
        let loaded = try Profile.load(file: packageRootPath("Profiles/\(profile).json"))
        let plan = FleetPlan(profile: loaded, fleetSize: stations, seed: 7, duration: minutes * Self.minute)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fleet-trace-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let simulation = try Simulation(
            plan: plan, tracePath: traced ? path : nil, threads: 2, typedFrames: typedFrames)
        try simulation.run()
        var report = simulation.report(profileName: profile)
        report.process = ProcessUsage(userSeconds: 0, systemSeconds: 0, maxRSSBytes: 0)
        return (traced ? try Data(contentsOf: URL(fileURLWithPath: path)) : Data(), report)
    }

    @Test(arguments: [("smoke", 10, 30), ("firmware-rollout", 20, 70), ("default", 30, 120),
                      ("reconnection-storm", 20, 45)])
    func typedFramesWriteTheTraceAndTheReportOfJSONFramesByteForByte(
        profile: String, stations: Int, minutes: Int64
    ) throws {
        let json = try simulate(profile, stations: stations, minutes: minutes, typedFrames: false, traced: true)
        let typed = try simulate(profile, stations: stations, minutes: minutes, typedFrames: true, traced: true)
        #expect(json.trace.count > 10_000)
        #expect(typed.trace == json.trace)
        #expect(typed.report == json.report)
    }

    @Test func aTraceChangesNothingInTheReport() throws {
        let traced = try simulate("smoke", stations: 10, minutes: 30, typedFrames: true, traced: true)
        let untraced = try simulate("smoke", stations: 10, minutes: 30, typedFrames: true, traced: false)
        #expect(untraced.report == traced.report)
    }

    @Test func anotherSeedWritesAnotherTrace() throws {
        let first = try simulate("smoke", stations: 10, minutes: 10, seed: 1)
        let second = try simulate("smoke", stations: 10, minutes: 10, seed: 2)
        #expect(first.lines != second.lines)
    }

    @Test func theNumberOfThreadsDoesNotChangeTheTrace() throws {
        let one = try simulate("smoke", stations: 12, minutes: 8, threads: 1)
        let three = try simulate("smoke", stations: 12, minutes: 8, threads: 3)
        #expect(one.lines == three.lines)
    }

    @Test func shardTracesTogetherAreTheWholeTrace() throws {
        let whole = try simulate("smoke", stations: 9, minutes: 8)
        var merged: [String] = []
        for index in 0..<3 {
            merged += try simulate("smoke", stations: 9, minutes: 8, shard: FleetShard(index: index, count: 3)).lines
        }
        // The trace's order is by time, then station, then each station's own order: a stable sort by
        // (time, station) of the shards' lines must give the whole trace back.
        let sorted = merged.enumerated().map { (key: key($1), offset: $0, line: $1) }
            .sorted { ($0.key.0, $0.key.1, $0.offset) < ($1.key.0, $1.key.1, $1.offset) }
            .map(\.line)
        #expect(whole.lines.count > 100)
        #expect(sorted == whole.lines)
    }

    @Test func everyStationBootsAndTheReportSaysWhatRan() throws {
        let result = try simulate("smoke", stations: 10, minutes: 10)
        let report = result.report
        #expect(report.run.stations == 10)
        #expect(report.run.csms == "embedded")
        #expect(report.run.durationSeconds == 600)
        #expect((report.figures(for: "BootNotification")?.ok ?? 0) >= 10)
        #expect((report.figures(for: "Heartbeat")?.sent ?? 0) > 0)
        // Only what happened is listed: no Green'Up sends DataTransfer.
        #expect(report.figures(for: "DataTransfer") == nil)
        let stationsInTrace = Set(result.lines.map { key($0).1 })
        #expect(stationsInTrace == Set(1...10))
    }

    @Test func theTraceIsInTimeOrder() throws {
        let lines = try simulate("smoke", stations: 10, minutes: 10).lines
        let keys = lines.map(key)
        #expect(zip(keys, keys.dropFirst()).allSatisfy { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 <= $1.1) })
    }

    @Test func greenUpStationsReconnectInStepAfterTheCSMSRestarts() throws {
        let storm = try Profile.load(file: packageRootPath("Profiles/reconnection-storm.json"))
        let restartAt = storm.start + 10 * Self.minute
        let lines = try simulate("reconnection-storm", stations: 40, minutes: 14).lines
        var firstAfterRestart: [Int: Int64] = [:]
        for line in lines where line.contains("\"dir\":\"out\"") {
            let (time, station) = key(line)
            if time > restartAt && firstAfterRestart[station] == nil { firstAfterRestart[station] = time }
        }
        // Every station lost its link at the same instant and retries every 30 s with no jitter.
        #expect(firstAfterRestart.count == 40)
        #expect(Set(firstAfterRestart.values).count == 1)
    }

    @Test func stationsWithJitteredBackoffSpreadTheirReconnections() throws {
        // smoke.json: exponential backoff with jitter, and a CSMS restart at 6 minutes.
        let smoke = try Profile.load(file: packageRootPath("Profiles/smoke.json"))
        let restartAt = smoke.start + 6 * Self.minute
        let lines = try simulate("smoke", stations: 10, minutes: 8).lines
        var firstAfterRestart: [Int: Int64] = [:]
        for line in lines where line.contains("\"dir\":\"out\"") {
            let (time, station) = key(line)
            if time > restartAt && firstAfterRestart[station] == nil { firstAfterRestart[station] = time }
        }
        #expect(firstAfterRestart.count == 10)
        #expect(Set(firstAfterRestart.values).count > 5)
    }

    @Test func stationsUnderOCPP201RetryBackOffSpreadTheirReconnections() throws {
        // smoke.json's CSMS restart at 6 minutes, met by a fleet that reconnects as OCPP 2.0.1 says.
        let smoke = try Profile.load(file: packageRootPath("Profiles/smoke.json"))
        let restartAt = smoke.start + 6 * Self.minute
        let retryBackOff = ReconnectionStrategy.retryBackOff(
            waitMinimumMilliseconds: 2_000, randomRangeMilliseconds: 10_000, repeatTimes: 3)
        let lines = try simulate("smoke", stations: 10, minutes: 8, reconnection: retryBackOff).lines
        var firstAfterRestart: [Int: Int64] = [:]
        for line in lines where line.contains("\"dir\":\"out\"") {
            let (time, station) = key(line)
            if time > restartAt && firstAfterRestart[station] == nil { firstAfterRestart[station] = time }
        }
        #expect(firstAfterRestart.count == 10)
        #expect(firstAfterRestart.values.allSatisfy { $0 >= restartAt + 2_000 })
        #expect(Set(firstAfterRestart.values).count > 5)
    }

    @Test func theCSMSRollsOutFirmwareAndCapsEveryStationAsTheProfileSays() throws {
        // firmware-rollout.json: UpdateFirmware to a quarter of the fleet from 10 min, a 16 A cap at 1 h.
        let report = try simulate("firmware-rollout", stations: 40, minutes: 70).report
        let plan = FleetPlan(
            profile: try Profile.load(file: packageRootPath("Profiles/firmware-rollout.json")), fleetSize: 40, seed: 1,
            duration: 70 * Self.minute)
        let rollout = plan.stations.map(plan.station).filter { station in
            station.firmware == .v01_01_65 && station.events.contains { $0.event == 0 }
        }
        #expect(!rollout.isEmpty)
        #expect(report.csms["commands.UpdateFirmware.sent"] == Double(rollout.count))
        #expect((report.figures(for: "FirmwareStatusNotification")?.ok ?? 0) >= UInt64(rollout.count))
        #expect(report.csms["commands.SetChargingProfile.Accepted"] == 40)
    }

    @Test(arguments: [("smoke", 10, 15), ("firmware-rollout", 20, 70)])
    func everyFrameOfATraceFollowsTheOfficialSchemas(profile: String, stations: Int, minutes: Int64) async throws {
        let loaded = try Profile.load(file: packageRootPath("Profiles/\(profile).json"))
        let plan = FleetPlan(profile: loaded, fleetSize: stations, seed: 5, duration: minutes * Self.minute)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fleet-trace-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Simulation(plan: plan, tracePath: path).run()
        let result = try await PythonPeer.run(script: "Tests/FleetTests/Peers/validate_trace.py", arguments: [path])
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(summary["violations"] as? [String] == [])
        #expect((summary["checked"] as? Int ?? 0) > 200)
        let actions = Set(summary["actions"] as? [String] ?? [])
        #expect(actions.isSuperset(of: ["BootNotification", "Heartbeat", "StatusNotification"]))
    }

    @Test func theAsyncAPISimulatesAFleet() async throws {
        let profile = try Profile.load(file: packageRootPath("Profiles/idle.json"))
        let fleet = try Fleet(profile: profile, stations: 5, seed: 3)
        let report = try await fleet.simulate(duration: .seconds(600))
        #expect(report.run.stations == 5)
        #expect(report.transactions.started == 0)
        #expect(report.connections.established == 5)
        #expect((report.figures(for: "Heartbeat")?.ok ?? 0) >= 5 * 8)
    }

    @Test func answersAfterTheTimeoutAreLateAnswersWithTheirLatencyNotFaults() throws {
        var profile = try Profile.load(file: packageRootPath("Profiles/idle.json"))
        // Every answer comes 12 s after its CALL, 2 s after the station stopped waiting.
        profile.csms.answerDelayMilliseconds = 12_000
        let plan = FleetPlan(profile: profile, fleetSize: 2, seed: 1, duration: 10 * Self.minute)
        let simulation = try Simulation(plan: plan)
        try simulation.run()
        let report = simulation.report(profileName: "idle")

        let boot = try #require(report.figures(for: "BootNotification"))
        #expect(boot.timeouts > 0)
        #expect(boot.ok == 0)
        // Each station may end with one late answer still on its way.
        #expect(boot.late + 2 >= boot.timeouts)
        #expect(boot.late <= boot.timeouts)
        #expect(boot.latency.count == boot.late)
        #expect(boot.latency.p50 >= 12_000_000)
        #expect(report.csmsFaults.unmatchedAnswers == 0)
    }

    @Test func aFleetRefusesAShardWithNoStation() throws {
        let profile = try Profile.load(file: packageRootPath("Profiles/idle.json"))
        #expect(throws: SimulationError.self) {
            try Fleet(profile: profile, stations: 2, shard: FleetShard(index: 0, count: 3))
        }
    }

    /// A progress line is redrawn at most five times a wall second, not every simulated minute (gathering the
    /// totals copies every histogram), but it starts at the first minute and ends with the whole run.
    @MainActor @Test func aProgressCallbackSeesTheFirstAndTheLastSimulatedMinute() async throws {
        let profile = try Profile.load(file: packageRootPath("Profiles/idle.json"))
        let fleet = try Fleet(profile: profile, stations: 3, seed: 1)
        var elapsed: [UInt64] = []
        var lastHeartbeats: UInt64 = 0
        _ = try await fleet.simulate(duration: .seconds(300)) { snapshot in
            elapsed.append(snapshot.elapsedMicros)
            lastHeartbeats = snapshot.actions["Heartbeat"]?.sent ?? 0
        }
        #expect(elapsed.first == 60_000_000)
        #expect(elapsed.last == 300_000_000)
        #expect(elapsed.count <= 5)
        #expect(lastHeartbeats >= 3 * 4)
    }
}
