import TestSupport
import Testing

@Test func noCommandPrintsTheCommandListAndExitsTwo() async throws {
    let outcome = try await FleetProcess.run([])
    #expect(outcome.status == 2)
    #expect(outcome.stdout.contains("profile check"))
}

@Test func helpExitsZero() async throws {
    let outcome = try await FleetProcess.run(["run", "--help"])
    #expect(outcome.status == 0)
    #expect(outcome.stdout.contains("--stations N"))
    #expect(outcome.stdout.contains("SLO expressions"))
}

@Test func anUnknownCommandExitsTwo() async throws {
    let outcome = try await FleetProcess.run(["fly"])
    #expect(outcome.status == 2)
    #expect(outcome.stderr.contains("unknown command 'fly'"))
}

@Test func aBadOptionValueExitsTwoAndSaysWhatWasExpected() async throws {
    let outcome = try await FleetProcess.run(["run", "--duration", "soon"])
    #expect(outcome.status == 2)
    #expect(outcome.stderr.contains("invalid value 'soon' for --duration"))
}

@Test func runHelpSaysWhichWaitsRunOnStationTimeAndWhichOnWallTime() async throws {
    let outcome = try await FleetProcess.run(["run", "--help"])
    #expect(outcome.status == 0)
    #expect(outcome.stdout.contains("default: 1 with --csms"))
    #expect(outcome.stdout.contains("heartbeat and meter-value intervals"))
    #expect(outcome.stdout.contains("Wall time is never scaled"))
    #expect(outcome.stdout.contains("130 (SIGINT"))
}

@Test(arguments: [("profile", ["check", "list"]), ("report", ["merge", "compare"])])
func aWordThatGroupsCommandsHasItsOwnHelp(word: String, subcommands: [String]) async throws {
    let outcome = try await FleetProcess.run([word, "--help"])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    for subcommand in subcommands {
        #expect(outcome.stdout.contains("\n  \(subcommand) "), "\(subcommand)")
    }
}

@Test func aGroupWithoutItsSubcommandExitsTwoWithItsHelp() async throws {
    let outcome = try await FleetProcess.run(["report"])
    #expect(outcome.status == 2)
    #expect(outcome.stderr.contains("'report' needs a subcommand"))
    #expect(outcome.stderr.contains("merge"))
}
