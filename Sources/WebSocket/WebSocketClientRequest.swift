/// What a client asks for in its upgrade request.
public struct WebSocketClientRequest: Hashable, Sendable {
    /// The `Host` header: the server's name, with `:port` when the port is not the scheme's default.
    public var host: String
    /// The request target, such as `/ocpp/GU00001`: the CSMS URL's path followed by the charge box id,
    /// already percent-encoded (it is written as given).
    public var path: String
    /// Basic credentials for OCPP security profiles 1 and 2, or `nil` for none.
    public var credentials: WebSocketCredentials?

    /// - Parameters:
    ///   - host: The `Host` header, with `:port` when it is not the scheme's default.
    ///   - path: The request target, starting with `/`.
    ///   - credentials: Basic credentials, or `nil` for none.
    public init(host: String, path: String, credentials: WebSocketCredentials? = nil) {
        self.host = host
        self.path = path
        self.credentials = credentials
    }
}
