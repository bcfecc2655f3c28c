import Testing

@Test func noCommandPrintsTheCommandListAndExitsTwo() throws {
    let outcome = try FleetProcess.run([])
    #expect(outcome.status == 2)
    #expect(outcome.stdout.contains("profile check"))
}

@Test func helpExitsZero() throws {
    let outcome = try FleetProcess.run(["run", "--help"])
    #expect(outcome.status == 0)
    #expect(outcome.stdout.contains("--stations N"))
    #expect(outcome.stdout.contains("SLO expressions"))
}

@Test func anUnknownCommandExitsTwo() throws {
    let outcome = try FleetProcess.run(["fly"])
    #expect(outcome.status == 2)
    #expect(outcome.stderr.contains("unknown command 'fly'"))
}

@Test func aBadOptionValueExitsTwoAndSaysWhatWasExpected() throws {
    let outcome = try FleetProcess.run(["run", "--duration", "soon"])
    #expect(outcome.status == 2)
    #expect(outcome.stderr.contains("invalid value 'soon' for --duration"))
}
