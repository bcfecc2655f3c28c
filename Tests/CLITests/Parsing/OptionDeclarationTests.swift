import Foundation
import Testing

@testable import CLI

/// A line each command runs with (its required options only): reading it reads every option the
/// command declares, each default text through its own conversion.
private let minimalLines: [String: [String]] = [
    "run": [],
    "csms": ["--listen", "127.0.0.1:0"],
    "simulate": [],
    "capacity": ["--csms", "ws://127.0.0.1:9/ocpp", "--slo", "errors < 1%"],
    "profile check": ["idle"],
    "profile list": [],
    "report merge": ["a", "--out", "b"],
    "report compare": [#filePath, #filePath],
]

@Test(arguments: OCPPFleet.commands.map { $0.configuration.name })
func everyOptionACommandDeclaresHasItsHelpLineFromTheSameDeclaration(command: String) throws {
    let configuration = try #require(OCPPFleet.commands.first { $0.configuration.name == command }).configuration
    let help = configuration.help
    for spec in configuration.options where !spec.hidden {
        #expect(help.contains("\n  \(spec.label) ") || help.contains("\n  \(spec.label)\n"), "\(spec.name)")
        #expect(help.contains("  \(spec.helpLine)\n"), "\(spec.name)")
    }
    #expect(Set(configuration.options.map(\.name)).count == configuration.options.count)
}

@Test(arguments: OCPPFleet.commands.map { $0.configuration.name })
func everyCommandReadsOnlyOptionsItDeclaresAndEveryDefaultTextReads(command: String) throws {
    let type = try #require(OCPPFleet.commands.first { $0.configuration.name == command })
    let line = try #require(minimalLines[command], "no minimal line for \(command)")
    _ = try type.init(ParsedArguments(line, for: type.configuration))
}

@Test func theOptionsRunAndCapacityShareParseAlikeInBoth() throws {
    let shared = [
        "--csms", "wss://127.0.0.1:9/ocpp", "--profile", "smoke", "--speed", "30", "--seed", "7",
        "--password", "s3cret", "--ping-interval", "30s", "--connect-timeout", "20s", "--insecure", "--ramp", "100/s", "--report", "out",
        "--slo", "errors < 1%", "--quiet",
    ]
    let run = try RunOptions(ParsedArguments(shared, for: RunCommand.configuration))
    let capacity = try CapacityCommand(ParsedArguments(shared, for: CapacityCommand.configuration))
    #expect(run.fleetOptions == capacity.fleetOptions)
    #expect(run.csms == capacity.csms)
    #expect(run.ramp == capacity.ramp)
    #expect(run.report == capacity.report)
    #expect(run.slos == capacity.slos)
    #expect(run.quiet == capacity.quiet)
}

@Test func anOptionOfTheSameNameInTwoCommandsTakesTheSamePlaceholder() {
    var placeholders: [String: String?] = [:]
    for command in OCPPFleet.commands {
        for spec in command.configuration.options {
            if let known = placeholders[spec.name] {
                #expect(known == spec.value, "\(spec.name) in \(command.configuration.name)")
            }
            placeholders[spec.name] = spec.value
        }
    }
}

@Test func capacityShowsTheCSMSAsRequiredWhereRunShowsItsDefault() {
    #expect(RunCommand.configuration.help.contains("(default: the embedded CSMS on loopback)."))
    #expect(CapacityCommand.configuration.help.contains("URL/<id> (required)."))
}
