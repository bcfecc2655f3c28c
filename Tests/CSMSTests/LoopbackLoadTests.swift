import CSMS
import Net
import OCPP
import Synchronization
import Testing
import WebSocket

/// Stations on our own WebSocket client, many at once, against the server on two loops.
@Suite(.serialized) struct LoopbackLoadTests {
    /// Each station boots, then sends `heartbeats` heartbeats one after the other, then closes.
    final class Stations: WebSocketHandler, @unchecked Sendable {
        // @unchecked Sendable: `remaining` is confined to the client's one loop; `outcomes` is a Mutex.
        let heartbeats: Int
        private var remaining: [Int: Int] = [:]
        let outcomes = Mutex<(finished: Int, answers: Int, closedByServer: Int, failures: [String])>((0, 0, 0, []))

        init(heartbeats: Int) { self.heartbeats = heartbeats }

        func webSocketOpened(_ channel: WebSocketChannel) {
            remaining[channel.tag] = heartbeats
            channel.send(text: #"[2,"boot","BootNotification",{"chargePointVendor":"Legrand","chargePointModel":"GreenUp"}]"#)
        }

        func webSocket(_ channel: WebSocketChannel, received text: UnsafeRawBufferPointer) {
            guard case .callResult(let result) = try? OCPPFrame(parsing: [UInt8](text)) else {
                outcomes.withLock { $0.failures.append(String(decoding: text, as: UTF8.self)) }
                return
            }
            outcomes.withLock { $0.answers += 1 }
            let left = remaining[channel.tag, default: 0]
            guard left > 0 else {
                channel.close()
                return
            }
            remaining[channel.tag] = left - 1
            channel.send(text: "[2,\"hb\(left)\",\"Heartbeat\",{}]")
            _ = result
        }

        func webSocketClosed(_ channel: WebSocketChannel, reason: WebSocketCloseReason) {
            outcomes.withLock { outcome in
                if case .closed(let code, _) = reason, code == WebSocketCloseCode.policyViolation.rawValue {
                    outcome.closedByServer += 1
                } else if remaining[channel.tag] != 0 {
                    outcome.failures.append("\(channel.stationID): \(reason)")
                }
                outcome.finished += 1
            }
        }
    }

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
        let stations = Stations(heartbeats: 10)
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
        let stations = Stations(heartbeats: 1_000_000)
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
}
