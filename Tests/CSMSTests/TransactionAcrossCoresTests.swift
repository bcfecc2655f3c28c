import CSMS
import OCPP
import Testing

/// Cores side by side (one per event loop of a server) each hand out their own transaction ids; a station
/// that reconnects onto another loop stops its transaction through another core.
@Suite struct TransactionAcrossCoresTests {
    let time = OCPPDateTime(millisecondsSinceEpoch: 1_700_000_000_000)

    func harness(shard: Int) -> CSMSHarness {
        var harness = CSMSHarness()
        harness.csms = CentralSystem(configuration: CSMSConfiguration(), shard: shard, shardCount: 2)
        return harness
    }

    @Test func aStopThroughAnotherCoreIsPassedOnAndCountedWhereTheTransactionStarted() throws {
        var first = harness(shard: 0)
        let started = try first.result(
            StartTransactionRequest(connectorId: 1, idTag: "X", meterStart: 0, timestamp: time), from: first.connect())
        var second = harness(shard: 1)
        let station = second.connect()
        let stop = StopTransactionRequest(meterStop: 10, timestamp: time, transactionId: started.transactionId)
        _ = try second.result(stop, from: station)
        let passedOn = second.effects.compactMap { effect -> Int? in
            guard case .stopForAnotherCore(let id) = effect else { return nil }
            return id
        }
        #expect(passedOn == [started.transactionId])
        #expect(second.csms.counterSnapshot["transactions.stopped_unknown"] == 0)

        first.csms.stopFromAnotherCore(transactionId: started.transactionId)
        #expect(first.csms.counterSnapshot["transactions.stopped"] == 1)
        #expect(first.csms.counterSnapshot["transactions.open"] == 0)
    }

    @Test func processesServingOnePortHandOutTransactionIdsNoOtherProcessDoes() throws {
        // Three processes of two cores each: every core's first ids, and the last of the last process's.
        var ids: [Int] = []
        for process in 0..<3 {
            var configuration = CSMSConfiguration()
            configuration.transactionIDs = CSMSConfiguration.transactionIDs(process: process, of: 3)
            for shard in 0..<2 {
                var harness = CSMSHarness()
                harness.csms = CentralSystem(configuration: configuration, shard: shard, shardCount: 2)
                let station = harness.connect()
                for number in 0..<3 {
                    let start = StartTransactionRequest(connectorId: 1, idTag: "X", meterStart: 0, timestamp: time)
                    ids.append(try harness.result(start, id: "m\(number)", from: station).transactionId)
                }
            }
        }
        #expect(Set(ids).count == ids.count, "\(ids)")
        #expect(ids.allSatisfy { $0 >= 1 && $0 <= Int(Int32.max) })
        #expect(CSMSConfiguration.transactionIDs(process: 2, of: 3).upperBound <= Int(Int32.max))
        #expect(CSMSConfiguration.transactionIDs(process: 0, of: 1) == 1...Int(Int32.max))
    }

    @Test func aStopOfAnIdOfItsOwnThatIsNotOpenIsUnknownAndNotPassedOn() throws {
        var second = harness(shard: 1)
        let station = second.connect()
        _ = try second.result(StopTransactionRequest(meterStop: 10, timestamp: time, transactionId: 4), from: station)
        #expect(!second.effects.contains { if case .stopForAnotherCore = $0 { true } else { false } })
        #expect(second.csms.counterSnapshot["transactions.stopped_unknown"] == 1)
    }
}
