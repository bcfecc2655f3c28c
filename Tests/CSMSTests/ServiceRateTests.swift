import CSMS
import Foundation
import Net
import OCPP
import Synchronization
import Testing

// MARK: The core's queue

/// The answers' due times when `count` heartbeats arrive at once at a CSMS serving `rate` calls a second.
private func dueTimes(rate: Double, count: Int) -> (now: Int64, dues: [Int64]) {
    var harness = CSMSHarness(CSMSConfiguration(serviceRate: rate))
    let station = harness.connect()
    var dues: [Int64] = []
    for index in 0..<count {
        dues += harness.deliver("[2,\"\(index)\",\"Heartbeat\",{}]", from: station).compactMap(\.frame?.at)
    }
    return (harness.now, dues)
}

@Test func aServiceRateAnswersABurstOneCallAfterTheOtherAtThatRate() {
    let (now, dues) = dueTimes(rate: 1_000, count: 3_000)
    #expect(dues.count == 3_000)
    // One call a millisecond: the last of 3,000 leaves three seconds after they all came.
    #expect(dues.first == now + 1)
    #expect(dues.last == now + 3_000)
    #expect(dues == dues.sorted())
}

@Test func noSecondOfAServiceRatesAnswersHoldsMoreThanTheRate() {
    let (_, dues) = dueTimes(rate: 400, count: 2_000)
    var busiest = 0
    var start = 0
    for end in dues.indices {
        while dues[end] - dues[start] >= 1_000 { start += 1 }
        busiest = max(busiest, end - start + 1)
    }
    #expect(busiest <= 400)
}

@Test func callsSlowerThanTheServiceRateAreAnsweredAtOnce() {
    var harness = CSMSHarness(CSMSConfiguration(serviceRate: 100))
    let station = harness.connect()
    for index in 0..<5 {
        harness.now += 50
        let dues = harness.deliver("[2,\"\(index)\",\"Heartbeat\",{}]", from: station).compactMap(\.frame?.at)
        // 10 ms of service, no queue.
        #expect(dues == [harness.now + 10])
    }
}

@Test func theAnswerDelayComesOnTopOfTheServiceTime() {
    var harness = CSMSHarness(CSMSConfiguration(answerDelay: 200, serviceRate: 10))
    let station = harness.connect()
    let first = harness.deliver(#"[2,"1","Heartbeat",{}]"#, from: station).compactMap(\.frame?.at)
    let second = harness.deliver(#"[2,"2","Heartbeat",{}]"#, from: station).compactMap(\.frame?.at)
    #expect(first == [harness.now + 100 + 200])
    #expect(second == [harness.now + 200 + 200])
}

@Test func coresSharingAQueueShareItsRate() {
    let queue = ServiceQueue(callsPerSecond: 1_000)
    let configuration = CSMSConfiguration(serviceRate: 1_000)
    var cores = (0..<2).map { CentralSystem(configuration: configuration, shard: $0, shardCount: 2, serviceQueue: queue) }
    let now: Int64 = 1_700_000_000_000
    var dues: [Int64] = []
    for index in 0..<100 {
        var effects: [CSMSEffect] = []
        let core = index % 2
        let station = cores[core].connect(stationID: "GU\(index)", now: now, into: &effects)
        effects.removeAll()
        cores[core].receive(Array("[2,\"1\",\"Heartbeat\",{}]".utf8), from: station, now: now, into: &effects)
        dues += effects.compactMap(\.frame?.at)
    }
    // A hundred calls on two cores take 100 ms of the one server, not 50 ms on each.
    #expect(dues.max() == now + 100)
}

// MARK: Over sockets

/// Stations that each send a heartbeat as soon as the previous one is answered, counting the answers.
private final class EagerStations: WebSocketHandler, @unchecked Sendable {
    // @unchecked Sendable: channels are confined to the client's one loop; `answers` is atomic.
    let answers = Atomic<Int>(0)

    func webSocketOpened(_ channel: WebSocketChannel) {
        channel.send(text: #"[2,"hb","Heartbeat",{}]"#)
    }

    func webSocket(_ channel: WebSocketChannel, received text: UnsafeRawBufferPointer) {
        answers.add(1, ordering: .relaxed)
        channel.send(text: #"[2,"hb","Heartbeat",{}]"#)
    }

    func webSocketClosed(_ channel: WebSocketChannel, reason: WebSocketCloseReason) {}
}

@Test func aCSMSWithAServiceRateAnswersNoFasterOverSockets() async throws {
    let rate = 500.0
    let server = CSMSServer(configuration: CSMSConfiguration(serviceRate: rate), loopCount: 2)
    let port = try await server.start(listen: "127.0.0.1:0")
    let clients = try EventLoopGroup(loopCount: 1)
    defer { clients.shutdown() }
    let client = try WebSocketClient(url: "ws://127.0.0.1:\(port)/ocpp")
    let stations = EagerStations()
    let loop = clients.loops[0]
    // Fifty stations always have a call waiting: without the rate they would be answered many times faster.
    _ = try await loop.submit {
        for index in 0..<50 { client.connect(station: "GU\(index)", on: loop, handler: stations).tag = index }
    }
    for _ in 0..<600 where stations.answers.load(ordering: .relaxed) < 100 {
        try await Task.sleep(for: .milliseconds(50))
    }
    let clock = ContinuousClock()
    let start = clock.now
    let before = stations.answers.load(ordering: .relaxed)
    try await Task.sleep(for: .seconds(3))
    let answered = Double(stations.answers.load(ordering: .relaxed) - before)
    let seconds = Double((clock.now - start).components.seconds)
        + Double((clock.now - start).components.attoseconds) / 1e18
    await server.stop()

    // Answers due before the window but sent late, on a busy machine, may land in it: half a second's worth.
    #expect(answered <= rate * (seconds + 0.5), "\(answered) answers in \(seconds) s")
    // It still serves: a quarter of the rate at least, even on a machine busy with other work.
    #expect(answered >= rate * seconds / 4, "\(answered) answers in \(seconds) s")
}
