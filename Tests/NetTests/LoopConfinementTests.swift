import Testing

@testable import Net

/// Carries a loop-confined value to another thread, as a bug hidden behind `@unchecked Sendable` would.
private struct Smuggled<Value>: @unchecked Sendable {
    // @unchecked Sendable: deliberately unsound, to reach a channel from the wrong thread.
    let value: Value
}

/// A handler that ignores everything: these tests look only at who may call a channel.
private final class Deaf: WebSocketHandler {
    func webSocketOpened(_ channel: WebSocketChannel) {}
    func webSocket(_ channel: WebSocketChannel, received text: UnsafeRawBufferPointer) {}
    func webSocketClosed(_ channel: WebSocketChannel, reason: WebSocketCloseReason) {}
}

/// Loop-confined state is checked at every public entry, not only said to be confined.
@Suite struct LoopConfinementTests {
    @Test("a send from a thread other than the channel's loop stops the process and names the call")
    func offLoopSendTraps() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let group = try EventLoopGroup(loopCount: 1)
            let loop = group.loops[0]
            let client = try WebSocketClient(url: "ws://127.0.0.1:9/ocpp")
            let channel = try await loop.submit {
                Smuggled(value: client.connect(station: "OFF", on: loop, handler: Deaf()))
            }
            channel.value.send(text: "[2,\"1\",\"Heartbeat\",{}]")
        }
        let stderr = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(stderr.contains("WebSocketChannel.send called off its event loop's thread"))
    }

    @Test("reading a channel's state from another thread stops the process too")
    func offLoopReadTraps() async {
        await #expect(processExitsWith: .failure) {
            let group = try EventLoopGroup(loopCount: 1)
            let loop = group.loops[0]
            let client = try WebSocketClient(url: "ws://127.0.0.1:9/ocpp")
            let channel = try await loop.submit {
                Smuggled(value: client.connect(station: "OFF", on: loop, handler: Deaf()))
            }
            _ = channel.value.isOpen
        }
    }

    @Test("on its loop, a channel answers and a send of a channel not yet open is refused, not trapped")
    func onLoopCallsWork() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { group.shutdown() }
        let loop = group.loops[0]
        let client = try WebSocketClient(url: "ws://127.0.0.1:9/ocpp")
        let (open, sent, station) = try await loop.submit {
            let channel = client.connect(station: "ON", on: loop, handler: Deaf())
            channel.tag = 7
            let answers = (channel.isOpen, channel.send(text: "[2,\"1\",\"Heartbeat\",{}]"), channel.stationID)
            channel.abort()
            return answers
        }
        #expect(!open)
        #expect(!sent)
        #expect(station == "ON")
    }

    @Test("a loop-bound value is read and changed on its loop")
    func loopBoundOnItsLoop() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { group.shutdown() }
        let loop = group.loops[0]
        let bound = try await loop.submit { LoopBound(41, loop: loop) }
        let changed = try await loop.submit {
            var changed = bound
            changed.value += 1
            return changed
        }
        let value = try await loop.submit { changed.value }
        #expect(value == 42)
    }

    @Test("a loop-bound value read from another thread stops the process")
    func loopBoundOffItsLoopTraps() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let group = try EventLoopGroup(loopCount: 1)
            let loop = group.loops[0]
            let bound = try await loop.submit { LoopBound([1, 2, 3], loop: loop) }
            _ = bound.value
        }
        let stderr = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(stderr.contains("LoopBound.value called off its event loop's thread"))
    }
}
