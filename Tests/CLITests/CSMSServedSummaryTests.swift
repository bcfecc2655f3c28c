import Foundation
import Testing

@testable import CLI

@Suite struct CSMSServedSummaryTests {
    let summary = CSMSServedSummary(
        counters: [
            "stations.connections": 12, "stations.max_connected": 10, "stations.replaced": 2,
            "transactions.started": 9, "transactions.stopped": 8, "transactions.open": 1,
            "id_tags.Accepted": 20, "id_tags.Blocked": 3, "id_tags.Expired": 0,
            "received.Heartbeat": 40, "answered.Heartbeat": 39, "commands.Reset.sent": 2, "commands.Reset.Accepted": 2,
        ],
        seconds: 35.25, address: "127.0.0.1:9000", badges: "those of ocpp-fleet's profiles")

    @Test func saysWhatItServedInWords() {
        let lines = summary.text.split(separator: "\n")
        #expect(lines[0] == "ocpp-fleet csms: served 12 connections on 127.0.0.1:9000 for 35.2 s (at most 10 stations at once, 2 replaced by a newer link)")
        #expect(lines[1] == "transactions  9 started, 8 stopped, 1 still open")
        #expect(lines[2] == "badges        20 Accepted, 3 Blocked (those of ocpp-fleet's profiles)")
        #expect(lines.contains { $0.split(separator: " ") == ["Heartbeat", "40", "39"] })
        #expect(lines.contains { $0.split(separator: " ") == ["Reset", "2", "2", "Accepted"] })
    }

    @Test func stopsOfTransactionsItDidNotKnowAreCounted() {
        var summary = summary
        summary.counters["transactions.stopped_unknown"] = 3
        #expect(summary.text.contains("1 still open, 3 stops of transactions it did not know"))
    }

    @Test func itsJSONHoldsEveryCounter() throws {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(summary.json.utf8)) as? [String: Any])
        #expect((object["counters"] as? [String: Any])?.count == summary.counters.count)
        #expect((object["counters"] as? [String: Any])?["transactions.started"] as? Int == 9)
        #expect(object["listen"] as? String == "127.0.0.1:9000")
    }
}
