import Testing

@testable import CLI

private let configuration = CommandConfiguration(
    path: ["demo"], abstract: "demo",
    options: [
        OptionSpec("--stations", value: "N", help: ""),
        OptionSpec("--slo", value: "EXPR", help: "", repeatable: true),
        OptionSpec("--quiet", help: ""),
    ]
)

@Test func optionValuesAreReadSeparatedOrWithEquals() throws {
    let parsed = try ParsedArguments(["--stations", "10", "--slo=errors < 1%"], for: configuration)
    #expect(parsed.value("--stations") == "10")
    #expect(parsed.all("--slo") == ["errors < 1%"])
}

@Test func repeatableOptionsKeepEveryValueInOrder() throws {
    let parsed = try ParsedArguments(["--slo", "a", "--slo", "b"], for: configuration)
    #expect(parsed.all("--slo") == ["a", "b"])
}

@Test func flagsArePresentOrAbsent() throws {
    #expect(try ParsedArguments(["--quiet"], for: configuration).flag("--quiet"))
    #expect(try !ParsedArguments([], for: configuration).flag("--quiet"))
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
        try parsed.value("--stations", as: Count.positive)
    }
}
