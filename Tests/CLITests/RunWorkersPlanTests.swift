import Basics
import Fleet
import Foundation
import Testing

@testable import CLI

private func workers(_ tokens: [String], processes: Int = 3) throws -> RunWorkers {
    let options = try RunOptions(ParsedArguments(tokens, for: RunCommand.configuration))
    let profile = try #require(BuiltInProfile.named("idle")).load()
    return RunWorkers(options: options, configuration: options.runConfiguration(profile: profile), processes: processes)
}

@Test func oneProcessHoldsWhatItsOpenFileLimitAllowsAndHalfWithTheEmbeddedCSMS() {
    #expect(RunWorkers.stationsPerProcess(openFileLimit: 20_000, embeddedCSMS: false) == 19_744)
    #expect(RunWorkers.stationsPerProcess(openFileLimit: 20_000, embeddedCSMS: true) == 9_872)
    #expect(RunWorkers.stationsPerProcess(openFileLimit: 100, embeddedCSMS: false) == 1)
}

@Test func aRunSplitsIntoAsManyProcessesAsItsStationsNeed() throws {
    func count(_ tokens: [String]) throws -> Int {
        let options = try RunOptions(ParsedArguments(tokens, for: RunCommand.configuration))
        let profile = try #require(BuiltInProfile.named("idle")).load()
        return try RunWorkers.processCount(options: options, configuration: options.runConfiguration(profile: profile))
    }
    #expect(try count(["--stations", "30", "--max-stations-per-process", "10"]) == 3)
    #expect(try count(["--stations", "31", "--max-stations-per-process", "10"]) == 4)
    #expect(try count(["--stations", "10", "--max-stations-per-process", "10"]) == 1)
    #expect(try count(["--stations", "30", "--processes", "2"]) == 2)
    #expect(throws: UsageError.self) { try count(["--stations", "2", "--processes", "3"]) }
}

@Test func eachWorkerRunsItsShardOfTheSameFleetWithItsShareOfTheRamp() throws {
    let plan = try workers([
        "--stations", "30", "--seed", "7", "--ramp", "300/s", "--duration", "90s", "--speed", "2",
        "--connect-timeout", "25s",
    ])
    let arguments = plan.arguments(worker: 2, folder: URL(fileURLWithPath: "/tmp/x"))
    let options = try RunOptions(ParsedArguments(Array(arguments.dropFirst()), for: RunCommand.configuration))
    #expect(options.isWorker)
    #expect(options.shard == FleetShard(index: 1, count: 3))
    #expect(options.stations == 30)
    #expect(options.seed == 7)
    #expect(options.ramp == 100)
    #expect(options.duration == .seconds(90))
    #expect(options.speed == 2)
    #expect(options.connectTimeout == .seconds(25))
    #expect(options.report == "/tmp/x/2")
    #expect(options.slos.isEmpty)
}

@Test func workersShareGivenSourceAddressesAndLeaveTheirOwnToTheirShardOtherwise() throws {
    let given = try workers(["--csms", "ws://127.0.0.1:9000/ocpp", "--source-addresses", "127.0.0.1-127.0.0.6"])
    #expect(given.sourceAddresses(worker: 1) == ["127.0.0.1", "127.0.0.4"])
    #expect(given.sourceAddresses(worker: 3) == ["127.0.0.3", "127.0.0.6"])
    let few = try workers(["--csms", "ws://127.0.0.1:9000/ocpp", "--source-addresses", "127.0.0.1-127.0.0.2"])
    #expect(few.sourceAddresses(worker: 3) == ["127.0.0.1", "127.0.0.2"])
    let loopback = try workers(["--csms", "ws://127.0.0.1:9000/ocpp"])
    #expect(loopback.sourceAddresses(worker: 3).isEmpty)
    #expect(try workers(["--csms", "ws://csms.example:9000/ocpp"]).sourceAddresses(worker: 3).isEmpty)
    #expect(try workers([]).sourceAddresses(worker: 3).isEmpty)
}

@Test func aWorkersProgressLineReadsBackAndTheWorkersAddUp() throws {
    let first = WorkerProgress(
        elapsedSeconds: 12.5, connected: 400, messagesPerSecond: 80, latencyP99Micros: 1_500, errors: 2)
    let second = WorkerProgress(
        elapsedSeconds: 12.0, connected: 300, messagesPerSecond: 70, latencyP99Micros: 2_500, errors: 1)
    #expect(WorkerProgress(line: first.line) == first)
    #expect(WorkerProgress(line: "error: something") == nil)
    #expect(
        WorkerProgress.line(merging: [first, second], stations: 1_000)
            == "12.5s  connected 700/1000  150 msgs/s  p99 2.500 ms  errors 3")
}
