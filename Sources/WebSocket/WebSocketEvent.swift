/// What ``WebSocketConnection/receive(_:into:)`` found in the bytes it was given.
public enum WebSocketEvent {
    /// Server: a valid upgrade request. Answer it with ``WebSocketConnection/acceptUpgrade(into:)`` or
    /// ``WebSocketConnection/refuseUpgrade(_:into:)`` before receiving more.
    case upgradeRequested(WebSocketUpgradeRequest)
    /// Client: the server accepted the upgrade and selected `ocpp1.6`; the connection is open.
    case opened
    /// A complete text message, valid UTF-8.
    case text(WebSocketPayload)
    /// A complete binary message.
    case binary(WebSocketPayload)
    /// A pong, answering our ping (or unsolicited, as a heartbeat).
    case pong(WebSocketPayload)
    /// The close handshake is complete (the peer's close answered, or our close acknowledged), with the
    /// peer's code and reason. Flush the output, then close the socket: a server at once; a client may
    /// first give the server a moment to close its end (RFC 6455 §7.1.1), so the server's side of the
    /// TCP connection is the one left in TIME_WAIT.
    case closed(WebSocketCloseCode?, reason: String)
    /// The handshake or the connection failed. Flush the output (it may hold a close frame or an HTTP
    /// error answer), then close the socket.
    case failed(WebSocketError)
}
