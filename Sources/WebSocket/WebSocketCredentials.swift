/// HTTP Basic credentials, as OCPP 1.6 security profiles 1 and 2 use them: the charge box id and its
/// password, sent as `Authorization: Basic base64(<id>:<password>)`.
public struct WebSocketCredentials: Hashable, Sendable {
    /// The user: in OCPP, the charge box id.
    public var username: String
    /// The password (OCPP's `AuthorizationKey`).
    public var password: String

    /// - Parameters:
    ///   - username: The user: in OCPP, the charge box id.
    ///   - password: The password.
    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }

    /// The value of the `Authorization` header.
    var authorizationValue: String {
        "Basic " + Base64.encode(Array("\(username):\(password)".utf8))
    }

    /// Parses an `Authorization` header value; `nil` when it is not well-formed Basic credentials.
    init?(authorizationValue value: String) {
        let parts = value.utf8.split(separator: UInt8(ascii: " "), maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, HTTPHead.equalsIgnoringASCIICase(parts[0], "basic"),
            let decoded = Base64.decode(parts[1].drop { $0 == UInt8(ascii: " ") }),
            let colon = decoded.firstIndex(of: UInt8(ascii: ":"))
        else { return nil }
        self.username = String(decoding: decoded[..<colon], as: UTF8.self)
        self.password = String(decoding: decoded[(colon + 1)...], as: UTF8.self)
    }
}
