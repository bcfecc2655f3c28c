import CSMS
import OCPP
import Testing

@Suite struct CommandTests {
    @Test func aCommandIsSentAsACallAndItsAnswerMatched() throws {
        var harness = CSMSHarness()
        let station = harness.connect()
        let id = try #require(harness.csms.send(.reset(ResetRequest(type: .soft)), to: "GU0001", now: harness.now,
                                                 into: &harness.effects))
        let sent = try #require(harness.effects.compactMap(\.frame).first)
        #expect(sent.station == station)
        guard case .call(let call) = try OCPPFrame(parsing: sent.bytes) else {
            Issue.record("expected a CALL")
            return
        }
        #expect(call.messageId == id)
        #expect(try CentralSystemRequest(call) == .reset(ResetRequest(type: .soft)))

        harness.now += 40
        let completion = try #require(harness.deliver("[3,\"\(id)\",{\"status\":\"Accepted\"}]", from: station)
            .compactMap(\.completion).first)
        #expect(completion.messageId == id)
        #expect(completion.action == .reset)
        #expect(completion.stationID == "GU0001")
        #expect(completion.endedAt - completion.sentAt == 40)
        guard case .answered(let status, let payload) = completion.outcome else {
            Issue.record("expected an answer, got \(completion.outcome)")
            return
        }
        #expect(status == "Accepted")
        #expect(try ResetResponse(decoding: payload) == ResetResponse(status: .accepted))
        #expect(harness.csms.counterSnapshot["commands.Reset.Accepted"] == 1)
        #expect(harness.csms.counterSnapshot["commands.Reset.sent"] == 1)
    }

    @Test func aSecondCommandWaitsForTheAnswerToTheFirst() throws {
        var harness = CSMSHarness()
        let station = harness.connect()
        let first = try #require(harness.csms.send(
            .triggerMessage(TriggerMessageRequest(requestedMessage: .heartbeat)), to: station, now: harness.now,
            into: &harness.effects))
        let second = try #require(harness.csms.send(
            .changeConfiguration(ChangeConfigurationRequest(key: "HeartbeatInterval", value: "60")), to: station,
            now: harness.now, into: &harness.effects))
        #expect(harness.effects.compactMap(\.frame).count == 1)

        let effects = harness.deliver("[3,\"\(first)\",{\"status\":\"Rejected\"}]", from: station)
        #expect(effects.compactMap(\.completion).map(\.outcome.name) == ["Rejected"])
        let next = try #require(effects.compactMap(\.frame).first)
        guard case .call(let call) = try OCPPFrame(parsing: next.bytes) else {
            Issue.record("expected the second CALL")
            return
        }
        #expect(call.messageId == second)
        #expect(call.action == .changeConfiguration)
    }

    @Test func aCallErrorAnswerEndsTheCommand() throws {
        var harness = CSMSHarness()
        let station = harness.connect()
        let id = try #require(harness.csms.send(
            .getConfiguration(GetConfigurationRequest()), to: station, now: harness.now, into: &harness.effects))
        let completion = try #require(
            harness.deliver("[4,\"\(id)\",\"NotImplemented\",\"nope\",{}]", from: station).compactMap(\.completion).first)
        #expect(completion.outcome == .callError(.notImplemented, description: "nope"))
        #expect(harness.csms.counterSnapshot["commands.GetConfiguration.CallError"] == 1)
    }

    @Test func anAnswerThatBreaksTheResponseSchemaIsAnInvalidAnswer() throws {
        var harness = CSMSHarness()
        let station = harness.connect()
        let id = try #require(harness.csms.send(
            .reset(ResetRequest(type: .hard)), to: station, now: harness.now, into: &harness.effects))
        let effects = harness.deliver("[3,\"\(id)\",{\"status\":\"Maybe\"}]", from: station)
        let completion = try #require(effects.compactMap(\.completion).first)
        guard case .invalidAnswer(let error) = completion.outcome else {
            Issue.record("expected an invalid answer, got \(completion.outcome)")
            return
        }
        #expect(error.code == .propertyConstraintViolation)
        #expect(effects.compactMap(\.frame).isEmpty)
    }

    @Test func answersWithoutAStatusAreAnswered() throws {
        var harness = CSMSHarness()
        let station = harness.connect()
        let id = try #require(harness.csms.send(
            .updateFirmware(UpdateFirmwareRequest(
                location: "ftp://example.invalid/fw.bin", retrieveDate: OCPPDateTime(millisecondsSinceEpoch: harness.now))),
            to: station, now: harness.now, into: &harness.effects))
        let completion = try #require(harness.deliver("[3,\"\(id)\",{}]", from: station).compactMap(\.completion).first)
        #expect(completion.outcome.name == "Answered")
    }

    @Test func anAnswerToNoPendingCommandIsCountedAndIgnored() {
        var harness = CSMSHarness()
        let station = harness.connect()
        #expect(harness.deliver(#"[3,"who","{}"]"#, from: station).isEmpty)
        #expect(harness.deliver(#"[3,"who",{}]"#, from: station).isEmpty)
        #expect(harness.csms.counterSnapshot["frames.unmatched"] == 2)
    }

    @Test func anUnansweredCommandTimesOutAndLetsTheNextOneGo() throws {
        var harness = CSMSHarness(CSMSConfiguration(commandTimeout: 5_000))
        let station = harness.connect()
        harness.csms.send(.clearCache(ClearCacheRequest()), to: station, now: harness.now, into: &harness.effects)
        harness.csms.send(.reset(ResetRequest(type: .soft)), to: station, now: harness.now, into: &harness.effects)
        #expect(harness.csms.nextDeadline == harness.now + 5_000)

        harness.effects.removeAll()
        harness.csms.expireCommands(now: harness.now + 4_999, into: &harness.effects)
        #expect(harness.effects.isEmpty)

        harness.now += 5_000
        harness.csms.expireCommands(now: harness.now, into: &harness.effects)
        #expect(harness.effects.compactMap(\.completion).map(\.outcome) == [.timedOut])
        #expect(harness.effects.compactMap(\.frame).count == 1)
        #expect(harness.csms.nextDeadline == harness.now + 5_000)
        #expect(harness.csms.counterSnapshot["commands.ClearCache.TimedOut"] == 1)
    }

    @Test func commandsInFlightOrWaitingAreLostWhenTheStationDisconnects() throws {
        var harness = CSMSHarness()
        let station = harness.connect()
        harness.csms.send(.clearCache(ClearCacheRequest()), to: station, now: harness.now, into: &harness.effects)
        harness.csms.send(.reset(ResetRequest(type: .soft)), to: station, now: harness.now, into: &harness.effects)
        harness.effects.removeAll()
        harness.csms.disconnect(station, now: harness.now, into: &harness.effects)
        let completions = harness.effects.compactMap(\.completion)
        #expect(completions.map(\.action) == [.clearCache, .reset])
        #expect(completions.allSatisfy { $0.outcome == .lost })
        #expect(harness.csms.nextDeadline == nil)
    }

    @Test func aCommandForAnAbsentStationIsNotSent() {
        var harness = CSMSHarness()
        #expect(harness.csms.send(.clearCache(ClearCacheRequest()), to: "NOBODY", now: harness.now,
                                  into: &harness.effects) == nil)
        #expect(harness.effects.isEmpty)
        #expect(harness.csms.counterSnapshot["commands.ClearCache.Lost"] == 1)
    }

    @Test func commandsToManyStationsTimeOutInTheOrderTheyWereSent() throws {
        var harness = CSMSHarness(CSMSConfiguration(commandTimeout: 1_000))
        let stations = (0..<50).map { harness.connect("GU\($0)") }
        var sent: [String] = []
        for (offset, station) in stations.enumerated() {
            let id = try #require(harness.csms.send(
                .clearCache(ClearCacheRequest()), to: station, now: harness.now + Int64(offset), into: &harness.effects))
            sent.append(id)
        }
        // Every other station answers; the others time out, one millisecond apart.
        for (offset, station) in stations.enumerated() where offset % 2 == 0 {
            _ = harness.deliver("[3,\"\(sent[offset])\",{\"status\":\"Accepted\"}]", from: station)
        }
        #expect(harness.csms.nextDeadline == harness.now + 1_001)
        harness.effects.removeAll()
        harness.csms.expireCommands(now: harness.now + 1_010, into: &harness.effects)
        let timedOut = harness.effects.compactMap(\.completion)
        let expected: [String] = [1, 3, 5, 7, 9].map { sent[$0] }
        #expect(timedOut.map(\.messageId) == expected)
        #expect(timedOut.allSatisfy { $0.outcome == .timedOut })
        #expect(harness.csms.nextDeadline == harness.now + 1_011)
        harness.csms.expireCommands(now: harness.now + 5_000, into: &harness.effects)
        #expect(harness.csms.counterSnapshot["commands.ClearCache.TimedOut"] == 25)
        #expect(harness.csms.nextDeadline == nil)
    }
}
