import Foundation
import Testing

@Test func csmsServesUntilInterruptedThenPrintsItsCounters() throws {
    let process = Process()
    process.executableURL = FleetProcess.executable
    process.arguments = ["csms", "--listen", "127.0.0.1:0", "--password", "s3cret"]
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    defer { if process.isRunning { process.terminate() } }

    // Wait (bounded) for the line that says where it listens.
    var banner = Data()
    for _ in 0..<100 where !String(decoding: banner, as: UTF8.self).contains("listening on") {
        banner.append(err.fileHandleForReading.availableData)
    }
    let text = String(decoding: banner, as: UTF8.self)
    #expect(text.contains("listening on ws://127.0.0.1:"))
    #expect(!text.contains("s3cret"))

    kill(process.processIdentifier, SIGINT)
    let counters = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    #expect(counters.contains("stations.connected 0"))
    #expect(!counters.contains("s3cret"))
}

@Test func csmsRefusesAnUnreadableListenAddress() throws {
    let outcome = try FleetProcess.run(["csms", "--listen", "localhost"])
    #expect(outcome.status == 2)
    #expect(outcome.stderr.contains("HOST:PORT"))
}
