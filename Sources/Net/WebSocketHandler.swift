import WebSocket

/// What the upper layers implement to use a ``WebSocketChannel``: called on the channel's event loop.
///
/// One handler may serve many channels (a server's handler usually serves all channels of its loop): each
/// call names the channel, and ``WebSocketChannel/tag`` can tell them apart.
public protocol WebSocketHandler: AnyObject {
    /// The opening handshake completed: messages can flow.
    func webSocketOpened(_ channel: WebSocketChannel)

    /// A complete text message. `text` is valid UTF-8 and lives only during the call: read it now.
    func webSocket(_ channel: WebSocketChannel, received text: UnsafeRawBufferPointer)

    /// The channel ended, or never opened (a client's connect or handshake failed); it is unusable now.
    /// A server channel that never opened ends silently.
    func webSocketClosed(_ channel: WebSocketChannel, reason: WebSocketCloseReason)

    /// The channel's send buffer drained after ``WebSocketChannel/isWritable`` had turned `false`.
    func webSocketWritable(_ channel: WebSocketChannel)

    /// Server: a client asks to upgrade, with its station id (``WebSocketChannel/stationID`` is set) and
    /// credentials. Return `nil` to accept, or the HTTP refusal to answer.
    func webSocketUpgradeRequested(_ channel: WebSocketChannel, request: WebSocketUpgradeRequest) -> WebSocketRefusal?
}

extension WebSocketHandler {
    public func webSocketWritable(_ channel: WebSocketChannel) {}

    public func webSocketUpgradeRequested(
        _ channel: WebSocketChannel, request: WebSocketUpgradeRequest
    ) -> WebSocketRefusal? {
        nil
    }
}
