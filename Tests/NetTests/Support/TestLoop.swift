import Net

/// The event loops of a test, with what the socket tests do on them: start a server of ours, connect a
/// client. Shut it down on every path: `defer { testLoop.shutdown() }`.
struct TestLoop {
    let group: EventLoopGroup
    /// The first loop: the one servers accept on and clients connect from unless told otherwise.
    var loop: EventLoop { group.loops[0] }

    init(loops: Int = 1) throws {
        group = try EventLoopGroup(loopCount: loops)
    }

    func shutdown() {
        group.shutdown()
    }

    /// Connects `recorder` to `url` as `station` from `loop` (the first by default); `configure` gets the new
    /// channel on its loop (to set its ping interval…).
    func connect(
        _ recorder: ChannelRecorder, to url: String, station: String = "GU0001",
        options: WebSocketClientOptions = WebSocketClientOptions(), sourceAddress: SocketAddress? = nil,
        conditions: LinkConditions? = nil, on loop: EventLoop? = nil,
        configure: @escaping @Sendable (WebSocketChannel) -> Void = { _ in }
    ) async throws {
        let client = try WebSocketClient(url: url, options: options)
        let loop = loop ?? self.loop
        try await loop.submit {
            configure(
                client.connect(
                    station: station, on: loop, handler: recorder, sourceAddress: sourceAddress,
                    conditions: conditions))
        }
    }

    /// Starts a server of ours on `host` whose channels report to `recorder`.
    func startServer(
        _ recorder: ChannelRecorder, host: String = "127.0.0.1", options: WebSocketServerOptions = WebSocketServerOptions()
    ) async throws -> WebSocketServer {
        try await WebSocketServer.start(host: host, port: 0, group: group, options: options) { _ in recorder }
    }

    /// Starts a server of ours on 127.0.0.1 whose channels report to `recorder`; returns its `ws://` URL.
    func server(
        _ recorder: ChannelRecorder, options: WebSocketServerOptions = WebSocketServerOptions()
    ) async throws -> String {
        "ws://\(try await startServer(recorder, options: options).address)/ocpp"
    }
}
