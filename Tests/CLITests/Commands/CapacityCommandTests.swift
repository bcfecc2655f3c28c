#if canImport(Glibc)
import Glibc
#endif
import Fleet
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
        "--resolution", "2", "--warm-up", "1s", "--fresh", "--loops", "1",
    ])
    #expect(command.slos.map(\.expression) == ["p99(*) < 1s", "errors == 0"])
    #expect(command.step == 5)
    #expect(command.maxStations == 25)
    #expect(command.resolution == .stations(2))
    #expect(command.hold == .seconds(3))
    #expect(command.warmUp == .seconds(1))
    #expect(command.fresh)
    #expect(command.loops == 1)
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

@Test func byDefaultAStepLeavesOutTheFirstQuarterOfItsHoldAndTheKneeIsNarrowedToFivePercent() throws {
    let command = try capacity(["--csms", "ws://127.0.0.1:9/ocpp", "--slo", "p99(*) < 1s", "--hold", "40s"])
    #expect(command.warmUp == .seconds(10))
    #expect(command.resolution == .share(0.05))
    #expect(!command.fresh)
}

@Test func aWarmUpAsLongAsTheHoldIsRefused() {
    #expect(throws: UsageError.self) {
        try capacity(["--csms", "ws://127.0.0.1:9/ocpp", "--slo", "p99(*) < 1s", "--hold", "5s", "--warm-up", "5s"])
    }
}

@Test func aGrowingFleetHasRoomForEverySizeAndOutlastsTheSearch() throws {
    let command = try capacity([
        "--csms", "ws://127.0.0.1:9/ocpp", "--slo", "p99(*) < 1s", "--step", "100", "--max-stations", "1000",
        "--hold", "10s",
    ])
    let configuration = command.fleetConfiguration(stations: 100, profile: try command.profile.load(command: "capacity"))
    #expect(configuration.stations == 1_000)
    #expect(configuration.poweredOnAtStart == 100)
    // Ten sizes and the bisections after them.
    #expect(configuration.duration > .seconds(10 * 30))
}

@Test func aFreshFleetHasTheStepsStationsOnly() throws {
    let command = try capacity([
        "--csms", "ws://127.0.0.1:9/ocpp", "--slo", "p99(*) < 1s", "--step", "100", "--max-stations", "1000",
        "--fresh",
    ])
    let configuration = command.fleetConfiguration(stations: 300, profile: try command.profile.load(command: "capacity"))
    #expect(configuration.stations == 300)
    #expect(configuration.poweredOnAtStart == 300)
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

/// The settings of a search with `options`, and `p99(*) < 1s` as its SLO when they name none.
private func searchSettings(_ options: [String] = ["--slo", "p99(*) < 1s"]) throws -> CapacitySearchSettings {
    try capacity(["--csms", "ws://127.0.0.1:9/ocpp"] + options).searchSettings
}

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
    #expect(summary.table.hasSuffix("capacity: 10 stations (the largest size that met every SLO; 15 failed)"))
    #expect(summary.table.contains("15 ✗"))
}

@Test func afterABisectionTheCapacityIsTheLargestSizeThatPassedWhicheverStepItWas() {
    let summary = CapacitySummary(
        steps: [step(5, .passed), step(10, .passed), step(15, .failed), step(12, .passed), step(13, .failed)],
        interrupted: false)
    #expect(summary.capacity == 12)
    #expect(summary.smallestFailed?.stations == 13)
    #expect(summary.capacityLine == "capacity: 12 stations (the largest size that met every SLO; 13 failed)")
}

/// A step with figures: `lagP50` ms of median scheduler lag, calls answered in `latencyP50` ms at the median.
private func measured(
    _ stations: Int, _ outcome: CapacityStep.Outcome, rate: Double, lagP50: UInt64, latencyP50: UInt64
) -> CapacityStep {
    let health = FleetHealth(lagP50Micros: lagP50 * 1000, lagP99Micros: lagP50 * 2000, cpuShare: 0.3, loops: 1)
    let figures = CapacityFigures(
        seconds: 10, messagesPerSecond: rate, latencyP50Micros: latencyP50 * 1000,
        latencyP99Micros: latencyP50 * 2000, errors: 0, health: health)
    let ok = outcome == .passed
    let slo = SLOResult(expression: "p50(*) < 100ms", ok: ok, value: Double(latencyP50), unit: "ms", detail: "")
    return CapacityStep(stations: stations, slo: [slo], outcome: outcome, reportFolder: nil, figures: figures)
}

@Test func aFleetSaturatedAtTheSmallestFailedSizeNamesNoCSMSCapacity() throws {
    let summary = CapacitySummary(
        steps: [
            measured(400, .passed, rate: 20_000, lagP50: 1, latencyP50: 2),
            measured(800, .failed, rate: 41_000, lagP50: 200, latencyP50: 600),
        ],
        interrupted: false)
    #expect(summary.capacity == nil)
    #expect(summary.exitCode == .fleetSaturated)
    #expect(summary.capacityLine.hasPrefix("capacity: unknown: the fleet saturated at 41000 msgs/s"))
    #expect(summary.capacityLine.contains("add processes or machines"))
    #expect(summary.capacityLine.contains("the CSMS met every SLO up to 400 stations"))
    let data = Data(summary.json(search: try searchSettings()).utf8)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(object["limited_by"] as? String == "fleet")
    #expect(object["fleet_saturated_msgs_per_s"] as? Double == 41_000)
    #expect(object["capacity_stations"] is NSNull)
    let steps = try #require(object["steps"] as? [[String: Any]])
    let health = try #require(steps[1]["fleet_health"] as? [String: Any])
    #expect(health["saturated"] as? Bool == true)
    #expect(health["lag_p50_ms"] as? Double == 200)
}

@Test func aSaturatedFleetCannotExplainAStepThatFailedOnItsCountOfLinks() {
    var failed = measured(800, .failed, rate: 41_000, lagP50: 200, latencyP50: 600)
    failed.slo = [SLOResult(expression: "connected <= 700", ok: false, value: 800, unit: "", detail: "")]
    let summary = CapacitySummary(
        steps: [measured(400, .passed, rate: 20_000, lagP50: 1, latencyP50: 2), failed], interrupted: false)
    #expect(summary.fleetLimit == nil)
    #expect(summary.capacity == 400)
}

@Test func latenciesErrorsAndRatesAreWhatALateFleetDistortsNotCountsOfLinks() {
    for expression in ["p99(*) < 1s", "service_p50(Heartbeat) < 5ms", "errors < 1%", "timeouts == 0", "msgs_per_s >= 10"] {
        #expect(CapacitySummary.fleetSensitive(expression), "\(expression)")
    }
    for expression in ["connected >= 99%", "failed_connections == 0", "call_errors(Authorize) == 0", "bad_frames == 0"] {
        #expect(!CapacitySummary.fleetSensitive(expression), "\(expression)")
    }
}

@Test func aFleetOnTimeAtTheKneeLeavesTheCapacityToTheCSMS() {
    let summary = CapacitySummary(
        steps: [
            measured(200, .passed, rate: 1_950, lagP50: 1, latencyP50: 40),
            measured(212, .failed, rate: 2_000, lagP50: 2, latencyP50: 160),
        ],
        interrupted: false)
    #expect(summary.capacity == 200)
    #expect(summary.exitCode == .ok)
}

@Test func aCSMSThatFellBehindReadingAtTheKneeIsSaidBesideItsCapacity() throws {
    var failed = measured(212, .failed, rate: 2_000, lagP50: 2, latencyP50: 160)
    failed.figures?.health.sendQueueBytes = 3 << 19
    failed.figures?.health.sendQueueGrowth = 1 << 20
    failed.figures?.health.backedUpLinks = 12
    let summary = CapacitySummary(
        steps: [measured(200, .passed, rate: 1_950, lagP50: 1, latencyP50: 40), failed], interrupted: false)
    #expect(summary.capacity == 200)
    #expect(summary.exitCode == .ok)
    #expect(summary.capacityLine.hasSuffix("212 failed; there the CSMS fell behind reading: 1.5MiB unsent on 12 links)"))
    #expect(summary.table.contains("1.5MiB ↑"))
    let data = Data(summary.json(search: try searchSettings()).utf8)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let steps = try #require(object["steps"] as? [[String: Any]])
    let health = try #require(steps[1]["fleet_health"] as? [String: Any])
    #expect(health["send_queue_bytes"] as? Int == 3 << 19)
    #expect(health["send_queue_growth_bytes"] as? Int == 1 << 20)
    #expect(health["send_queue_links"] as? Int == 12)
}

@Test func capacityJUnitHasOneCasePerStepAndOneForTheVerdict() throws {
    let summary = CapacitySummary(
        steps: [
            measured(200, .passed, rate: 1_950, lagP50: 1, latencyP50: 40),
            measured(300, .failed, rate: 2_000, lagP50: 2, latencyP50: 250),
            measured(250, .failed, rate: 2_000, lagP50: 2, latencyP50: 190),
        ],
        interrupted: false)
    let xml = CapacityJUnit.render(summary, search: try searchSettings(["--slo", "p50(*) < 50ms"]))
    let elements = try XMLElementCounter.counts(of: xml)
    #expect(elements["testcase"] == 4)
    #expect(elements["failure"] == 2)
    #expect(xml.contains("name=\"step 2: 300 stations\""))
    #expect(xml.contains("<property name=\"slo\" value=\"p50(*) &lt; 50ms\"/>"))
}

@Test func capacityReportHTMLChartsTheStepsAndMarksTheKnee() throws {
    let summary = CapacitySummary(
        steps: [
            measured(100, .passed, rate: 1_000, lagP50: 1, latencyP50: 5),
            measured(200, .passed, rate: 1_950, lagP50: 1, latencyP50: 40),
            measured(300, .failed, rate: 2_000, lagP50: 2, latencyP50: 250),
            measured(250, .failed, rate: 2_000, lagP50: 2, latencyP50: 190),
        ],
        interrupted: false)
    let html = CapacityReportHTML.render(summary, csms: "ws://127.0.0.1:9/ocpp?a=1&b=2")
    let elements = try XMLElementCounter.counts(of: html)
    // Latency and errors against stations and against msgs/s, and throughput against stations.
    #expect(elements["svg"] == 5)
    // One dot per step and series: latency p50 and p99 and errors twice, msgs/s and lag once.
    #expect(elements["circle"] == 4 * 8)
    #expect(html.contains("knee: 200 stations"))
    #expect(html.contains("knee: 1950 msgs/s"))
    #expect(html.contains("capacity: 200 stations"))
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
    let data = Data(summary.json(search: try searchSettings()).utf8)
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

/// `ocpp-fleet csms` on a loopback port the system chooses, answering every call `answerDelay` ms late;
/// it ends with the test's process (`--exit-with-stdin`), should that crash before stopping it.
private final class CSMSProcess {
    let process = Process()
    let input = Pipe()
    let port: Int

    convenience init(answerDelay: Int) throws {
        try self.init(["--answer-delay", "\(answerDelay)"])
    }

    /// - Parameter options: options of `ocpp-fleet csms` besides `--listen`.
    init(_ options: [String]) throws {
        process.executableURL = FleetProcess.executable
        process.arguments = ["csms", "--listen", "127.0.0.1:0", "--exit-with-stdin"] + options
        process.standardInput = input
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
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw POSIXError(.EADDRNOTAVAIL)
        }
        self.port = port
    }

    var url: String { "ws://127.0.0.1:\(port)/ocpp" }

    /// Kills it and waits for its end: a test stops it on every path (`defer { csms.stop() }`).
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit {
        stop()
    }
}

/// What a capacity search against `ocpp-fleet csms` printed and how it exited, with its report.
private struct CapacitySearchRun {
    let outcome: FleetProcess.Outcome
    /// `capacity.json`, parsed; `nil` when the search wrote none.
    let summary: [String: Any]?
    /// The paths in the report folder, relative to it.
    let files: Set<String>

    /// `capacity.json`, required.
    var capacity: [String: Any] {
        get throws { try #require(summary, "no capacity.json: \(outcome.stderr)") }
    }

    /// The sizes that bracket the knee (the largest that passed, the smallest that failed), required to
    /// be the CSMS's.
    var knee: (passed: Int, failed: Int) {
        get throws {
            let summary = try capacity
            #expect(summary["limited_by"] as? String == "csms", "\(outcome.stdout)")
            return (
                try #require(summary["largest_passed_stations"] as? Int),
                try #require(summary["smallest_failed_stations"] as? Int)
            )
        }
    }

    /// The steps of `capacity.json`, required.
    var steps: [[String: Any]] {
        get throws { try #require(try capacity["steps"] as? [[String: Any]]) }
    }
}

/// Runs `ocpp-fleet capacity options` against `ocpp-fleet csms csmsOptions` on the idle profile, with a
/// report folder of its own (removed after); with `interruptAfter`, Ctrl-C once its stderr shows that.
private func capacitySearch(
    csms csmsOptions: [String], _ options: [String], interruptAfter marker: String? = nil
) async throws -> CapacitySearchRun {
    let csms = try CSMSProcess(csmsOptions)
    defer { csms.stop() }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ocpp-fleet-capacity-\(UUID())")
    defer { try? FileManager.default.removeItem(at: folder) }
    let arguments =
        ["capacity", "--csms", csms.url, "--profile", "Profiles/idle.json"] + options + ["--report", folder.path]
    let outcome =
        if let marker {
            try await FleetProcess.interrupt(arguments, after: marker)
        } else {
            try await FleetProcess.run(arguments)
        }
    let summary = (try? Data(contentsOf: folder.appendingPathComponent("capacity.json")))
        .flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
    let files = Set(FileManager.default.subpaths(atPath: folder.path) ?? [])
    return CapacitySearchRun(outcome: outcome, summary: summary, files: files)
}

@Test func capacityGrowsTheFleetUntilAnSLOFailsAndReportsTheLargestSizeThatMetThemAll() async throws {
    let run = try await capacitySearch(
        csms: ["--answer-delay", "20"],
        [
            "--step", "5", "--max-stations", "25", "--hold", "3s", "--speed", "30", "--slo", "p99(*) < 5s",
            "--slo", "connected <= 10", "--resolution", "5",
        ])
    #expect(run.outcome.status == 0, "\(run.outcome.stderr)")
    #expect(run.outcome.stdout.contains("capacity: 10 stations (the largest size that met every SLO; 15 failed)"))
    #expect(run.outcome.stderr.contains("step 3: 15 stations: FAIL"))
    #expect(try run.capacity["capacity_stations"] as? Int == 10)
    let steps = try run.steps
    #expect(steps.map { $0["stations"] as? Int } == [5, 10, 15])
    #expect(steps.map { $0["result"] as? String } == ["pass", "pass", "fail"])
    for name in ["stations-05", "stations-10", "stations-15"] {
        #expect(run.files.contains("\(name)/report.json"), "\(run.files)")
    }
}

@Test func aFirstStepSlowerThanItsLatencySLOExitsOne() async throws {
    // Every answer is 300 ms late, so no step can have a median under 100 ms.
    let csms = try CSMSProcess(answerDelay: 300)
    defer { csms.stop() }
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

@Test func capacityHelpSaysHowTheFleetGrowsAndTheKneeIsNarrowedDown() async throws {
    let outcome = try await FleetProcess.run(["capacity", "--help"])
    #expect(outcome.status == 0)
    #expect(outcome.stdout.contains("the search bisects"))
    #expect(outcome.stdout.contains("with --fresh every step is a separate run"))
    #expect(outcome.stdout.contains("5 the fleet, not the CSMS, was the limit"))
}

@Test func ctrlCEndsTheSearchWithTheSummaryOfTheStepsDoneAndExits130() async throws {
    let run = try await capacitySearch(
        csms: ["--answer-delay", "0"],
        ["--step", "5", "--max-stations", "500", "--hold", "3s", "--speed", "30", "--slo", "errors < 100%"],
        interruptAfter: "step 1:")
    #expect(run.outcome.stderr.contains("step 1: 5 stations: PASS"), "\(run.outcome.stderr)")
    // A lower bound, not a capacity: CI must not take it for a full search.
    #expect(run.outcome.status == 130, "\(run.outcome.stderr)")
    #expect(run.outcome.stdout.contains("interrupted before a step failed"))
    #expect(try run.capacity["ended_by"] as? String == "interrupted")
    #expect((try run.capacity["capacity_stations"] as? Int ?? 0) >= 5)
}

// MARK: Knees, and fleets too small to find them

/// Each of these keeps a fleet and a CSMS busy for most of a minute, and each must have its share of the
/// machine to measure what it claims: one at a time, so that none starves another.
@Suite(.serialized) struct CapacityKneeTests {
    /// Every knee search: steps held 6 s (3 s of warm-up), narrowed down to 10 %, judged on the median.
    static let knee = ["--resolution", "10%", "--hold", "6s", "--warm-up", "3s", "--ramp", "1000/s"]

    @Test func capacityFindsTheKneeOfACSMSOfKnownCapacityWithinTheResolution() async throws {
        // 400 calls a second: a rate the debug build's fleet keeps even when the whole suite leaves it a tenth
        // of a core (it then sends about 600 a second; a fleet that cannot keep up says so, and this test would
        // fail). Each station sends a heartbeat every 10 s of its time, 50× faster: five calls a second, so the
        // knee is at 80 stations. Beyond it every call waits behind a full queue (a station has one call in
        // flight): the median latency jumps from a few milliseconds (a hundred on a machine with no core to
        // spare) to 200 and more.
        let run = try await capacitySearch(
            csms: ["--heartbeat-interval", "10", "--service-rate", "400/s"],
            ["--speed", "50", "--step", "50", "--max-stations", "200", "--slo", "p50(*) < 150ms"] + Self.knee)
        #expect(run.outcome.status == 0, "\(run.outcome.stderr)")
        let (passed, failed) = try run.knee
        // Bracketed within 10 % …
        #expect(Double(failed - passed) <= 0.1 * Double(passed), "\(run.outcome.stdout)")
        // … around 80 stations, with a margin for a busy machine's noise near the knee.
        #expect(passed >= 64 && failed <= 96, "\(run.outcome.stdout)")
        let steps = try run.steps
        #expect(steps.contains { $0["phase"] as? String == "bisect" })
        // Past the knee the CSMS answered at its rate, not at what was asked of it.
        let beyond = try #require(steps.first { $0["stations"] as? Int == 100 })
        #expect((beyond["msgs_per_s"] as? Double ?? 0) <= 400 * 1.1, "\(beyond)")
        #expect(run.files.isSuperset(of: ["report.html", "junit.xml"]), "\(run.files)")
    }

    @Test func capacityFindsTheKneeOfACSMSAnsweringTwoThousandCallsASecond() async throws {
        // The issue's own figure. Each station sends a heartbeat every 10 s of its time, 100× faster: ten calls
        // a second, so the knee is at 200 stations. The debug build's fleet paced it with a fifth of a core
        // while eight builds loaded the machine (load 27, 37 s); a machine that leaves it less makes the fleet
        // name itself the limit (exit 5), which is right, and then this test is cancelled, saying so, as it
        // is when the CSMS itself cannot answer 2,000 a second here: the 400/s test above checks the search on
        // any machine. Past the knee a station's heartbeat waits its turn behind every other's, N / 2,000 s
        // and more from when it was due: the median crosses 100 ms just past 200 stations and 150 ms only
        // near 230, where a loaded machine's noise (a starved fleet offers a little less than asked) moved
        // the first failing size past the 240 allowed (225 passed at 141 ms, 243 failed): the SLO sits
        // where the knee is.
        let run = try await capacitySearch(
            csms: ["--heartbeat-interval", "10", "--service-rate", "2000/s"],
            ["--speed", "100", "--step", "75", "--max-stations", "300", "--slo", "p50(*) < 100ms"] + Self.knee)
        if run.outcome.status == 5 {
            try Test.cancel(
                "the fleet could not pace 2,000 calls a second on this machine and said so: \(run.outcome.stdout)")
        }
        #expect(run.outcome.status == 0, "\(run.outcome.stderr)")
        let (passed, failed) = try run.knee
        let steps = try run.steps
        // The CSMS is a debug build on this machine too: starved, it answers fewer than it was given.
        let failing = steps.filter { $0["result"] as? String == "fail" }
        let served = failing.compactMap { $0["msgs_per_s"] as? Double }.max() ?? 0
        if served < 2_000 * 0.9 {
            try Test.cancel(
                "the CSMS answered at most \(Int(served)) calls a second on this machine: \(run.outcome.stdout)")
        }
        // A step well below the knee (160 stations ask 1,600 calls a second) that failed while the machine
        // starved the pair failed for the machine: the CSMS, or the fleet, could not carry a rate the CSMS
        // serves on a machine with a core for it (it answered a tenth less than asked, or the fleet's own
        // loops lagged a tenth of the latency SLO, which the latencies then include).
        let starved = failing.filter { step in
            let stations = step["stations"] as? Int ?? .max
            let asked = Double(stations) * 10
            let health = step["fleet_health"] as? [String: Any]
            return stations < 160
                && ((step["msgs_per_s"] as? Double ?? 0) < asked * 0.9 || (health?["lag_p50_ms"] as? Double ?? 0) > 10)
        }
        if let first = starved.first {
            try Test.cancel("the machine starved a step below the knee: \(first); \(run.outcome.stdout)")
        }
        #expect(Double(failed - passed) <= 0.1 * Double(passed), "\(run.outcome.stdout)")
        #expect(passed >= 160 && failed <= 240, "\(run.outcome.stdout)")
        #expect(steps.contains { $0["phase"] as? String == "bisect" })
        #expect(served <= 2_000 * 1.1, "\(run.outcome.stdout)")
    }

    @Test func aFleetOnOneLoopFarBelowTheLoadItIsAskedForReportsItselfAsTheLimit() async throws {
        // A CSMS with no limit of its own; 400 stations sending a heartbeat every 10 ms each ask one loop for
        // 40,000 calls a second, several times what it can send and read back even on a quiet machine.
        let run = try await capacitySearch(
            csms: ["--heartbeat-interval", "10"],
            [
                "--speed", "1000", "--step", "400", "--max-stations", "800", "--loops", "1", "--hold", "6s",
                "--warm-up", "3s", "--ramp", "1000/s", "--slo", "p99(*) < 20ms",
            ])
        #expect(run.outcome.status == 5, "\(run.outcome.stdout)\n\(run.outcome.stderr)")
        #expect(run.outcome.stdout.contains("capacity: unknown: the fleet saturated at"), "\(run.outcome.stdout)")
        #expect(run.outcome.stdout.contains("add processes or machines"))
        #expect(try run.capacity["limited_by"] as? String == "fleet")
        #expect(try run.capacity["capacity_stations"] is NSNull)
    }
}
