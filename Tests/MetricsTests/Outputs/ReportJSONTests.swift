import Foundation
import Testing

@testable import Metrics

@Suite struct ReportJSONTests {
    func decoded(_ report: RunReport) throws -> [String: Any] {
        let data = Data(ReportJSON.render(report).utf8)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func linksSayHowTheyFailedHowTheyClosedAndWhetherTheStationsCameBack() throws {
        let connections = try #require(try decoded(ReportFixture.report())["connections"] as? [String: Any])
        #expect(connections["failed_by_reason"] as? [String: Int] == ["refused": 2])
        #expect(connections["closed_by_reason"] as? [String: Int] == ["csms_close_1001": 1, "no_close_frame": 1])
        #expect(connections["closed"] as? Int == 2)
        #expect(connections["reconnect_attempts"] as? Int == 4)
        #expect(connections["reconnects"] as? Int == 2)
        #expect(connections["connected_before_stop"] as? Int == 10)
    }

    @Test func everyKeyOfTheDesignIsPresent() throws {
        var report = ReportFixture.report()
        report.evaluate([try SLO(parsing: "p99(StartTransaction) < 800ms"), try SLO(parsing: "errors < 0.1%")])
        let json = try decoded(report)
        let run = try #require(json["run"] as? [String: Any])
        #expect(Set(run.keys) == ["seed", "stations", "duration_s", "speed", "csms", "profile", "shard"])
        let connections = try #require(json["connections"] as? [String: Any])
        #expect(
            Set(["attempted", "established", "failed", "reconnects", "max_concurrent"]).isSubset(of: connections.keys))
        let messages = try #require(json["messages"] as? [String: Any])
        let byAction = try #require(messages["by_action"] as? [String: Any])
        #expect(Set(byAction.keys) == ["BootNotification", "Heartbeat", "StartTransaction"])
        let heartbeat = try #require(byAction["Heartbeat"] as? [String: Any])
        #expect(Set(["sent", "ok", "call_errors", "timeouts", "latency_ms", "service_ms"]).isSubset(of: heartbeat.keys))
        let latency = try #require(heartbeat["latency_ms"] as? [String: Any])
        #expect(Set(["p50", "p90", "p99", "p999", "max"]).isSubset(of: latency.keys))
        let transactions = try #require(json["transactions"] as? [String: Any])
        #expect(Set(transactions.keys) == ["started", "stopped", "lost", "energy_wh", "lost_messages", "duplicates_sent", "unsent_at_end"])
        let throughput = try #require(json["throughput"] as? [String: Any])
        #expect(throughput["msgs_per_s"] is NSNumber)
        let lag = try #require((json["scheduler"] as? [String: Any])?["lag_ms"] as? [String: Any])
        #expect(Set(["p50", "p99", "max"]).isSubset(of: lag.keys))
        let slo = try #require(json["slo"] as? [[String: Any]])
        #expect(slo.count == 2)
        #expect(Set(["expr", "ok", "value"]).isSubset(of: slo[0].keys))
        let process = try #require(json["process"] as? [String: Any])
        #expect(Set(["cpu_s", "max_rss_bytes"]).isSubset(of: process.keys))
        #expect(json["csms"] is [String: Any])
    }

    @Test func figuresAreWrittenInMillisecondsAndCounts() throws {
        let report = ReportFixture.report()
        let json = try decoded(report)
        let heartbeat = try #require(
            ((json["messages"] as? [String: Any])?["by_action"] as? [String: Any])?["Heartbeat"] as? [String: Any])
        let figures = try #require(report.figures(for: "Heartbeat"))
        #expect((heartbeat["sent"] as? NSNumber)?.uint64Value == figures.sent)
        #expect((heartbeat["timeouts"] as? NSNumber)?.uint64Value == 2)
        let latency = try #require(heartbeat["latency_ms"] as? [String: Any])
        #expect((latency["p99"] as? NSNumber)?.doubleValue == Double(figures.latency.p99) / 1000)
        let process = try #require(json["process"] as? [String: Any])
        #expect((process["max_rss_bytes"] as? NSNumber)?.uint64Value == 64 << 20)
        #expect((process["cpu_s"] as? NSNumber)?.doubleValue == 1.75)
    }

    @Test func keysComeInTheDesignsOrderEveryTime() throws {
        let text = ReportJSON.render(ReportFixture.report())
        #expect(text == ReportJSON.render(ReportFixture.report()))
        let topLevel = text.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map {
            $0.dropFirst(3).prefix { $0 != "\"" }
        }
        #expect(
            topLevel == [
                "run", "interrupted", "connections", "messages", "transactions", "throughput", "scheduler", "slo",
                "process", "csms", "csms_faults", "storms", "timeline", "histograms",
            ])
        let actions = ["BootNotification", "Heartbeat", "StartTransaction"].map { text.range(of: "\"\($0)\": {")! }
        #expect(actions.map(\.lowerBound) == actions.map(\.lowerBound).sorted())
    }
}
