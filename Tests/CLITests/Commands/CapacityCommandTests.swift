#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Metrics
import TestSupport
import Testing

@testable import CLI

// MARK: Parsing and the search's arithmetic

private func capacity(_ tokens: [String]) throws(UsageError) -> CapacityCommand {
    try CapacityCommand(ParsedArguments(tokens, for: CapacityCommand.configuration))
}

@Test func capacityRefusesToRunWithoutAnSLOToJudgeBy() {
    #expect(throws: UsageError.self) { try capacity(["--csms", "ws://127.0.0.1:9/ocpp"]) }
}

@Test func capacityRefusesToRunWithoutACSMS() {
    #expect(throws: UsageError.self) { try capacity(["--slo", "p99(*) < 1s"]) }
}

@Test func capacityRefusesAStepLargerThanTheMaximum() {
    #expect(throws: UsageError.self) {
        try capacity(["--csms", "ws://127.0.0.1:9/ocpp", "--slo", "p99(*) < 1s", "--step", "100", "--max-stations", "50"])
    }
}

@Test func capacityReadsEveryOption() throws {
    let command = try capacity([
        "--csms", "ws://127.0.0.1:9/ocpp", "--slo", "p99(*) < 1s", "--slo", "errors == 0", "--step", "5",
        "--max-stations", "25", "--hold", "3s", "--speed", "30", "--seed", "7", "--ramp", "100/s",
    ])
    #expect(command.slos.map(\.expression) == ["p99(*) < 1s", "errors == 0"])
    #expect(command.step == 5)
    #expect(command.maxStations == 25)
    #expect(command.hold == .seconds(3))
    #expect(command.speed == 30)
    #expect(command.seed == 7)
    #expect(command.rampPerSecond(stations: 10_000) == 100)
}

@Test func aStepsStationsConnectWithinTheFirstQuarterOfTheHoldByDefault() throws {
    let command = try capacity(["--csms", "ws://127.0.0.1:9/ocpp", "--slo", "p99(*) < 1s", "--hold", "60s"])
    #expect(command.rampPerSecond(stations: 30_000) == 2_000)
    #expect(command.rampPerSecond(stations: 100) == 500)
}

@Test func capacityRunsRealStationsAtSpeedOneByDefault() throws {
    #expect(try capacity(["--csms", "ws://127.0.0.1:9/ocpp", "--slo", "p99(*) < 1s"]).speed == 1)
}

@Test func sizesGrowByTheStepAndEndAtTheMaximum() {
    #expect(CapacityCommand.sizes(step: 5, maxStations: 15) == [5, 10, 15])
    #expect(CapacityCommand.sizes(step: 500, maxStations: 1_200) == [500, 1_000, 1_200])
    #expect(CapacityCommand.sizes(step: 7, maxStations: 7) == [7])
}

@Test func stepFoldersSortBySize() {
    #expect(CapacityCommand.folderName(stations: 5, maxStations: 25) == "stations-05")
    #expect(CapacityCommand.folderName(stations: 500, maxStations: 50_000) == "stations-00500")
}

// MARK: The summary

private func step(_ stations: Int, _ outcome: CapacityStep.Outcome, connected: Double = 0) -> CapacityStep {
    let ok = outcome == .passed
    let result = SLOResult(expression: "connected <= 10", ok: ok, value: connected, unit: "", detail: "")
    return CapacityStep(stations: stations, slo: [result], outcome: outcome, reportFolder: nil)
}

@Test func theCapacityIsTheLargestSizeThatMetEverySLO() {
    let summary = CapacitySummary(
        steps: [step(5, .passed, connected: 5), step(10, .passed, connected: 10), step(15, .failed, connected: 15)],
        interrupted: false)
    #expect(summary.capacity == 10)
    #expect(summary.end == .sloFailed)
    #expect(summary.exitCode == .ok)
    #expect(summary.table.hasSuffix("capacity: 10 stations (the largest size that met every SLO)"))
    #expect(summary.table.contains("15 ✗"))
}

@Test func aFirstStepThatFailsLeavesNoCapacityAndExitsOne() {
    let summary = CapacitySummary(steps: [step(5, .failed)], interrupted: false)
    #expect(summary.capacity == nil)
    #expect(summary.exitCode == .sloFailed)
}

@Test func aFirstStepThatCannotReachTheCSMSExitsThree() {
    let summary = CapacitySummary(steps: [step(5, .unreachable("refused"))], interrupted: false)
    #expect(summary.exitCode == .unreachable)
}

@Test func aCSMSThatGivesWayUnderLoadEndsTheSearchWithTheCapacityBefore() {
    let summary = CapacitySummary(steps: [step(5, .passed), step(10, .unreachable("timeout"))], interrupted: false)
    #expect(summary.capacity == 5)
    #expect(summary.end == .unreachable)
    #expect(summary.exitCode == .ok)
}

@Test func reachingTheMaximumGivesALowerBound() {
    let summary = CapacitySummary(steps: [step(5, .passed), step(10, .passed)], interrupted: false)
    #expect(summary.end == .maxStations)
    #expect(summary.capacityLine.contains("at least 10 stations"))
}

@Test func anInterruptedStepIsNotCounted() {
    let summary = CapacitySummary(steps: [step(5, .passed), step(10, .interrupted)], interrupted: true)
    #expect(summary.capacity == 5)
    #expect(summary.end == .interrupted)
    #expect(summary.capacityLine.contains("at least 5 stations"))
    #expect(summary.exitCode == .interrupted)
}

@Test func capacityJSONNamesTheCapacityAndEachStep() throws {
    let summary = CapacitySummary(steps: [step(5, .passed, connected: 5), step(10, .failed, connected: 10)], interrupted: false)
    let data = Data(summary.json(search: ["step": 5]).utf8)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(object["capacity_stations"] as? Int == 5)
    #expect(object["ended_by"] as? String == "slo_failed")
    let steps = try #require(object["steps"] as? [[String: Any]])
    #expect(steps.map { $0["result"] as? String } == ["pass", "fail"])
    let slo = try #require(steps[1]["slo"] as? [[String: Any]])
    #expect(slo.first?["value"] as? Double == 10)
    #expect(slo.first?["ok"] as? Bool == false)
}

// MARK: Against an embedded CSMS in its own process

/// `ocpp-fleet csms` on a loopback port the system chooses, answering every call `answerDelay` ms late.
private final class CSMSProcess {
    let process = Process()
    let port: Int

    init(answerDelay: Int) throws {
        process.executableURL = FleetProcess.executable
        process.arguments = ["csms", "--listen", "127.0.0.1:0", "--answer-delay", "\(answerDelay)"]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = Pipe()
        try process.run()
        // Wait (bounded) for the line that says where it listens.
        var banner = ""
        for _ in 0..<100 where !banner.contains("/<station id>") {
            let data = err.fileHandleForReading.availableData
            if data.isEmpty { break }
            banner += String(decoding: data, as: UTF8.self)
        }
        guard let range = banner.range(of: "ws://127.0.0.1:"),
            let port = Int(banner[range.upperBound...].prefix { $0.isNumber })
        else {
            process.terminate()
            throw POSIXError(.EADDRNOTAVAIL)
        }
        self.port = port
    }

    var url: String { "ws://127.0.0.1:\(port)/ocpp" }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }
}

private func temporaryFolder() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("ocpp-fleet-capacity-\(UUID())")
}

@Test func capacityGrowsTheFleetUntilAnSLOFailsAndReportsTheLargestSizeThatMetThemAll() async throws {
    let csms = try CSMSProcess(answerDelay: 20)
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outcome = try await FleetProcess.run([
        "capacity", "--csms", csms.url, "--profile", "Profiles/idle.json", "--step", "5", "--max-stations", "25",
        "--hold", "3s", "--speed", "30", "--slo", "p99(*) < 5s", "--slo", "connected <= 10",
        "--report", folder.path,
    ])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(outcome.stdout.contains("capacity: 10 stations (the largest size that met every SLO)"))
    #expect(outcome.stderr.contains("step 3: 15 stations: FAIL"))
    let data = try Data(contentsOf: folder.appendingPathComponent("capacity.json"))
    let summary = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(summary["capacity_stations"] as? Int == 10)
    let steps = try #require(summary["steps"] as? [[String: Any]])
    #expect(steps.map { $0["stations"] as? Int } == [5, 10, 15])
    #expect(steps.map { $0["result"] as? String } == ["pass", "pass", "fail"])
    for name in ["stations-05", "stations-10", "stations-15"] {
        let report = folder.appendingPathComponent(name).appendingPathComponent("report.json")
        #expect(FileManager.default.fileExists(atPath: report.path), "\(name)")
    }
}

@Test func aFirstStepSlowerThanItsLatencySLOExitsOne() async throws {
    // Every answer is 300 ms late, so no step can have a median under 100 ms.
    let csms = try CSMSProcess(answerDelay: 300)
    let outcome = try await FleetProcess.run([
        "capacity", "--csms", csms.url, "--profile", "Profiles/idle.json", "--step", "5", "--max-stations", "25",
        "--hold", "3s", "--speed", "10", "--slo", "p50(*) < 100ms", "--quiet",
    ])
    #expect(outcome.status == 1, "\(outcome.stderr)")
    #expect(outcome.stdout.contains("capacity: none"))
    // The median was measured (a latency, not "-") and found too slow; no second step ran.
    #expect(outcome.stdout.contains("ms ✗"))
    #expect(!outcome.stdout.contains("\n2 "))
}

@Test func capacityWithoutAnSLOIsBadUsage() async throws {
    let outcome = try await FleetProcess.run(["capacity", "--csms", "ws://127.0.0.1:9/ocpp"])
    #expect(outcome.status == 2)
    #expect(outcome.stderr.contains("at least one --slo"))
}

@Test func capacityHelpSaysEachStepIsARunOfItsOwn() async throws {
    let outcome = try await FleetProcess.run(["capacity", "--help"])
    #expect(outcome.status == 0)
    #expect(outcome.stdout.contains("Each step is a separate run"))
}

@Test func ctrlCEndsTheSearchWithTheSummaryOfTheStepsDoneAndExits130() async throws {
    let csms = try CSMSProcess(answerDelay: 0)
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outcome = try await FleetProcess.interrupt(
        [
            "capacity", "--csms", csms.url, "--profile", "Profiles/idle.json", "--step", "5", "--max-stations", "500",
            "--hold", "3s", "--speed", "30", "--slo", "errors < 100%", "--report", folder.path,
        ], after: "step 1:")

    #expect(outcome.stderr.contains("step 1: 5 stations: PASS"), "\(outcome.stderr)")
    // A lower bound, not a capacity: CI must not take it for a full search.
    #expect(outcome.status == 130, "\(outcome.stderr)")
    #expect(outcome.stdout.contains("interrupted before a step failed"))
    let data = try Data(contentsOf: folder.appendingPathComponent("capacity.json"))
    let summary = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(summary["ended_by"] as? String == "interrupted")
    #expect((summary["capacity_stations"] as? Int ?? 0) >= 5)
}
