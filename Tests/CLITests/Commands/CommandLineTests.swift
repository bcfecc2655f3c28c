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
