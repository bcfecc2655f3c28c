/// How a server turns down a valid upgrade request.
public struct WebSocketRefusal: Hashable, Sendable {
    /// The HTTP status code.
    public var statusCode: Int
    /// The HTTP reason phrase.
    public var reasonPhrase: String

    /// 401 with a Basic challenge: missing or wrong credentials.
    public static let unauthorized = WebSocketRefusal(statusCode: 401, reasonPhrase: "Unauthorized")
    /// 404: no such station.
    public static let notFound = WebSocketRefusal(statusCode: 404, reasonPhrase: "Not Found")
    /// 503: the server is overloaded or going down; clients should come back later.
    public static let serviceUnavailable = WebSocketRefusal(statusCode: 503, reasonPhrase: "Service Unavailable")
}
