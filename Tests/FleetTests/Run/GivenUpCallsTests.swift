import Station
import Testing

@testable import Fleet

/// The CALLs a loop gave up on, kept a while for their late answers: found once, and bounded in count and age.
@Suite struct GivenUpCallsTests {
    let call = GivenUpCalls.Call(due: 100, written: 200)
    /// Ids a station draws.
    let ids: [MessageID] = {
        var generator = SeededGenerator(seed: 1)
        return (0..<2).map { _ in generator.messageID() }
    }()

    @Test func aCallGivenUpIsFoundOnceByItsStationAndMessageId() {
        var calls = GivenUpCalls()
        calls.insert(call, slot: 3, messageId: ids[0], now: 1_000)
        #expect(calls.remove(slot: 4, messageId: ids[0], now: 2_000) == nil)
        #expect(calls.remove(slot: 3, messageId: ids[0], now: 2_000) == call)
        #expect(calls.remove(slot: 3, messageId: ids[0], now: 2_000) == nil)
    }

    @Test func theOldestGoFirstBeyondTheCapacity() {
        var calls = GivenUpCalls(capacity: 2)
        for number in 0..<3 { calls.insert(call, slot: number, messageId: ids[0], now: UInt64(number)) }
        #expect(calls.count == 2)
        #expect(calls.remove(slot: 0, messageId: ids[0], now: 3) == nil)
        #expect(calls.remove(slot: 2, messageId: ids[0], now: 3) == call)
    }

    @Test func aCallGivenUpLongerThanTheHorizonAgoIsForgotten() {
        var calls = GivenUpCalls(horizonNanos: 1_000)
        calls.insert(call, slot: 0, messageId: ids[0], now: 0)
        calls.insert(call, slot: 0, messageId: ids[1], now: 900)
        #expect(calls.remove(slot: 0, messageId: ids[0], now: 1_500) == nil)
        #expect(calls.remove(slot: 0, messageId: ids[1], now: 1_500) == call)
    }
}
