import Net

/// One event loop for a test, with what the WebSocket tests do on it: connect a client, start a server of
/// ours. Shut it down on every path: `defer { testLoop.shutdown() }`.
struct TestLoop {
    let group: EventLoopGroup
    var loop: EventLoop { group.loops[0] }

    init() throws {
        group = try EventLoopGroup(loopCount: 1)
    }

    func shutdown() {
        group.shutdown()
    }

    /// Connects `recorder` to `url` as `station`; `configure` gets the new channel on the loop (to set its
    /// ping interval…).
    func connect(
        _ recorder: ChannelRecorder, to url: String, station: String = "GU0001",
        options: WebSocketClientOptions = WebSocketClientOptions(), sourceAddress: SocketAddress? = nil,
        configure: @escaping @Sendable (WebSocketChannel) -> Void = { _ in }
    ) async throws {
        let client = try WebSocketClient(url: url, options: options)
        let loop = loop
        try await loop.submit {
            configure(client.connect(station: station, on: loop, handler: recorder, sourceAddress: sourceAddress))
        }
    }

    /// Starts a server of ours on 127.0.0.1 whose channels report to `recorder`; returns its `ws://` URL.
    func server(
        _ recorder: ChannelRecorder, options: WebSocketServerOptions = WebSocketServerOptions()
    ) async throws -> String {
        let server = try await WebSocketServer.start(host: "127.0.0.1", port: 0, group: group, options: options) { _ in
            recorder
        }
        return "ws://\(server.address)/ocpp"
    }
}
