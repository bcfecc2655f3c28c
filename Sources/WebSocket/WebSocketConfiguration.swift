/// Limits a connection enforces on what its peer sends; every limit is checked before bytes are kept.
public struct WebSocketConfiguration: Hashable, Sendable {
    /// The largest frame payload accepted, in bytes; a larger one closes with 1009.
    public var maxFrameSize: UInt32
    /// The largest message accepted, all its fragments together, in bytes; a larger one closes with 1009.
    public var maxMessageSize: UInt32
    /// The largest HTTP head (request or answer, up to the blank line) accepted, in bytes.
    public var maxHandshakeSize: UInt32
    /// Whether binary messages are delivered. OCPP-J carries its messages in text frames only, so by
    /// default a binary frame closes the connection with 1003 (RFC 6455 §7.4.1: data the endpoint cannot
    /// accept), refused from its header before any of its payload is kept.
    public var acceptsBinaryMessages: Bool

    /// - Parameters:
    ///   - maxFrameSize: The largest frame payload accepted; 1 MiB by default.
    ///   - maxMessageSize: The largest reassembled message accepted; 1 MiB by default.
    ///   - maxHandshakeSize: The largest HTTP head accepted; 8 KiB by default.
    ///   - acceptsBinaryMessages: Whether binary messages are delivered rather than refused with 1003.
    public init(
        maxFrameSize: UInt32 = 1 << 20, maxMessageSize: UInt32 = 1 << 20, maxHandshakeSize: UInt32 = 8192,
        acceptsBinaryMessages: Bool = false
    ) {
        self.maxFrameSize = maxFrameSize
        self.maxMessageSize = maxMessageSize
        self.maxHandshakeSize = maxHandshakeSize
        self.acceptsBinaryMessages = acceptsBinaryMessages
    }
}
