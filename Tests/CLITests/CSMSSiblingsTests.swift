import CSMS
import Testing

@testable import CLI

private func csms(_ tokens: [String]) throws(UsageError) -> CSMSCommand {
    try CSMSCommand(ParsedArguments(tokens, for: CSMSCommand.configuration))
}

@Test func eachSiblingKnowsWhichProcessItIsAndTakesItsShareOfTheServiceRate() throws {
    let first = try csms(["--listen", "127.0.0.1:9000", "--processes", "3", "--service-rate", "2000/s"])
    let siblings = CSMSSiblings(command: first, port: 9000, startedAt: 0)
    let second = try csms(Array(siblings.arguments.dropFirst()) + ["--process-index", "1"])
    #expect(second.isSibling)
    #expect(second.exitWithStdin)
    #expect(!first.exitWithStdin)
    let answering = [first, second].map { $0.csmsConfiguration(start: 0) }
    #expect(answering.map(\.serviceRate) == [2000.0 / 3, 2000.0 / 3])
    #expect(answering.map(\.transactionIDs) == [0, 1].map { CSMSConfiguration.transactionIDs(process: $0, of: 3) })
}

@Test func aProcessIndexBeyondTheProcessesIsRefused() {
    #expect(throws: UsageError.self) {
        try csms(["--listen", "127.0.0.1:9000", "--processes", "2", "--process-index", "2"])
    }
}
