import Basics
import WebSocket

/// Connects stations to one CSMS URL: the URL is parsed, its host resolved and its TLS context loaded once,
/// then each ``connect(station:on:handler:sourceAddress:conditions:)`` opens one ``WebSocketChannel``.
public final class WebSocketClient: Sendable {
    /// The CSMS URL; each station connects to its path followed by `/<station id>`.
    public let url: WebSocketURL
    /// The options every connection uses.
    public let options: WebSocketClientOptions
    /// The server's addresses, tried in order while connects are refused.
    let addresses: [SocketAddress]
    let tlsContext: TLSContext?

    /// Parses the URL, resolves its host (this blocks: call it before the loops run, or off them) and, for
    /// `wss://`, loads the trust store.
    /// - Throws: ``NetError`` (``NetError/Code/invalidURL``, ``NetError/Code/nameNotResolved``,
    ///   ``NetError/Code/tlsFailure`` for an unreadable CA file).
    public convenience init(url: String, options: WebSocketClientOptions = WebSocketClientOptions()) throws(NetError) {
        try self.init(url: try WebSocketURL(url), options: options)
    }

    /// As ``init(url:options:)-(String,_)``, from a parsed URL.
    public init(url: WebSocketURL, options: WebSocketClientOptions = WebSocketClientOptions()) throws(NetError) {
        self.url = url
        self.options = options
        addresses = try Resolver.resolve(host: url.host, port: url.port)
        if url.isSecure {
            do {
                tlsContext = try TLSContext(
                    .client(serverName: url.host, caFile: options.caFile, insecure: options.insecure))
            } catch {
                throw NetError(.tlsFailure, "cannot prepare TLS for \(url): \(error)")
            }
        } else {
            tlsContext = nil
        }
    }

    /// Opens a channel for station `id` on `loop`. Call it on `loop`. The outcome comes to `handler`:
    /// ``WebSocketHandler/webSocketOpened(_:)``, or ``WebSocketHandler/webSocketClosed(_:reason:)`` with
    /// the reason it failed (refused, not resolved, timed out, TLS, HTTP status, subprotocol). The handler is
    /// never called from inside this call, so the caller can set ``WebSocketChannel/tag`` first.
    /// - Parameters:
    ///   - sourceAddress: a local address to connect from (`--source-addresses`); its port is ignored.
    ///   - conditions: what the network does to the link from its first byte (a connect under a
    ///     partition waits for it to heal); see ``WebSocketChannel/conditions``.
    ///   - keySeed: the seed of the connection's `Sec-WebSocket-Key` and masking keys, so that a seeded
    ///     run writes the same bytes each time; nil draws them from the loop's generator.
    @discardableResult
    public func connect(
        station id: String, on loop: EventLoop, handler: any WebSocketHandler, sourceAddress: SocketAddress? = nil,
        conditions: LinkConditions? = nil, keySeed: UInt64? = nil
    ) -> WebSocketChannel {
        precondition(loop.inLoop, "connect on the channel's own loop")
        let request = WebSocketClientRequest(
            host: url.hostHeader, path: url.requestPath(station: id),
            credentials: options.password.map { WebSocketCredentials(username: id, password: $0) })
        let codec: WebSocketConnection
        if let keySeed {
            var seeded = SplitMix64(seed: keySeed)
            codec = WebSocketConnection.client(
                request, configuration: options.limits, random: &seeded, requestInto: &loop.output)
        } else {
            codec = WebSocketConnection.client(
                request, configuration: options.limits, random: &loop.random, requestInto: &loop.output)
        }
        var tls: TLSEngine?
        var tlsFailure: TLSError?
        if let tlsContext {
            do {
                tls = try TLSEngine(context: tlsContext)
            } catch {
                tlsFailure = error
            }
        }
        let channel = WebSocketChannel(
            loop: loop, fd: -1, phase: .connecting, stationID: id, handler: handler, client: self, codec: codec,
            tls: tls, sourceAddress: sourceAddress)
        channel.queueRequest()
        if let tlsFailure {
            channel.failLater(NetError(.tlsFailure, "cannot start TLS: \(tlsFailure)"))
            return channel
        }
        channel.armTimer(after: options.connectTimeout, tag: WebSocketChannel.TimerTag.openTimeout)
        channel.beginConnect(under: conditions)
        return channel
    }
}
