import Foundation
import Metrics

/// `junit.xml` of a capacity search: one test case per step (failed when the step missed an SLO or could
/// not run, with what it measured), then one for the search, failed when it names no CSMS capacity.
enum CapacityJUnit {
    static func render(_ summary: CapacitySummary, search: CapacitySearchSettings) -> String {
        let steps = summary.steps.enumerated().map { index, step in
            let measured = step.slo.map { "\($0.expression) → \(CapacityStep.measured($0)) \($0.ok ? "ok" : "FAILED")" }
            let detail = ([step.line] + measured).joined(separator: "\n")
            let outcome: JUnitDocument.Outcome =
                switch step.outcome {
                case .passed:
                    .passed(output: detail)
                case .failed, .unreachable, .error, .interrupted:
                    .failure(
                        type: step.figures?.fleetSaturated == true ? "fleet_saturated" : step.verdict,
                        message: step.line, detail: detail)
                }
            return JUnitDocument.TestCase(
                classname: "capacity.steps", name: "step \(index + 1): \(step.stations) stations",
                time: fixed(step.figures?.seconds ?? 0), outcome: outcome)
        }
        let line = summary.capacityLine
        let verdict = JUnitDocument.TestCase(
            classname: "capacity", name: "capacity",
            outcome: summary.exitCode == .ok
                ? .passed(output: line) : .failure(type: summary.end.rawValue, message: line, detail: line))
        return JUnitDocument.render(
            name: "ocpp-fleet capacity", suite: "capacity",
            time: fixed(summary.steps.compactMap(\.figures?.seconds).reduce(0, +)), properties: search.properties,
            cases: steps + [verdict]
        )
    }

    private static func fixed(_ seconds: Double) -> String {
        String(format: "%.3f", seconds)
    }
}
