import Foundation
import TestSupport
import Testing

/// A fleet's peak memory depends on its stations, not on how long it runs: what is kept per second (the
/// timeline, the histograms) is bounded, so that a day-long run holds what a short one holds. Each length
/// runs in a process of its own, since a process's peak resident size only ever grows.
@Suite struct RunLengthMemoryTests {
    /// A few MiB: what the allocator keeps or returns from one run to another, far less than the growth of
    /// the first version (2.4 MiB a minute at 3,000 stations).
    static let tolerance = 4 << 20

    /// Runs `ocpp-fleet arguments --report FOLDER` and gives the peak resident size its report tells.
    private func peakResidentBytes(_ arguments: [String], timeout: TimeInterval) async throws -> Int {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ocpp-fleet-rss-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try await FleetProcess.run(arguments + ["--report", folder.path, "--quiet"], timeout: timeout)
        try #require(outcome.status == 0, "\(outcome.stderr)")
        let report = try JSONSerialization.jsonObject(
            with: Data(contentsOf: folder.appendingPathComponent("report.json"))) as? [String: Any]
        let process = try #require(report?["process"] as? [String: Any])
        return try #require(process["max_rss_bytes"] as? Int)
    }

    @Test func halfASimulatedDayPeaksAtTheMemoryOfASimulatedHour() async throws {
        let fleet = ["simulate", "--stations", "10"]
        async let hour = peakResidentBytes(fleet + ["--duration", "1h"], timeout: 300)
        async let day = peakResidentBytes(fleet + ["--duration", "12h"], timeout: 600)
        let (short, long) = try await (hour, day)
        #expect(abs(long - short) < Self.tolerance, "1 h: \(short) bytes, 12 h: \(long) bytes")
    }

    /// On the embedded CSMS, four times as long on the wall clock: 240 timeline seconds against 60.
    @Test func aRunFourTimesAsLongPeaksAtTheSameMemory() async throws {
        let fleet = ["run", "--stations", "100", "--speed", "60"]
        async let quarter = peakResidentBytes(fleet + ["--duration", "60s"], timeout: 400)
        async let whole = peakResidentBytes(fleet + ["--duration", "240s"], timeout: 600)
        let (short, long) = try await (quarter, whole)
        #expect(abs(long - short) < Self.tolerance, "60 s: \(short) bytes, 240 s: \(long) bytes")
    }
}
