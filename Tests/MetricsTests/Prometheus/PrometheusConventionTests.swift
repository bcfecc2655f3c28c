import Foundation
import TestSupport
import Testing

@testable import Metrics

/// The exposition as Prometheus reads it, held to docs/metrics.md and to the Grafana dashboard built on it.
@Suite struct PrometheusConventionTests {
    /// Every figure the embedded CSMS names (`CSMSCounters.snapshot`), one of each pattern.
    static let csmsCounters: [String: Double] = [
        "received.BootNotification": 10, "answered.BootNotification": 10, "call_errors.InternalError": 1,
        "id_tags.Accepted": 7, "id_tags.Invalid": 2, "faults.internal_error": 1, "faults.no_answer": 0,
        "commands.Reset.sent": 2, "commands.Reset.Accepted": 1, "commands.Reset.TimedOut": 1,
        "stations.connected": 9, "stations.max_connected": 10, "stations.connections": 12, "stations.replaced": 1,
        "transactions.open": 1, "transactions.started": 4, "transactions.stopped": 3,
        "transactions.stopped_unknown": 0, "frames.unreadable": 0, "frames.unmatched": 0,
    ]

    /// One line per family, as the Python client parsed it: name, type, sample names.
    struct Family {
        let name: String
        let type: String
        let samples: [String]
    }

    static func parsed() async throws -> [Family] {
        var aggregator = MetricsAggregator(loopCount: 2)
        aggregator.add(ReportFixture.recording(ofLoop: 0), fromLoop: 0)
        aggregator.add(ReportFixture.recording(ofLoop: 1), fromLoop: 1)
        let text = PrometheusExposition.render(aggregator.finish(), csms: csmsCounters)
        let outcome = try await PythonPeer.run(
            script: "Tests/MetricsTests/Peers/check_exposition.py", input: Data(text.utf8))
        #expect(outcome.status == 0, "\(outcome.stderr)")
        return outcome.stdout.split(separator: "\n").map { line in
            let words = line.split(separator: " ").map(String.init)
            return Family(name: words[0], type: words[1], samples: Array(words.dropFirst(2)))
        }
    }

    /// The metric names docs/metrics.md documents, in its tables' first column.
    static func documented() throws -> [String] {
        let text = try String(contentsOf: packageRoot.appendingPathComponent("docs/metrics.md"), encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("| `ocpp_fleet_") else { return nil }
            return String(line.dropFirst(3).prefix { $0 != "`" })
        }
    }

    /// A family as a query or the documentation names it: a counter with its `_total`.
    static func exposedName(_ family: Family) -> String {
        family.type == "counter" ? family.name + "_total" : family.name
    }

    @Test func theExpositionParsesWithThePrometheusClientAndFollowsItsConventions() async throws {
        let families = try await Self.parsed()
        #expect(families.count > 30)
        #expect(families.contains { $0.name == "ocpp_fleet_latency_seconds" && $0.type == "histogram" })
    }

    @Test func everyDocumentedMetricIsExposedAndEveryExposedOneDocumented() async throws {
        let exposed = try await Self.parsed().map(Self.exposedName)
        let documented = try Self.documented()
        #expect(documented.count == Set(documented).count, "a metric documented twice")
        #expect(Set(documented).subtracting(exposed).sorted() == [], "documented but not exposed")
        #expect(Set(exposed).subtracting(documented).sorted() == [], "exposed but not documented")
    }

    @Test func theDocumentationGivesEachMetricItsType() async throws {
        let families = try await Self.parsed()
        let text = try String(contentsOf: packageRoot.appendingPathComponent("docs/metrics.md"), encoding: .utf8)
        for family in families {
            #expect(text.contains("| `\(Self.exposedName(family))` | \(family.type) |"), "\(family.name)")
        }
    }

    @Test func everyMetricTheGrafanaDashboardQueriesIsExposed() async throws {
        let families = try await Self.parsed()
        let samples = Set(families.flatMap(\.samples) + families.map(Self.exposedName))
        let data = try Data(contentsOf: packageRoot.appendingPathComponent("examples/grafana/ocpp-fleet.json"))
        let dashboard = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let panels = try #require(dashboard["panels"] as? [[String: Any]])
        var queried: Set<String> = []
        for panel in panels {
            for target in panel["targets"] as? [[String: Any]] ?? [] {
                let expression = try #require(target["expr"] as? String, "\(panel["title"] ?? "")")
                queried.formUnion(Self.metricNames(in: expression))
            }
        }
        #expect(queried.count >= 10)
        #expect(queried.subtracting(samples).sorted() == [], "queried but not exposed")
    }

    /// The `ocpp_fleet_…` names in a PromQL expression.
    static func metricNames(in expression: String) -> Set<String> {
        var names: Set<String> = []
        var rest = Substring(expression)
        while let start = rest.range(of: "ocpp_fleet_") {
            let name = rest[start.lowerBound...].prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            names.insert(String(name))
            rest = rest[name.endIndex...]
        }
        return names
    }
}
