import Glibc
import Synchronization

/// A WebSocket server for OCPP 1.6J: one listening socket per event loop on a shared port, each loop
/// serving the channels it accepts with its own ``WebSocketHandler``.
public final class WebSocketServer: Sendable {
    /// The address the server listens on, with the port the system chose if `0` was asked.
    public let address: SocketAddress
    private let listeners: [ListenerBox]

    private init(address: SocketAddress, listeners: [ListenerBox]) {
        self.address = address
        self.listeners = listeners
    }

    /// Starts listening on every loop of `group`.
    /// - Parameters:
    ///   - host: a numeric address to listen on (`127.0.0.1`, `::1`, `0.0.0.0`).
    ///   - port: the port, or `0` for one the system chooses (read it back from ``address``).
    ///   - makeHandler: called once on each loop, on that loop, for the handler of its channels.
    /// - Throws: ``NetError`` when the address is not numeric or cannot be bound, or TLS cannot load.
    public static func start(
        host: String, port: UInt16, group: EventLoopGroup, options: WebSocketServerOptions = WebSocketServerOptions(),
        makeHandler: @escaping @Sendable (EventLoop) -> any WebSocketHandler
    ) async throws -> WebSocketServer {
        guard var address = SocketAddress(ip: host, port: port) else {
            throw NetError(.invalidURL, "cannot listen on \"\(host)\": a numeric address is needed")
        }
        var tlsContext: TLSContext?
        if let certificate = options.certificateChainFile, let key = options.privateKeyFile {
            do {
                tlsContext = try TLSContext(.server(certificateChainFile: certificate, privateKeyFile: key))
            } catch {
                throw NetError(.tlsFailure, "cannot load the server certificate: \(error)")
            }
        }
        var listeners: [ListenerBox] = []
        do {
            for loop in group.loops {
                let bound = address
                let box = try await loop.submit { [tlsContext] in
                    let fd = try TCP.makeListener(on: bound, backlog: options.backlog)
                    let actual = try Syscall.localAddress(fd)
                    let listener = WebSocketListener(
                        loop: loop, fd: fd, handler: makeHandler(loop), options: options, tlsContext: tlsContext)
                    try loop.register(fd, interest: .read, handler: listener)
                    return ListenerBox(listener: LoopBound(listener, loop: loop), address: actual)
                }
                // The first socket learns the port; the other loops bind the same one.
                address = box.address
                listeners.append(box)
            }
        } catch {
            for box in listeners { await box.close() }
            throw NetError(.system, "cannot listen on \(address): \(error)")
        }
        return WebSocketServer(address: address, listeners: listeners)
    }

    /// Stops accepting connections; the open channels go on until they close.
    public func stop() async {
        for box in listeners { await box.close() }
    }
}

/// A loop's listener and the address it listens on, as other threads hold it.
private struct ListenerBox: Sendable {
    let listener: LoopBound<WebSocketListener>
    let address: SocketAddress

    func close() async {
        let listener = self.listener
        _ = try? await listener.loop.submit { listener.value.close() }
    }
}
