import Foundation
import TestSupport
import Testing

private func temporaryFolder() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("ocpp-fleet-compare-\(UUID())")
}

/// A simulated run's report.json in `folder`.
private func baseline(in folder: URL) async throws -> URL {
    let outcome = try await FleetProcess.run([
        "simulate", "--profile", "Profiles/smoke.json", "--duration", "20m", "--quiet", "--report", folder.path,
    ])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    return folder.appendingPathComponent("report.json")
}

@Test func aRunComparedWithItselfExitsZeroWithTheTable() async throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let report = try await baseline(in: folder)
    let outcome = try await FleetProcess.run(["report", "compare", report.path, report.path])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    for figure in ["Heartbeat p99 ms", "msgs/s", "errors %", "timeouts %", "connected", "transactions started"] {
        #expect(outcome.stdout.contains(figure), "\(figure)")
    }
    #expect(outcome.stdout.contains("no regression: "))
    // The simulation's 20 minutes hold some 400 Heartbeats: enough behind a p99, not behind a p99.9.
    #expect(outcome.stdout.contains("Heartbeat p99 ms"))
    #expect(outcome.stdout.contains("not judged for want of samples"))
}

@Test func aSlowerRunExitsOneAndNamesWhatRegressed() async throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let report = try await baseline(in: folder)
    let text = try String(contentsOf: report, encoding: .utf8)
    // The simulation answers every call in 4 ms; the new run's Heartbeat p99 takes 6 ms.
    let heartbeat = try #require(text.range(of: "\"Heartbeat\": {"))
    let p99 = try #require(text.range(of: "\"p99\": 4,", range: heartbeat.upperBound..<text.endIndex))
    let slower = folder.appendingPathComponent("slower.json")
    try Data(text.replacingCharacters(in: p99, with: "\"p99\": 6,").utf8).write(to: slower)
    let outcome = try await FleetProcess.run(["report", "compare", report.path, slower.path, "--max-regression", "20%"])
    #expect(outcome.status == 1, "\(outcome.stderr)")
    #expect(outcome.stdout.contains("REGRESSION: 1 figure worse beyond its threshold: Heartbeat p99 ms (+50.0%)"))
    let generous = try await FleetProcess.run(["report", "compare", report.path, slower.path, "--max-regression", "p99=60%"])
    #expect(generous.status == 0)
}

@Test func aFileThatIsNotAReportIsExitTwoWithItsPath() async throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let report = try await baseline(in: folder)
    let other = folder.appendingPathComponent("other.json")
    try Data(#"{"run": {"seed": 1}}"#.utf8).write(to: other)
    let outcome = try await FleetProcess.run(["report", "compare", report.path, other.path])
    #expect(outcome.status == 2)
    #expect(outcome.stderr.contains("\(other.path): at $.run.stations: expected a value (missing)"))
}

/// `report` with the first `"key": from,` after `"Heartbeat": {` replaced by `"key": to,`, written to `name`.
private func edited(_ report: URL, _ key: String, from: Int, to: Int, as name: String) throws -> URL {
    let text = try String(contentsOf: report, encoding: .utf8)
    let heartbeat = try #require(text.range(of: "\"Heartbeat\": {"))
    let figure = try #require(text.range(of: "\"\(key)\": \(from),", range: heartbeat.upperBound..<text.endIndex))
    let file = report.deletingLastPathComponent().appendingPathComponent(name)
    try Data(text.replacingCharacters(in: figure, with: "\"\(key)\": \(to),").utf8).write(to: file)
    return file
}

@Test func aRunTooShortForItsP999IsInconclusiveWithExitFour() async throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let report = try await baseline(in: folder)
    // Some 400 Heartbeats: a p99.9 worse by half on them proves nothing either way.
    let slower = try edited(report, "p999", from: 4, to: 6, as: "slower.json")
    let outcome = try await FleetProcess.run(["report", "compare", report.path, slower.path])
    #expect(outcome.status == 4, "\(outcome.stderr)")
    #expect(outcome.stdout.contains("INCONCLUSIVE: the data cannot support a verdict"))
    #expect(outcome.stdout.contains("Heartbeat p99.9 ms is worse (+50.0%, limit +20%) on "))
    #expect(outcome.stdout.contains(", 1000 needed: run longer"))
}

@Test func severalBaselinesGivenByAGlobAreComparedThroughTheirMedianWithAJUnitFile() async throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let report = try await baseline(in: folder)
    let main = folder.appendingPathComponent("main")
    try FileManager.default.createDirectory(at: main, withIntermediateDirectories: true)
    // Heartbeat p99 of the baselines: 4, 5 and 9 ms; against their median (5), 6 ms is 20 % worse.
    for (index, p99) in [4, 5, 9].enumerated() {
        let copy = try edited(report, "p99", from: 4, to: p99, as: "copy.json")
        try FileManager.default.moveItem(at: copy, to: main.appendingPathComponent("report-\(index).json"))
    }
    let slower = try edited(report, "p99", from: 4, to: 6, as: "slower.json")
    let junit = folder.appendingPathComponent("compare.xml")
    let outcome = try await FleetProcess.run([
        "report", "compare", "--baseline", main.path + "/report-*.json", slower.path, "--junit", junit.path,
    ])
    #expect(outcome.status == 1, "\(outcome.stderr)")
    #expect(outcome.stdout.hasPrefix("baseline: the median of 3 reports\n"))
    #expect(outcome.stdout.contains("REGRESSION: 1 figure worse beyond its threshold: Heartbeat p99 ms (+20.0%)"))
    let xml = try String(contentsOf: junit, encoding: .utf8)
    #expect(xml.contains("<testsuite name=\"report compare\""))
    #expect(xml.contains("<property name=\"verdict\" value=\"regression\"/>"))
    #expect(xml.contains("<testcase classname=\"compare.Heartbeat\" name=\"Heartbeat p99 ms\" time=\"0\">\n      <failure"))
}

@Test func aBadThresholdListIsExitTwoNamingThePart() async throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let report = try await baseline(in: folder)
    let outcome = try await FleetProcess.run([
        "report", "compare", report.path, report.path, "--max-regression", "p99=10%,jitter=5%",
    ])
    #expect(outcome.status == 2)
    #expect(outcome.stderr.contains("unknown figure 'jitter' in 'jitter=5%'"))
}

@Test func theHelpGivesTheFiguresTheirDefaultsAndTheExitCodes() async throws {
    let outcome = try await FleetProcess.run(["report", "compare", "--help"])
    #expect(outcome.status == 0)
    #expect(outcome.stdout.contains("p50 [10%]  p99 [10%]  p99.9 [20%]"))
    #expect(outcome.stdout.contains("4 inconclusive"))
}
