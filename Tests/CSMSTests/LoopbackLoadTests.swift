import CSMS
import Net
import OCPP
import Synchronization
import Testing
import WebSocket

/// Stations on our own WebSocket client, many at once, against the server on two loops.
@Suite(.serialized) struct LoopbackLoadTests {
    func wait(_ condition: () -> Bool) async throws {
        for _ in 0..<400 where !condition() {
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    @Test func twoHundredStationsAreAnsweredOnEveryLoopAndCounted() async throws {
        let server = CSMSServer(configuration: CSMSConfiguration(), loopCount: 2)
        let port = try await server.start(listen: "127.0.0.1:0")
        let clients = try EventLoopGroup(loopCount: 1)
        let client = try WebSocketClient(url: "ws://127.0.0.1:\(port)/ocpp")
        let stations = HeartbeatStations(heartbeats: 10)
        let loop = clients.loops[0]
        _ = try await loop.submit {
            for index in 0..<200 {
                client.connect(station: "GU\(index)", on: loop, handler: stations).tag = index
            }
        }
        try await wait { stations.outcomes.withLock { $0.finished } == 200 }
        clients.shutdown()

        let outcomes = stations.outcomes.withLock { $0 }
        #expect(outcomes.failures == [])
        #expect(outcomes.finished == 200)
        #expect(outcomes.answers == 200 * 11)
        try await wait { server.counterSnapshot["stations.connected"] == 0 }
        let counters = server.counterSnapshot
        #expect(counters["received.BootNotification"] == 200)
        #expect(counters["answered.Heartbeat"] == 2000)
        #expect(counters["stations.connections"] == 200)
        #expect(counters["stations.connected"] == 0)
        #expect((counters["stations.max_connected"] ?? 0) <= 200)
        await server.stop()
    }

    @Test func aSecondLinkUnderTheSameIdClosesTheFirstOverSockets() async throws {
        let server = CSMSServer(configuration: CSMSConfiguration())
        let port = try await server.start(listen: "127.0.0.1:0")
        let clients = try EventLoopGroup(loopCount: 1)
        let client = try WebSocketClient(url: "ws://127.0.0.1:\(port)")
        // The first link stays open (many heartbeats to go); the second takes its id over.
        let stations = HeartbeatStations(heartbeats: 1_000_000)
        let loop = clients.loops[0]
        _ = try await loop.submit { client.connect(station: "GU-TWICE", on: loop, handler: stations).tag = 1 }
        try await wait { stations.outcomes.withLock { $0.answers } > 0 }
        _ = try await loop.submit { client.connect(station: "GU-TWICE", on: loop, handler: stations).tag = 2 }
        try await wait { stations.outcomes.withLock { $0.closedByServer } == 1 }
        #expect(stations.outcomes.withLock { $0.closedByServer } == 1)
        let counters = server.counterSnapshot
        #expect(counters["stations.replaced"] == 1)
        #expect(counters["stations.connected"] == 1)
        clients.shutdown()
        await server.stop()
    }

    @Test func aBroadcastReachesEveryConnectedStationOnEveryLoop() async throws {
        let server = CSMSServer(configuration: CSMSConfiguration(), loopCount: 2)
        let port = try await server.start(listen: "127.0.0.1:0")
        let clients = try EventLoopGroup(loopCount: 1)
        let client = try WebSocketClient(url: "ws://127.0.0.1:\(port)")
        // The stations stay connected, heartbeating, until the clients' loop shuts down.
        let stations = HeartbeatStations(heartbeats: 1_000_000)
        let loop = clients.loops[0]
        _ = try await loop.submit {
            for index in 0..<20 { client.connect(station: "GU\(index)", on: loop, handler: stations).tag = index }
        }
        try await wait { server.counterSnapshot["answered.BootNotification"] == 20 }
        let sent = await server.broadcast(.clearCache(ClearCacheRequest()))
        try await wait { server.counterSnapshot["commands.ClearCache.Accepted"] == 20 }
        clients.shutdown()
        #expect(sent == 20)
        #expect(server.counterSnapshot["commands.ClearCache.sent"] == 20)
        #expect(server.counterSnapshot["commands.ClearCache.Accepted"] == 20)
        await server.stop()
    }
}
