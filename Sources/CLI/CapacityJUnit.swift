import Foundation
import Metrics

/// `junit.xml` of a capacity search: one test case per step (failed when the step missed an SLO or could
/// not run, with what it measured), then one for the search, failed when it names no CSMS capacity.
enum CapacityJUnit {
    static func render(_ summary: CapacitySummary, search: CapacitySearchSettings) -> String {
        var cases: [String] = []
        var failures = 0
        for (index, step) in summary.steps.enumerated() {
            let name = "step \(index + 1): \(step.stations) stations"
            let time = fixed(step.figures?.seconds ?? 0)
            var text = "    <testcase classname=\"capacity.steps\" name=\"\(XMLText.escape(name))\" time=\"\(time)\">\n"
            let measured = step.slo.map { "\($0.expression) → \(CapacityStep.measured($0)) \($0.ok ? "ok" : "FAILED")" }
            let detail = ([step.line] + measured).joined(separator: "\n")
            switch step.outcome {
            case .passed:
                text += "      <system-out>\(XMLText.escape(detail))</system-out>\n"
            case .failed, .unreachable, .error, .interrupted:
                failures += 1
                let type = step.figures?.fleetSaturated == true ? "fleet_saturated" : step.verdict
                text += "      <failure type=\"\(type)\" message=\"\(XMLText.escape(step.line))\">\(XMLText.escape(detail))</failure>\n"
            }
            cases.append(text + "    </testcase>\n")
        }
        var verdict = "    <testcase classname=\"capacity\" name=\"capacity\" time=\"0\">\n"
        if summary.exitCode == .ok {
            verdict += "      <system-out>\(XMLText.escape(summary.capacityLine))</system-out>\n"
        } else {
            failures += 1
            let line = XMLText.escape(summary.capacityLine)
            verdict += "      <failure type=\"\(summary.end.rawValue)\" message=\"\(line)\">\(line)</failure>\n"
        }
        cases.append(verdict + "    </testcase>\n")
        let time = fixed(summary.steps.compactMap(\.figures?.seconds).reduce(0, +))
        let counts = "tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"0\""
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"ocpp-fleet capacity\" \(counts) time=\"\(time)\">\n"
        xml += "  <testsuite name=\"capacity\" \(counts) skipped=\"0\" time=\"\(time)\">\n"
        xml += "    <properties>\n"
        for (name, value) in search.properties {
            xml += "      <property name=\"\(XMLText.escape(name))\" value=\"\(XMLText.escape(value))\"/>\n"
        }
        xml += "    </properties>\n"
        xml += cases.joined()
        xml += "  </testsuite>\n</testsuites>\n"
        return xml
    }

    private static func fixed(_ seconds: Double) -> String {
        String(format: "%.3f", seconds)
    }
}
