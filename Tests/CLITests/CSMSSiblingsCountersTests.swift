import Testing

@testable import CLI

@Test func aSiblingsCountersReadBackExactlyAsItWroteThem() {
    let counters = ["stations.connections": 3, "received.Heartbeat": 12_345_678_901, "latency": 0.1 + 0.2, "a \"q\"": -1]
    let line = CSMSSiblings.countersLine(counters)
    #expect(!line.contains("\n"))
    #expect(CSMSSiblings.counters(line) == counters)
}

@Test func aLineOtherThanCountersIsNotTakenForThem() {
    #expect(CSMSSiblings.counters("ready") == nil)
    #expect(CSMSSiblings.counters("counters {") == nil)
}
