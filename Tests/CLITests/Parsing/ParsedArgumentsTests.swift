import Testing

@testable import CLI

private let stations = Option("--stations", "N", help: "Stations", default: .text("10"), as: Count.positive)
private let slo = Option("--slo", "EXPR", help: "An SLO", repeatable: true, as: { text throws(ValueError) in text })
private let seed = Option("--seed", "N", help: "Seed", default: .described("the time"), as: Count.seed)
private let out = Option("--out", "DIR", help: "Where", default: .required, as: { text throws(ValueError) in text })
private let quiet = Flag("--quiet", help: "Quiet")
private let configuration = CommandConfiguration(
    path: ["demo"], abstract: "demo", options: [stations, slo, seed, out, quiet])

@Test func optionValuesAreReadSeparatedOrWithEquals() throws {
    let parsed = try ParsedArguments(["--stations", "12", "--slo=errors < 1%"], for: configuration)
    #expect(try parsed.value(stations) == 12)
    #expect(try parsed.values(slo) == ["errors < 1%"])
}

@Test func repeatableOptionsKeepEveryValueInOrder() throws {
    let parsed = try ParsedArguments(["--slo", "a", "--slo", "b"], for: configuration)
    #expect(try parsed.values(slo) == ["a", "b"])
}

@Test func flagsArePresentOrAbsent() throws {
    #expect(try ParsedArguments(["--quiet"], for: configuration).flag(quiet))
    #expect(try !ParsedArguments([], for: configuration).flag(quiet))
}

@Test func anOptionNotGivenIsWorthItsDeclaredDefaultText() throws {
    #expect(try ParsedArguments([], for: configuration).value(stations) == 10)
}

@Test func anOptionWhoseDefaultIsDescribedIsNilUntilGiven() throws {
    #expect(try ParsedArguments([], for: configuration).valueIfGiven(seed) == nil)
    #expect(try ParsedArguments(["--seed", "7"], for: configuration).valueIfGiven(seed) == 7)
}

@Test func aRequiredOptionNotGivenIsRefusedWithItsPlaceholder() throws {
    let parsed = try ParsedArguments([], for: configuration)
    #expect(throws: UsageError("option --out DIR is required", command: "demo")) { try parsed.value(out) }
}

@Test func anUnknownOptionIsRefusedByName() {
    #expect(throws: UsageError("unknown option '--stattions' for 'ocpp-fleet demo'", command: "demo")) {
        try ParsedArguments(["--stattions", "3"], for: configuration)
    }
}

@Test func anOptionWithoutItsValueIsRefused() {
    #expect(throws: UsageError("option --stations needs a value (N)", command: "demo")) {
        try ParsedArguments(["--stations"], for: configuration)
    }
}

@Test func aSingleOptionGivenTwiceIsRefused() {
    #expect(throws: UsageError("option --stations is given twice", command: "demo")) {
        try ParsedArguments(["--stations", "1", "--stations", "2"], for: configuration)
    }
}

@Test func aFlagGivenAValueIsRefused() {
    #expect(throws: UsageError("option --quiet takes no value", command: "demo")) {
        try ParsedArguments(["--quiet=yes"], for: configuration)
    }
}

@Test func helpIsRecognisedAnywhere() throws {
    #expect(try ParsedArguments(["--stations", "1", "--help"], for: configuration).wantsHelp)
    #expect(try ParsedArguments(["-h"], for: configuration).wantsHelp)
}

@Test func wordsThatAreNotOptionsArePositional() throws {
    let parsed = try ParsedArguments(["a.json", "--", "--b"], for: configuration)
    #expect(parsed.positionals == ["a.json", "--b"])
}

@Test func aBadValueNamesTheOptionAndWhatWasExpected() throws {
    let parsed = try ParsedArguments(["--stations", "many"], for: configuration)
    #expect(throws: UsageError("invalid value 'many' for --stations: a whole number above 0", command: "demo")) {
        try parsed.value(stations)
    }
}

@Test func theHelpLineOfAnOptionSaysItsDefaultFromItsDeclaration() {
    #expect(stations.spec.helpLine == "Stations (default: 10).")
    #expect(seed.spec.helpLine == "Seed (default: the time).")
    #expect(out.spec.helpLine == "Where (required).")
    #expect(slo.spec.helpLine == "An SLO (repeatable).")
    #expect(configuration.help.contains("\n  --stations N  Stations (default: 10).\n"))
}

@Test func readingAnOptionTheCommandDoesNotDeclareStopsTheProgram() async {
    await #expect(processExitsWith: .failure) {
        let other = Option("--other", "N", help: "Other", as: Count.positive)
        _ = try? ParsedArguments([], for: configuration).valueIfGiven(other)
    }
}
