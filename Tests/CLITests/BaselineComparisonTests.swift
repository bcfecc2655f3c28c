import Foundation
import TestSupport
import Testing

/// The README's benchmark against the Python baseline (`Benchmarks/Baseline/compare.sh`), in its smoke mode:
/// tiny fleets and one paced rate, with the built binary. Its figures are the machine's; what is checked is
/// that both fleets ran against the CSMS and were measured.
@Test func theBaselineComparisonMeasuresBothFleetsAndPrintsTheirRatios() async throws {
    let outcome = try await ExternalCommand.run(
        "bash", ["Benchmarks/Baseline/compare.sh", "--quick"],
        environment: ["OCPP_FLEET": FleetProcess.executable.path], timeout: 400)
    try #require(outcome.status == 0, "compare.sh --quick failed: \(outcome.stderr)")
    let rows = outcome.stdout.split(separator: "\n").map { line in
        line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
    }
    for figure in ["fleet CPU µs per round trip", "RSS KiB per connected station", "connect + boot, stations/s"] {
        let row = try #require(rows.first { $0.first?.hasPrefix(figure) == true }, "no row \(figure)")
        try #require(row.count == 4)
        let ours = Double(row[1].replacingOccurrences(of: ",", with: ""))
        let python = Double(row[2].replacingOccurrences(of: ",", with: ""))
        #expect((ours ?? 0) > 0, "\(figure): \(row[1])")
        #expect((python ?? 0) > 0, "\(figure): \(row[2])")
        #expect(row[3].hasSuffix("better") || row[3].hasSuffix("worse"), "\(figure): \(row[3])")
    }
}
