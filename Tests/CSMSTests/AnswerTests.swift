import CSMS
import OCPP
import Testing

@Suite struct AnswerTests {
    @Test func bootNotificationIsAcceptedWithTheConfiguredIntervalAndTheCurrentTime() throws {
        var harness = CSMSHarness(CSMSConfiguration(heartbeatInterval: 42))
        let station = harness.connect()
        let answer = try harness.result(
            BootNotificationRequest(chargePointVendor: "Legrand", chargePointModel: "GreenUp"), from: station)
        #expect(answer.status == .accepted)
        #expect(answer.interval == 42)
        #expect(answer.currentTime.millisecondsSinceEpoch == harness.now)
    }

    @Test func heartbeatGetsTheCurrentTime() throws {
        var harness = CSMSHarness()
        let station = harness.connect()
        harness.now += 12_345
        let answer = try harness.result(HeartbeatRequest(), from: station)
        #expect(answer.currentTime.millisecondsSinceEpoch == harness.now)
    }

    @Test func answersCarryTheMessageIdOfTheirCall() throws {
        var harness = CSMSHarness()
        let station = harness.connect()
        _ = try harness.result(HeartbeatRequest(), id: "a-very-particular-id", from: station)
    }

    @Test func answersAreDueAfterTheConfiguredDelay() throws {
        var harness = CSMSHarness(CSMSConfiguration(answerDelay: 750))
        let station = harness.connect()
        let sent = harness.deliver(#"[2,"1","Heartbeat",{}]"#, from: station).compactMap(\.frame)
        #expect(sent.map(\.at) == [harness.now + 750])
    }

    @Test func startTransactionsGetDistinctIdsAcrossStations() throws {
        var harness = CSMSHarness(CSMSConfiguration(badges: BadgeList([.valid("BADGE1")])))
        let stations = (1...5).map { harness.connect("GU000\($0)") }
        var ids: [Int] = []
        for round in 0..<4 {
            for station in stations {
                let answer = try harness.result(
                    StartTransactionRequest(
                        connectorId: 1, idTag: "BADGE1", meterStart: round,
                        timestamp: OCPPDateTime(millisecondsSinceEpoch: harness.now)),
                    from: station)
                #expect(answer.idTagInfo.status == .accepted)
                ids.append(answer.transactionId)
            }
        }
        #expect(Set(ids).count == 20)
        #expect(harness.csms.openTransactionCount == 20)
    }

    @Test func coresSideBySideNeverHandOutTheSameTransactionId() throws {
        var ids: Set<Int> = []
        for shard in 0..<3 {
            var harness = CSMSHarness()
            harness.csms = CentralSystem(configuration: CSMSConfiguration(), shard: shard, shardCount: 3)
            let station = harness.connect()
            for _ in 0..<10 {
                let answer = try harness.result(
                    StartTransactionRequest(
                        connectorId: 1, idTag: "X", meterStart: 0,
                        timestamp: OCPPDateTime(millisecondsSinceEpoch: harness.now)),
                    from: station)
                ids.insert(answer.transactionId)
            }
        }
        #expect(ids.count == 30)
    }

    @Test func stopTransactionClosesTheTransactionAndReportsTheBadge() throws {
        var harness = CSMSHarness(CSMSConfiguration(badges: BadgeList([.blocked("B")])))
        let station = harness.connect()
        let time = OCPPDateTime(millisecondsSinceEpoch: harness.now)
        let started = try harness.result(
            StartTransactionRequest(connectorId: 2, idTag: "B", meterStart: 0, timestamp: time), from: station)
        #expect(started.idTagInfo.status == .blocked)
        let stopped = try harness.result(
            StopTransactionRequest(idTag: "B", meterStop: 16, timestamp: time, transactionId: started.transactionId,
                                   reason: .local),
            id: "m2", from: station)
        #expect(stopped.idTagInfo?.status == .blocked)
        #expect(harness.csms.openTransactionCount == 0)
        #expect(harness.csms.counterSnapshot["transactions.stopped"] == 1)
    }

    @Test func stopTransactionWithoutIdTagIsAnsweredWithoutIdTagInfo() throws {
        var harness = CSMSHarness()
        let station = harness.connect()
        let stopped = try harness.result(
            StopTransactionRequest(meterStop: 1, timestamp: OCPPDateTime(millisecondsSinceEpoch: 0), transactionId: 77),
            from: station)
        #expect(stopped.idTagInfo == nil)
        #expect(harness.csms.counterSnapshot["transactions.stopped_unknown"] == 1)
    }

    @Test func notificationsGetEmptyAnswers() throws {
        var harness = CSMSHarness()
        let station = harness.connect()
        let time = OCPPDateTime(millisecondsSinceEpoch: harness.now)
        _ = try harness.result(
            StatusNotificationRequest(connectorId: 1, errorCode: .noError, status: .available, timestamp: time),
            from: station)
        _ = try harness.result(
            MeterValuesRequest(
                connectorId: 1, transactionId: 3,
                meterValue: [MeterValue(timestamp: time, sampledValue: [SampledValue(value: "12")])]),
            from: station)
        _ = try harness.result(DiagnosticsStatusNotificationRequest(status: .uploaded), from: station)
        _ = try harness.result(FirmwareStatusNotificationRequest(status: .installed), from: station)
        #expect(harness.csms.counterSnapshot["answered.MeterValues"] == 1)
    }

    @Test func dataTransferIsAnsweredUnknownVendorId() throws {
        var harness = CSMSHarness()
        let station = harness.connect()
        let answer = try harness.result(DataTransferRequest(vendorId: "Legrand", messageId: "x"), from: station)
        #expect(answer.status == .unknownVendorId)
    }

    @Test func framesOfADisconnectedStationAreIgnored() {
        var harness = CSMSHarness()
        let station = harness.connect()
        harness.csms.disconnect(station, now: harness.now, into: &harness.effects)
        _ = harness.connect("GU0002")  // reuses the slot under a new generation
        #expect(harness.deliver(#"[2,"1","Heartbeat",{}]"#, from: station).isEmpty)
    }

    @Test func aSecondLinkUnderTheSameIdClosesTheFirst() {
        var harness = CSMSHarness()
        let first = harness.connect("GU0001")
        harness.effects.removeAll()
        let second = harness.connect("GU0001")
        #expect(harness.effects.count == 1)
        guard case .close(let closed) = harness.effects.first else {
            Issue.record("expected a close, got \(harness.effects)")
            return
        }
        #expect(closed == first)
        #expect(harness.csms.station("GU0001") == second)
        #expect(harness.csms.stationID(of: second) == "GU0001")
        #expect(harness.csms.stationID(of: first) == nil)
        #expect(harness.csms.counterSnapshot["stations.connected"] == 1)
        #expect(harness.csms.counterSnapshot["stations.replaced"] == 1)
    }
}
