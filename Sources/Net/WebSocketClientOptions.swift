import WebSocket

/// How a ``WebSocketClient`` connects.
public struct WebSocketClientOptions: Sendable {
    /// The password for HTTP Basic auth (OCPP security profiles 1 and 2), sent with the station id as the
    /// user name; `nil` sends no credentials.
    public var password: String?
    /// How long connecting may take, TCP connect, TLS and the upgrade together.
    public var connectTimeout: Duration
    /// Limits on what the server may send (frame and message size).
    public var limits: WebSocketConfiguration
    /// `wss://`: a PEM file of the authorities to trust instead of the system's (`--ca-file`).
    public var caFile: String?
    /// `wss://`: skip certificate verification (`--insecure`); the link is encrypted but not authenticated.
    public var insecure: Bool

    public init(
        password: String? = nil, connectTimeout: Duration = .seconds(10),
        limits: WebSocketConfiguration = WebSocketConfiguration(), caFile: String? = nil, insecure: Bool = false
    ) {
        self.password = password
        self.connectTimeout = connectTimeout
        self.limits = limits
        self.caFile = caFile
        self.insecure = insecure
    }
}
