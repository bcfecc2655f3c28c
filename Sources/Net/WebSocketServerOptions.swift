import WebSocket

/// How a ``WebSocketServer`` serves.
public struct WebSocketServerOptions: Sendable {
    /// Limits on what clients may send (frame and message size).
    public var limits: WebSocketConfiguration
    /// How long a client may take from TCP accept to a complete upgrade (TLS included).
    public var handshakeTimeout: Duration
    /// `wss://`: the PEM certificate chain to present; with ``privateKeyFile``, the server speaks TLS.
    public var certificateChainFile: String?
    /// `wss://`: the PEM private key of the certificate.
    public var privateKeyFile: String?
    /// The listen backlog of each loop's socket.
    public var backlog: Int32

    public init(
        limits: WebSocketConfiguration = WebSocketConfiguration(), handshakeTimeout: Duration = .seconds(10),
        certificateChainFile: String? = nil, privateKeyFile: String? = nil, backlog: Int32 = 4096
    ) {
        self.limits = limits
        self.handshakeTimeout = handshakeTimeout
        self.certificateChainFile = certificateChainFile
        self.privateKeyFile = privateKeyFile
        self.backlog = backlog
    }
}
