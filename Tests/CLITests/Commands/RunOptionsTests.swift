import Fleet
import Foundation
import TestSupport
import Testing

@testable import CLI

private func runOptions(_ tokens: [String]) throws(UsageError) -> RunOptions {
    try RunOptions(ParsedArguments(tokens, for: RunCommand.configuration))
}

@Test func runWithNoOptionIsTheBusyHourOfTheDefaultProfile() throws {
    let options = try runOptions([])
    #expect(options.csms == nil)
    #expect(options.duration == .seconds(60))
    #expect(options.speed == 60)
    #expect(options.profile == .standard)
    #expect(options.profile.description == "default")
}

@Test func againstARealCSMSTheSpeedIsOneUnlessGiven() throws {
    #expect(try runOptions(["--csms", "ws://127.0.0.1:9/x"]).speed == 1)
    #expect(try runOptions(["--csms", "ws://127.0.0.1:9/x", "--speed", "10"]).speed == 10)
}

@Test func pingsAreOffUnlessAnIntervalIsGiven() throws {
    let profile = try #require(BuiltInProfile.named("idle")).load()
    #expect(try runOptions([]).runConfiguration(profile: profile).pingInterval == nil)
    let options = try runOptions(["--ping-interval", "30s"])
    #expect(options.runConfiguration(profile: profile).pingInterval == .seconds(30))
    #expect(throws: UsageError.self) { try runOptions(["--ping-interval", "0s"]) }
}

@Test func aConnectionMayTakeTenSecondsToOpenUnlessAnotherTimeoutIsGiven() throws {
    let profile = try #require(BuiltInProfile.named("idle")).load()
    #expect(try runOptions([]).runConfiguration(profile: profile).connectTimeout == .seconds(10))
    let options = try runOptions(["--connect-timeout", "45s"])
    #expect(options.runConfiguration(profile: profile).connectTimeout == .seconds(45))
}

@Test func aConnectTimeoutOfZeroOrBeyondAnHourIsRefusedWithTheReason() {
    for bad in ["0s", "0", "2h"] {
        let error = #expect(throws: UsageError.self) { try runOptions(["--connect-timeout", bad]) }
        #expect(error?.message == "--connect-timeout must be longer than zero and at most 1h", "\(bad)")
    }
    let unreadable = #expect(throws: UsageError.self) { try runOptions(["--connect-timeout", "soon"]) }
    #expect(unreadable?.message.contains("--connect-timeout") == true)
    #expect(unreadable?.message.contains("a duration such as 90s") == true)
}

@Test func aProfileIsABuiltInNameOrAFile() throws {
    #expect(try runOptions(["--profile", "smoke"]).profile.description == "smoke")
    let file = packageRoot.appendingPathComponent("Profiles/idle.json").path
    #expect(try runOptions(["--profile", file]).profile.description == file)
}

@Test func anUnknownProfileNameListsTheBuiltInOnes() {
    let error = #expect(throws: UsageError.self) { try runOptions(["--profile", "smok"]) }
    #expect(error?.message.contains("default, firmware-rollout") == true)
}

@Test func caFileAndInsecureCannotBeGivenTogether() throws {
    let file = #filePath
    #expect(throws: UsageError.self) {
        try runOptions(["--csms", "wss://127.0.0.1:9/x", "--ca-file", file, "--insecure"])
    }
}

@Test func tlsOptionsAreRefusedForAPlainWebSocketURL() {
    #expect(throws: UsageError.self) { try runOptions(["--csms", "ws://127.0.0.1:9/x", "--insecure"]) }
}

@Test func aMissingProfileIsRefusedBeforeAnythingStarts() {
    #expect(throws: UsageError.self) { try runOptions(["--profile", "/nonexistent/profile.json"]) }
}

@Test func aPasswordNeverAppearsInAnError() {
    do {
        _ = try runOptions(["--password", "hunter2", "--stations", "-1"])
        Issue.record("a negative station count was accepted")
    } catch {
        #expect(!error.message.contains("hunter2"))
    }
}

@Test func faultsJoinTheProfilesEventsTimedOnTheWallClock() throws {
    let profile = try #require(BuiltInProfile.named("idle")).load()
    let options = try runOptions(["--speed", "10", "--fault", "partition@30s:20s", "--fault", "drop@1m:stations=1-5"])
    let events = options.runConfiguration(profile: profile).profile.events
    #expect(
        events == [
            TimedEvent(at: 300_000, action: .linkFault(share: 1, .partition(durationMilliseconds: 20_000))),
            TimedEvent(at: 600_000, action: .dropLinks(share: 1, how: .fin), stations: 1...5),
        ])
}

@Test func aBadFaultExitsTwoNamingWhatWasExpected() async throws {
    let outcome = try await FleetProcess.run(["run", "--fault", "partition@1m"])
    #expect(outcome.status == 2)
    #expect(outcome.stderr.contains("invalid value 'partition@1m' for --fault: a duration after \"partition@1m:\""))
}

@Test func runHelpPrintsTheFaultGrammar() async throws {
    let outcome = try await FleetProcess.run(["run", "--help"])
    #expect(outcome.status == 0)
    #expect(outcome.stdout.contains("--fault SPEC"))
    #expect(outcome.stdout.contains("KIND@AT[:DURATION][:OPTION=VALUE[,OPTION=VALUE]...]"))
}
