import CSMS
import OCPP
import Testing

@Suite struct CountersTests {
    @Test func countsOfSeveralCoresAddUp() throws {
        var total = CSMSCounters()
        for stationID in ["GU1", "GU2", "GU3"] {
            var harness = CSMSHarness()
            let station = harness.connect(stationID)
            _ = try harness.result(HeartbeatRequest(), from: station)
            _ = try harness.result(
                StartTransactionRequest(
                    connectorId: 1, idTag: "X", meterStart: 0, timestamp: OCPPDateTime(millisecondsSinceEpoch: 0)),
                from: station)
            _ = try harness.callError(#"[2,"e","Nope",{}]"#, from: station)
            harness.csms.send(.reset(ResetRequest(type: .soft)), to: station, now: harness.now, into: &harness.effects)
            total.add(harness.csms.counters)
        }
        let figures = total.snapshot
        #expect(figures["received.Heartbeat"] == 3)
        #expect(figures["answered.StartTransaction"] == 3)
        #expect(figures["call_errors.NotImplemented"] == 3)
        #expect(figures["commands.Reset.sent"] == 3)
        #expect(figures["transactions.open"] == 3)
        #expect(figures["stations.connected"] == 3)
    }

    @Test func badgesAnsweredAreCountedByStatus() throws {
        var harness = CSMSHarness(CSMSConfiguration(badges: BadgeList([.valid("V"), .blocked("B")])))
        let station = harness.connect()
        _ = try harness.result(AuthorizeRequest(idTag: "V"), from: station)
        _ = try harness.result(AuthorizeRequest(idTag: "B"), from: station)
        _ = try harness.result(
            StartTransactionRequest(
                connectorId: 1, idTag: "NOBODY", meterStart: 0, timestamp: OCPPDateTime(millisecondsSinceEpoch: 0)),
            from: station)
        let figures = harness.csms.counterSnapshot
        #expect(figures["id_tags.Accepted"] == 1)
        #expect(figures["id_tags.Blocked"] == 1)
        #expect(figures["id_tags.Invalid"] == 1)
    }

    @Test func aSnapshotHasItsStandingFiguresEvenAtZero() throws {
        var harness = CSMSHarness()
        let station = harness.connect()
        _ = try harness.result(HeartbeatRequest(), from: station)
        let names = Set(harness.csms.counterSnapshot.keys)
        #expect(names.isSuperset(of: [
            "received.Heartbeat", "answered.Heartbeat", "faults.internal_error", "faults.no_answer",
            "stations.connected", "stations.max_connected", "stations.connections", "stations.replaced",
            "transactions.open", "transactions.started", "transactions.stopped", "transactions.stopped_unknown",
            "frames.unreadable", "frames.unmatched",
        ]))
        #expect(harness.csms.counterSnapshot == harness.csms.counters.snapshot)
    }
}
